package dev.vigil.store.posture;

import dev.vigil.detect.trust.TrustScorer;
import dev.vigil.store.db.Page;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Trust and risk over time: trust history points, tier changes, the estate's snapshots. */
public interface PostureStore {

    /** Each device's latest history point. */
    Map<String, TrustPoint> lastPoints();

    /** Writes (or replaces) a device's history point at an evidence time. */
    void point(String deviceId, String ts, double score, String tier, List<TrustScorer.Factor> factors, long now);

    /** A device's history, oldest first. */
    List<TrustPoint> history(String deviceId);

    void tierEvent(TrustScorer.TierChange change, long now);

    /** A device's tier changes, oldest first. */
    List<TierEventDocument> tierEvents(String deviceId);

    /** The tier changes written last, newest first. */
    List<TierEventDocument> recentTierEvents(int limit);

    /** Writes (or replaces) the snapshot of a slot of evidence time ({@code ts}, epoch ms). */
    void snapshot(long ts, SnapshotDocument s, long now);

    Optional<SnapshotDocument> latestSnapshot();

    /** Snapshots, newest first. */
    Page<SnapshotDocument> snapshots(int limit, int offset);

    /** An inventory snapshot as listed: its time (epoch ms of packet time), reason and sizes. */
    record InventorySnapshotInfo(long ts, String at, String reason, long devices, long links) {
    }

    /** Writes (or replaces) the inventory snapshot of packet time {@code ts} (epoch ms). */
    void inventorySnapshot(long ts, dev.vigil.detect.inventory.InventorySnapshot snapshot, long now);

    /** The latest inventory snapshot taken at or before {@code ts} (epoch ms), if any. */
    Optional<dev.vigil.detect.inventory.InventorySnapshot> inventoryAt(long ts);

    /** The inventory snapshots, newest first, at most {@code limit}. */
    List<InventorySnapshotInfo> inventorySnapshots(int limit);
}
