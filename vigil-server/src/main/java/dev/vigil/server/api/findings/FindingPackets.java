package dev.vigil.server.api.findings;

import dev.vigil.server.api.Caller;
import dev.vigil.store.audit.AuditStore;
import dev.vigil.store.packets.PacketStore;
import io.javalin.http.Context;
import java.util.NoSuchElementException;

/**
 * The packets behind a finding as a pcap download: the most recent packets of the flows it names,
 * stored with it when it was found (see the ingest package's FindingFlows).
 */
public final class FindingPackets {

    private final PacketStore packets;
    private final AuditStore audit;

    public FindingPackets(PacketStore packets, AuditStore audit) {
        this.packets = packets;
        this.audit = audit;
    }

    /** {packets, flows, bytes, updated} of what is stored for a finding, or null. */
    public PacketsView info(String findingId) {
        return packets.info(findingId).map(PacketsView::of).orElse(null);
    }

    /** Sends a finding's pcap; 404 when none was kept. */
    public void serve(Context ctx, String findingId) {
        byte[] pcap = packets.pcap(findingId).orElseThrow(() -> new NoSuchElementException("no packets were kept for finding "
                + findingId + " (it names no flow, or the ring had dropped them when it was found)"));
        audit.append(Caller.name(ctx), "finding.packets", findingId, pcap.length + " bytes");
        String name = "vigil-" + findingId.replaceAll("[^A-Za-z0-9_.-]", "_") + ".pcap";
        ctx.contentType("application/vnd.tcpdump.pcap").header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .result(pcap);
    }
}
