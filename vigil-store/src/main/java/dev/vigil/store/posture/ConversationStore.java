package dev.vigil.store.posture;

import java.util.Collection;
import java.util.List;

/** Who talks to whom ({@code edges}): per client, server and service, summed over every window. */
public interface ConversationStore {

    /** Names kept per conversation at most. */
    int MAX_NAMES = 8;

    /** Adds a window's part of a conversation, and the names the client used for its server. */
    void add(String src, String dst, String service, long flows, long bytes, long lastSeenMillis, Collection<String> names,
            long now);

    /** How many conversations there are. */
    long count();

    /** Every conversation's ends and service (no counters), ordered. */
    List<dev.vigil.detect.inventory.InventorySnapshot.Link> links();

    /** The conversations that carried the most bytes. */
    List<EdgeRow> top(int limit);

    /** The conversations of an address (either end) that carried the most bytes. */
    List<EdgeRow> of(String ip, int limit);
}
