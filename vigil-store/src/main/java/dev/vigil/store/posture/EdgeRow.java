package dev.vigil.store.posture;

/**
 * A conversation: client address, server address, service, what it carried.
 *
 * @param lastSeen the last packet (epoch ms, packet time)
 * @param names the names the client used for the server, comma-separated, or null
 */
public record EdgeRow(String src, String dst, String service, long flows, long bytes, long lastSeen, String names) {
}
