package dev.vigil.engine.stream;

/**
 * Bounds of TCP reassembly, per flow and direction.
 *
 * @param depthBytes bytes of each direction handed to dissectors at most (default 256 KiB, as
 *     Suricata's stream depth; dissectors usually finish far earlier)
 * @param maxPendingBytes bytes a dissector may leave unconsumed while waiting for the rest of a
 *     message (default 64 KiB: a long certificate chain)
 * @param maxOutOfOrderBytes bytes of out-of-order segments held per direction (default 32 KiB)
 * @param maxOutOfOrderSegments out-of-order segments held per direction (default 32)
 * @param probeBytes bytes examined to recognise a protocol before giving up (default 2 KiB)
 */
public record ReassemblyLimits(int depthBytes, int maxPendingBytes, int maxOutOfOrderBytes,
        int maxOutOfOrderSegments, int probeBytes) {

    public static final ReassemblyLimits DEFAULT = new ReassemblyLimits(256 * 1024, 64 * 1024, 32 * 1024, 32, 2048);

    public ReassemblyLimits {
        if (depthBytes < 0 || maxPendingBytes < 1024 || maxOutOfOrderBytes < 0 || maxOutOfOrderSegments < 0
                || probeBytes < 16) {
            throw new IllegalArgumentException("invalid reassembly limits");
        }
    }
}
