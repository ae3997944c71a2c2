/**
 * TLS 1.0–1.3 (RFC 2246, 4346, 5246, 8446), SSL 2.0 and 3.0 hellos, DTLS (RFC 6347): versions,
 * SNI, ALPN, cipher suites, JA3/JA3S and JA4 fingerprints, the clear-text certificate chain
 * (parsed by the JDK's X.509 implementation), alerts and heartbeats (RFC 6520).
 */
package dev.vigil.engine.proto.tls;
