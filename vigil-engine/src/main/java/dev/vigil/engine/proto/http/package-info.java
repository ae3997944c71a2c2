/**
 * HTTP/1.x (RFC 9110, RFC 9112) and RTSP (RFC 2326): request and response heads, Basic and Digest
 * credentials (RFC 7617, RFC 7616), keep-alive framing by Content-Length and chunked coding, and the
 * start of small text bodies (UPnP device descriptions, HTML titles) for device identification.
 */
package dev.vigil.engine.proto.http;
