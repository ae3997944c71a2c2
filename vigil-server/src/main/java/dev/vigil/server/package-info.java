/**
 * {@code vigil serve}: the always-on service. Continuous ingestion (captures, stdin, a live interface,
 * NetFlow/IPFIX, Zeek logs) analysed in windows and committed to the store with its position, a REST
 * API with an OpenAPI description, the web dashboard, authentication with roles and TOTP, encryption
 * of sensitive fields at rest, a hash-chained audit log, and alert outputs.
 */
package dev.vigil.server;
