package dev.vigil.server.ingest;

import dev.vigil.detect.findings.Finding;
import dev.vigil.detect.findings.FindingCatalog;
import dev.vigil.engine.flow.PacketRing;
import dev.vigil.engine.flow.FlowMeta;
import dev.vigil.engine.net.Ip;
import dev.vigil.store.findings.FindingIds;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The flows a finding names and the packets of them the ring still holds: flows between the
 * finding's device and its peer (on the peer's port, when the finding names one), or, for a
 * detection without a peer, the device's own flows. Vulnerability findings come from what a device
 * is, not from packets, and get none.
 */
final class FindingFlows {

    /** Flows of one finding kept at most: with the ring's limits, 8 × 16 packets × 256 bytes = 32 KiB. */
    static final int MAX_FLOWS = 8;

    private FindingFlows() {
    }

    /** A pcap for every finding that names flows the ring holds, by finding id. */
    static Map<String, PacketRing.Pcap> pcaps(PacketRing ring, List<Finding> findings) {
        Map<String, PacketRing.Pcap> out = new HashMap<>();
        FindingCatalog catalog = FindingCatalog.bundled();
        for (Finding f : findings) {
            String category = catalog.has(f.type()) ? catalog.get(f.type()).category() : "";
            Ip device = f.device().ip() == null ? null : Ip.tryParse(f.device().ip());
            Ip peer = f.peer() == null || f.peer().ip() == null ? null : Ip.tryParse(f.peer().ip());
            Integer port = f.peer() == null ? null : f.peer().port();
            if (device == null || category.equals("vulnerability") || (peer == null && !category.equals("detection"))) {
                continue;
            }
            long[] flows = ring.flows(m -> names(m, device, peer, port), MAX_FLOWS);
            PacketRing.Pcap p = flows.length == 0 ? null : ring.pcap(flows);
            if (p != null) {
                out.put(FindingIds.of(f), p);
            }
        }
        return out;
    }

    private static boolean names(FlowMeta m, Ip device, Ip peer, Integer port) {
        Ip other;
        if (device.equals(m.clientIp())) {
            other = m.serverIp();
        } else if (device.equals(m.serverIp())) {
            other = m.clientIp();
        } else {
            return false;
        }
        if (peer == null) {
            return true;
        }
        if (!peer.equals(other)) {
            return false;
        }
        return port == null || port == m.serverPort() || port == m.clientPort();
    }
}
