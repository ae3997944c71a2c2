package dev.vigil.server.api;

import dev.vigil.server.VigilServer;
import dev.vigil.server.auth.Role;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import org.jdbi.v3.core.Handle;

/**
 * The packets behind a finding as a pcap download: the most recent packets of the flows it names,
 * stored with it when it was found (see the ingest package's FindingFlows).
 */
final class FindingPackets {

    private FindingPackets() {
    }

    static void install(VigilServer s, RoutesConfig r) {
        r.get("/api/findings/{id}/packets.pcap", ctx -> serve(s, ctx, ctx.pathParam("id")), Role.VIEWER);
    }

    /** {packets, flows, bytes, updated} of what is stored for a finding, or null. */
    static Map<String, Object> info(Handle h, String findingId) {
        return h.createQuery("SELECT packets, flows, pcap, updated FROM finding_packets WHERE finding_id = :f")
                .bind("f", findingId).map((rs, c) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("packets", rs.getLong("packets"));
                    m.put("flows", rs.getLong("flows"));
                    m.put("bytes", rs.getBytes("pcap").length);
                    m.put("updated", rs.getLong("updated"));
                    return m;
                }).findOne().orElse(null);
    }

    static void serve(VigilServer s, Context ctx, String findingId) {
        byte[] pcap = s.store().read(h -> h.createQuery("SELECT pcap FROM finding_packets WHERE finding_id = :f")
                .bind("f", findingId).map((rs, c) -> rs.getBytes("pcap")).findOne().orElse(null));
        if (pcap == null) {
            throw new NoSuchElementException("no packets were kept for finding " + findingId
                    + " (it names no flow, or the ring had dropped them when it was found)");
        }
        Api.audit(s, ctx, "finding.packets", findingId, pcap.length + " bytes");
        String name = "vigil-" + findingId.replaceAll("[^A-Za-z0-9_.-]", "_") + ".pcap";
        ctx.contentType("application/vnd.tcpdump.pcap").header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .result(pcap);
    }
}
