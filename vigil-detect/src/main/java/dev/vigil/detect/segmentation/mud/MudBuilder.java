package dev.vigil.detect.segmentation.mud;

import dev.vigil.detect.inventory.Device;
import dev.vigil.detect.segmentation.Service;
import dev.vigil.detect.segmentation.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes learned entries as a MUD file: for each kind of flow, an entry in the from-device ACL and
 * its counterpart in the to-device ACL, as in RFC 8520's example (cl0-frdev, cl0-todev): the side
 * that starts the flow names the responder's port as destination-port, the other names it as
 * source-port, and TCP entries say who initiates (direction-initiated).
 */
final class MudBuilder {

    private MudBuilder() {
    }

    static MudFile file(String url, Device d, Map<Observed, MudLearner.Acc> entries, int devices, String systeminfo) {
        List<MudFile.Acl> from = new ArrayList<>();
        List<MudFile.Acl> to = new ArrayList<>();
        String tag = "mud-" + String.format("%05d", Math.floorMod(url.hashCode(), 100_000));
        long last = Long.MIN_VALUE;
        for (boolean v6 : new boolean[] {false, true}) {
            List<MudFile.Ace> fr = new ArrayList<>();
            List<MudFile.Ace> tod = new ArrayList<>();
            int i = 0;
            for (Map.Entry<Observed, MudLearner.Acc> e : entries.entrySet()) {
                Observed o = e.getKey();
                if (o.v6() != v6) {
                    continue;
                }
                MudLearner.Acc a = e.getValue();
                last = Math.max(last, a.last);
                MudFile.Evidence ev = new MudFile.Evidence(MudLearner.time(a.first), MudLearner.time(a.last), a.flows,
                        a.devices.size(), (double) a.devices.size() / devices);
                String name = prefix(o) + i++;
                fr.add(new MudFile.Ace(name + "-frdev", matches(o, true), true, ev));
                tod.add(new MudFile.Ace(name + "-todev", matches(o, false), true, ev));
            }
            if (!fr.isEmpty()) {
                from.add(new MudFile.Acl(tag + (v6 ? "-v6fr" : "-v4fr"), v6, fr));
                to.add(new MudFile.Acl(tag + (v6 ? "-v6to" : "-v4to"), v6, tod));
            }
        }
        return new MudFile(url, MudLearner.time(last == Long.MIN_VALUE ? 0 : last), MudFile.DEFAULT_CACHE_VALIDITY, true,
                systeminfo, d.vendor(), d.model(), null, null, List.of(MudFile.EVIDENCE_EXTENSION), from, to);
    }

    private static String prefix(Observed o) {
        String p = switch (o.kind()) {
            case "dns" -> "dns";
            case "ntp" -> "ntp";
            case "name" -> "cl";
            case "local" -> "loc";
            case "same-manufacturer" -> "man";
            default -> "ent";
        };
        return o.initiatedByDevice() ? p : "in-" + p;
    }

    /**
     * @param fromDevice the entry of the from-device ACL (the peer is the destination), else of the
     *     to-device ACL (the peer is the source)
     */
    static MudFile.Matches matches(Observed o, boolean fromDevice) {
        String name = o.kind().equals("name") ? o.value() : null;
        String net = o.kind().equals("net") ? o.value() : null;
        String controller = switch (o.kind()) {
            case "dns" -> Target.Controller.DNS;
            case "ntp" -> Target.Controller.NTP;
            default -> null;
        };
        boolean local = o.kind().equals("local");
        boolean same = o.kind().equals("same-manufacturer");
        String l4 = o.protocol() == Service.TCP ? "tcp" : o.protocol() == Service.UDP ? "udp"
                : o.protocol() == Service.ICMP || o.protocol() == Service.ICMPV6 ? "icmp" : null;
        MudFile.PortMatch port = l4 == null || l4.equals("icmp") ? null : MudFile.PortMatch.eq(o.port());
        // the responder's port: the peer's when the device starts the flow, the device's otherwise
        boolean peerIsResponder = o.initiatedByDevice();
        boolean peerIsDestination = fromDevice;
        MudFile.PortMatch dst = peerIsResponder == peerIsDestination ? port : null;
        MudFile.PortMatch src = peerIsResponder == peerIsDestination ? null : port;
        String dir = l4 != null && l4.equals("tcp") ? (o.initiatedByDevice() ? "from-device" : "to-device") : null;
        return new MudFile.Matches(o.protocol(), fromDevice ? null : net, fromDevice ? net : null,
                fromDevice ? null : name, fromDevice ? name : null, controller, false, local, same, null, null, src, dst, dir,
                l4);
    }
}
