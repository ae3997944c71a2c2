/**
 * Network addresses as values: {@link dev.vigil.engine.net.Ip} (IPv4 held IPv4-mapped, RFC 4291),
 * {@link dev.vigil.engine.net.Mac} (IEEE 802 48-bit) and {@link dev.vigil.engine.net.Cidr} blocks.
 * The hot path keeps addresses as primitive longs; these types appear where a value leaves it.
 */
package dev.vigil.engine.net;
