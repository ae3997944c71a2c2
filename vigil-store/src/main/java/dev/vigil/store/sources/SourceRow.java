package dev.vigil.store.sources;

import java.util.Map;

/**
 * What a source read over every run of the service, by its name.
 *
 * @param malformedBy malformed input by anomaly name
 * @param position where it is, for people (the file, the packet or row read up to, the last packet's time)
 * @param lastPacket the last committed packet's time (ISO-8601), or null
 * @param created when it was first read (epoch ms)
 */
public record SourceRow(String name, String kind, long packets, long flows, long bytes, long malformed,
        Map<String, Long> malformedBy, long windows, String position, String lastPacket, long created, long updated) {
}
