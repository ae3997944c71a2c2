package dev.vigil.engine.capture;

/**
 * Bounds of the capture readers.
 *
 * @param bufferBytes read buffer size; one buffer per reader (default 4 MiB)
 * @param maxRecordBytes largest pcap record or pcapng block accepted (default 16 MiB); a larger
 *     length means a corrupt file, which is counted ({@code pcap.record_too_large}) and ends the read
 */
public record CaptureLimits(int bufferBytes, int maxRecordBytes) {

    public static final CaptureLimits DEFAULT = new CaptureLimits(4 << 20, 16 << 20);

    public CaptureLimits {
        if (bufferBytes < 64 * 1024 || maxRecordBytes < 65_536) {
            throw new IllegalArgumentException("capture buffers below 64 KiB are not supported");
        }
    }
}
