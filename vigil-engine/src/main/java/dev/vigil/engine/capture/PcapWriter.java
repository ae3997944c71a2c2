package dev.vigil.engine.capture;

import java.io.ByteArrayOutputStream;

/**
 * Writes a classic pcap in memory (draft-ietf-opsawg-pcap §4 and §5): the file header with the
 * nanosecond magic 0xA1B23C4D, little-endian, then one record header and the captured bytes per
 * packet.
 */
public final class PcapWriter {

    static final int MAGIC_NANOSECONDS = 0xA1B23C4D;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** @param linkType the LINKTYPE_ of every packet; @param snapLength the most bytes a record holds */
    public PcapWriter(int linkType, int snapLength) {
        int32(MAGIC_NANOSECONDS);
        int16(2);
        int16(4);
        int32(0);
        int32(0);
        int32(snapLength);
        int32(linkType);
    }

    /** One packet: its time (epoch nanoseconds), the bytes captured, its length on the wire. */
    public void packet(long epochNanos, byte[] buf, int off, int capturedLength, int wireLength) {
        int32((int) (epochNanos / 1_000_000_000L));
        int32((int) (epochNanos % 1_000_000_000L));
        int32(capturedLength);
        int32(wireLength);
        out.write(buf, off, capturedLength);
    }

    public byte[] bytes() {
        return out.toByteArray();
    }

    private void int32(int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }

    private void int16(int v) {
        out.write(v);
        out.write(v >>> 8);
    }
}
