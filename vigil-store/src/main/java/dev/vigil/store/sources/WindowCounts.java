package dev.vigil.store.sources;

import java.util.Map;

/**
 * What a committed window adds to its source, and where the source is after it.
 *
 * @param source the source's name
 * @param kind file, directory, live, stdin, netflow or zeek
 * @param key the checkpoint key of the part being read (a file of a directory, else the name)
 * @param position where the source resumes ("" when it cannot)
 * @param text the position for people
 * @param flows connections that ended in the window
 * @param malformedBy the window's malformed input by anomaly name
 * @param lastPacket the window's last packet time (ISO-8601), or null
 */
public record WindowCounts(String source, String kind, String key, String position, String text, long packets, long flows,
        long bytes, long malformed, Map<String, Long> malformedBy, String lastPacket) {
}
