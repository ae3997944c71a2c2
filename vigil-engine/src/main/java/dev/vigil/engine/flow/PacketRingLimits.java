package dev.vigil.engine.flow;

/**
 * Bounds of a {@link PacketRing}: it holds at most {@code packetsPerFlow} packets of each of at most
 * {@code flows} flows, each cut to {@code snapLength} bytes, so it never holds more than
 * {@link #bytes()} bytes of packet data, all allocated when it is made.
 *
 * @param flows flows kept at once; a new flow takes the place of the one least recently seen
 * @param packetsPerFlow the most recent packets kept of each flow (the older ones are overwritten)
 * @param snapLength bytes kept of each packet (its first bytes: the headers and the start of the payload)
 */
public record PacketRingLimits(int flows, int packetsPerFlow, int snapLength) {

    /** 4096 flows × 16 packets × 256 bytes: 16 MiB of packet data. */
    public static final PacketRingLimits DEFAULTS = new PacketRingLimits(4096, 16, 256);

    /** The most packet data one ring may hold. */
    public static final long MAX_BYTES = 256L << 20;

    public PacketRingLimits {
        if (flows < 1 || packetsPerFlow < 1 || snapLength < 64 || snapLength > 65_535) {
            throw new IllegalArgumentException("packet ring: flows and packets per flow must be 1 or more, the snap length "
                    + "64 to 65535 bytes");
        }
        if ((long) flows * packetsPerFlow * snapLength > MAX_BYTES) {
            throw new IllegalArgumentException("packet ring: " + flows + " flows × " + packetsPerFlow + " packets × "
                    + snapLength + " bytes is more than " + (MAX_BYTES >> 20) + " MiB");
        }
    }

    /** Bytes of packet data the ring holds when full. */
    public long bytes() {
        return (long) flows * packetsPerFlow * snapLength;
    }
}
