package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.server.audit.AuditAnchors;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What someone with write access to the database can do to the audit log, and what catches it:
 * the keyed chain (rewrites), the keyed head record (the newest entries deleted), the anchors
 * outside the store (the store put back to an older state).
 */
class AuditChainTest {

    @TempDir
    Path tmp;

    static JsonNode verify(TestServer.Client admin) throws Exception {
        return admin.get("/api/audit/verify").json();
    }

    static void someChanges(TestServer.Client admin, int n) throws Exception {
        for (int i = 0; i < n; i++) {
            admin.post("/api/users", Map.of("username", "user" + System.nanoTime(), "role", "viewer"));
        }
    }

    @Test
    void deletingTheNewestEntriesIsCaught() throws Exception {
        try (TestServer ts = TestServer.start(TestServer.config(tmp.resolve("data"), List.of()))) {
            TestServer.Client admin = ts.admin();
            someChanges(admin, 3);
            assertThat(verify(admin).get("ok").asBoolean()).isTrue();
            long last = ts.server.store().read(h -> h.createQuery("SELECT MAX(seq) FROM audit").mapTo(Long.class).one());
            ts.server.store().write(h -> h.createUpdate("DELETE FROM audit WHERE seq > :s").bind("s", last - 2).execute());
            JsonNode v = verify(admin);
            assertThat(v.get("ok").asBoolean()).isFalse();
            assertThat(v.get("reason").asText()).contains("were removed");
        }
    }

    /** The unkeyed chain of before: what someone who edits a row can recompute. */
    static String sha256Chain(String prev, long seq, long ts, String actor, String action, String target, String detail)
            throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (String part : new String[] {prev, Long.toString(seq), Long.toString(ts), actor, action, target == null ? "" : target,
            detail == null ? "" : detail}) {
            byte[] b = part.getBytes(StandardCharsets.UTF_8);
            md.update(new byte[] {(byte) (b.length >>> 24), (byte) (b.length >>> 16), (byte) (b.length >>> 8), (byte) b.length});
            md.update(b);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    @Test
    void editingAnEntryAndRecomputingTheChainIsCaught() throws Exception {
        try (TestServer ts = TestServer.start(TestServer.config(tmp.resolve("data"), List.of()))) {
            TestServer.Client admin = ts.admin();
            someChanges(admin, 2);
            // rewrite entry 2 and every hash after it, as the review did, and the head record with them
            ts.server.store().write(h -> {
                List<Map<String, Object>> rows = h.createQuery("SELECT * FROM audit ORDER BY seq").mapToMap().list();
                String prev = null;
                for (Map<String, Object> r : rows) {
                    long seq = ((Number) r.get("seq")).longValue();
                    String actor = seq == 2 ? "mallory" : (String) r.get("actor");
                    String p = prev == null ? (String) r.get("prev_hash") : prev;
                    String hash = sha256Chain(p, seq, ((Number) r.get("ts")).longValue(), actor, (String) r.get("action"),
                            (String) r.get("target"), (String) r.get("detail"));
                    h.createUpdate("UPDATE audit SET actor = :a, prev_hash = :p, hash = :h, version = 0 WHERE seq = :s")
                            .bind("a", actor).bind("p", p).bind("h", hash).bind("s", seq).execute();
                    prev = hash;
                }
                return h.createUpdate("DELETE FROM settings WHERE key = 'audit.head'").execute();
            });
            JsonNode v = verify(admin);
            assertThat(v.get("ok").asBoolean()).isFalse();
        }
    }

    @Test
    void aStorePutBackToAnOlderStateIsCaughtByTheAnchors() throws Exception {
        try (TestServer ts = TestServer.start(TestServer.config(tmp.resolve("data"), List.of()))) {
            TestServer.Client admin = ts.admin();
            String oldHead = ts.server.stores().settings().get("audit.head");
            long oldLast = Long.parseLong(oldHead.split(" ")[0]);
            someChanges(admin, 3);
            AuditAnchors anchors = new AuditAnchors(ts.server.stores().audit(), ts.server.auditAnchors(), n -> { });
            long at = anchors.anchor();
            assertThat(at).isGreaterThan(oldLast);
            assertThat(verify(admin).get("anchors").asInt()).isPositive();
            // the newest entries deleted and the head record put back as it was: consistent inside the store
            ts.server.store().write(h -> {
                h.createUpdate("DELETE FROM audit WHERE seq > :s").bind("s", oldLast).execute();
                ts.server.stores().settings().put("audit.head", oldHead);
                return null;
            });
            assertThat(ts.server.stores().audit().verify(java.util.List.of()).ok()).as("without the anchors").isTrue();
            JsonNode v = verify(admin);
            assertThat(v.get("ok").asBoolean()).isFalse();
            assertThat(v.get("reason").asText()).contains("an anchor of");
            assertThat(java.nio.file.Files.readString(ts.server.auditAnchors())).contains(" " + at + " ");
        }
    }

    @Test
    void retentionPrunesTheOldestEntriesAndTheRestStillVerifies() throws Exception {
        try (TestServer ts = TestServer.start(TestServer.config(tmp.resolve("data"), List.of()))) {
            TestServer.Client admin = ts.admin();
            someChanges(admin, 3);
            ts.server.store().write(h -> h.createUpdate("UPDATE audit SET ts = 0 WHERE seq <= 3").execute());
            // the entries' own times are part of their hashes: made old in the store, they no longer verify, so
            // retention is shown pruning them and the rest verifying from where the chain now starts
            JsonNode pruned = admin.post("/api/retention", null).json();
            assertThat(pruned.get("audit").asInt()).isEqualTo(3);
            JsonNode v = verify(admin);
            assertThat(v.get("ok").asBoolean()).as(v.toString()).isTrue();
            long first = ts.server.store().read(h -> h.createQuery("SELECT MIN(seq) FROM audit").mapTo(Long.class).one());
            assertThat(first).isEqualTo(4);
        }
    }
}
