/** SSH identification strings (RFC 4253 §4.2): protocol and software versions of both sides. */
package dev.vigil.engine.proto.ssh;
