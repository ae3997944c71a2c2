package dev.vigil.engine.capture;

/**
 * One captured frame as a view into a reader's buffer. A {@link PacketSource} refills the same
 * instance for every packet, so nothing is allocated per packet; the view is valid until the next
 * call to {@link PacketSource#next}. Fields are public because this is the hot path's flyweight.
 */
public final class RawPacket {

    /** Buffer holding the frame; owned by the reader. */
    public byte[] data;
    /** Offset of the first byte of the frame in {@link #data}. */
    public int offset;
    /** Bytes captured (caplen); may be less than {@link #wireLength} (snaplen-truncated captures). */
    public int capturedLength;
    /** Length of the frame on the wire. */
    public int wireLength;
    /** Capture time in nanoseconds since the Unix epoch. */
    public long timestampNanos;
    /** Link-layer header type ({@link LinkType}). */
    public int linkType;
    /** Interface index within the capture (pcapng), 0 for classic pcap. */
    public int interfaceId;

    public void set(byte[] data, int offset, int capturedLength, int wireLength, long timestampNanos, int linkType,
            int interfaceId) {
        this.data = data;
        this.offset = offset;
        this.capturedLength = capturedLength;
        this.wireLength = wireLength;
        this.timestampNanos = timestampNanos;
        this.linkType = linkType;
        this.interfaceId = interfaceId;
    }
}
