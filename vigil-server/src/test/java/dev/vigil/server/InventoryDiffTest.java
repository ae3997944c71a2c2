package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.detect.inventory.InventorySnapshot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshots of the inventory and the talk map as captures of different times are read, and what
 * changed between two of them: devices and links that came, fields that changed, never counters.
 */
class InventoryDiffTest {

    @TempDir
    Path tmp;

    @Test
    void snapshotsFollowPacketTimeAndTheDiffNamesWhatCame() throws Exception {
        Path captures = tmp.resolve("captures");
        int files = CrashRecoveryTest.captures(captures);
        try (TestServer ts = TestServer.start(TestServer.config(tmp.resolve("d"), List.of(captures)).withWindow(10, 30))) {
            RestartTest.waitForFiles(ts.server.store(), files);
            TestServer.Client admin = ts.admin();
            JsonNode list = admin.get("/api/inventory/snapshots").json();
            assertThat(list.size()).isGreaterThanOrEqualTo(3);
            List<String> reasons = new ArrayList<>();
            list.forEach(s -> reasons.add(s.get("reason").asText()));
            assertThat(reasons).contains("first").anyMatch(r -> r.equals("new device") || r.equals("input ended"));
            String first = list.get(list.size() - 1).get("at").asText();
            String latest = list.get(0).get("at").asText();
            assertThat(list.get(0).get("devices").asLong()).isEqualTo(RestartTest.count(ts.server.store(),
                    "SELECT COUNT(*) FROM devices"));

            JsonNode d = admin.get("/api/inventory/diff?from=" + first).json();
            assertThat(d.get("from").asText()).isEqualTo(first);
            assertThat(d.get("to").asText()).isEqualTo(latest);
            assertThat(d.get("added").size()).isGreaterThan(0);
            assertThat(d.get("links_added").size()).isGreaterThan(0);
            assertThat(d.get("removed")).isEmpty();
            // the latest against itself: nothing, whatever the counters did meanwhile
            JsonNode none = admin.get("/api/inventory/diff?from=" + latest + "&to=" + latest).json();
            assertThat(none.get("added")).isEmpty();
            assertThat(none.get("changed")).isEmpty();
            assertThat(none.get("links_added")).isEmpty();
            assertThat(admin.get("/api/inventory/diff").status()).isEqualTo(400);
            assertThat(admin.get("/api/inventory/diff?from=yesterday").status()).isEqualTo(400);
            assertThat(admin.get("/api/inventory/diff?from=1970-01-01").status()).isEqualTo(404);
            assertThat(ts.anonymous().get("/api/inventory/snapshots").status()).isEqualTo(401);
        }
    }

    @Test
    void aChangedFieldIsAChangeACounterIsNot() {
        var cam = new InventorySnapshot.DeviceState("mac:1", List.of("10.0.0.5"), "00:11:22:33:44:55", null, "Hikvision", "camera",
                null, "5.4.0", null, null, "trusted");
        var camLater = new InventorySnapshot.DeviceState("mac:1", List.of("10.0.0.5"), "00:11:22:33:44:55", null, "Hikvision",
                "camera", null, "5.5.1", null, null, "restricted");
        var nvr = new InventorySnapshot.DeviceState("mac:2", List.of("10.0.0.9"), null, null, null, "nvr", null, null, null, null,
                "trusted");
        var link = new InventorySnapshot.Link("10.0.0.5", "10.0.0.9", "rtsp");
        var a = new InventorySnapshot(1, "2026-12-01T10:00:00Z", "first", List.of(cam), List.of());
        var b = new InventorySnapshot(1, "2026-12-01T11:00:00Z", "hourly", List.of(camLater, nvr), List.of(link));
        InventorySnapshot.Diff d = a.diff(b);
        assertThat(d.added()).containsExactly(nvr);
        assertThat(d.changed()).hasSize(1);
        assertThat(d.changed().get(0).changes()).extracting(InventorySnapshot.Change::field).containsExactly("firmware", "tier");
        assertThat(d.linksAdded()).containsExactly(link);
        assertThat(b.diff(a).removed()).containsExactly(nvr);
        assertThat(a.diff(a).empty()).isTrue();
    }
}
