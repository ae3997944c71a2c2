/**
 * Packet sources. {@link dev.vigil.engine.capture.Captures#open} recognises classic pcap (both byte
 * orders, micro- and nanosecond stamps; draft-ietf-opsawg-pcap), pcapng (several sections and
 * interfaces, EPB/SPB/OPB; draft-ietf-opsawg-pcapng) and either one gzip-compressed, from a file or
 * a stream. Readers reuse one {@link dev.vigil.engine.capture.RawPacket} and one buffer; a damaged
 * file ends the read with a counted anomaly, never an exception.
 * {@link dev.vigil.engine.capture.PcapWriter} writes packets out as a classic pcap.
 */
package dev.vigil.engine.capture;
