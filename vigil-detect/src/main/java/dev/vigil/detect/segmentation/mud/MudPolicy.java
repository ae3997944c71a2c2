package dev.vigil.detect.segmentation.mud;

import dev.vigil.detect.segmentation.MembershipRule;
import dev.vigil.detect.segmentation.Policy;
import dev.vigil.detect.segmentation.PolicyWriter;
import dev.vigil.detect.segmentation.QuarantineProfile;
import dev.vigil.detect.segmentation.Rule;
import dev.vigil.detect.segmentation.Selector;
import dev.vigil.detect.segmentation.Service;
import dev.vigil.detect.segmentation.Target;
import dev.vigil.detect.segmentation.Zone;
import dev.vigil.engine.net.Cidr;
import dev.vigil.engine.net.Ip;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns MUD files into a policy: each file applies to a zone (its device, or the devices of its
 * model), each entry of its from-device ACLs that starts a flow becomes a rule from the zone, each
 * entry of its to-device ACLs that starts one becomes a rule towards it, and anything else from the
 * zone is denied. Entries that match replies (the source-port half of an exchange, or
 * direction-initiated the other way) are what conntrack lets through and add no rule. A flow
 * between two devices with files is allowed when either file's entry allows it.
 */
public final class MudPolicy {

    /**
     * One file and the devices it applies to.
     *
     * @param file the MUD file
     * @param zone the zone's name
     * @param selectors which devices it is for
     */
    public record Binding(MudFile file, String zone, List<Selector> selectors) {
    }

    /** The policy, the comments (evidence per rule) to write it with, and what could not be carried over. */
    public record Converted(Policy policy, Map<String, List<String>> comments, List<String> notes) {
    }

    private MudPolicy() {
    }

    public static Converted convert(String name, List<Binding> bindings, Map<String, List<Ip>> controllers,
            List<Cidr> localNetworks) {
        Map<String, Zone> zones = new LinkedHashMap<>();
        Map<String, Boolean> defaults = new LinkedHashMap<>();
        List<Rule> rules = new ArrayList<>();
        Map<String, List<String>> comments = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Binding b : bindings) {
            zones.put(b.zone(), new Zone(b.zone(), b.selectors(), 0));
            defaults.put(b.zone(), false);
            Target self = new Target.ZoneRef(b.zone());
            for (boolean fromDevice : new boolean[] {true, false}) {
                for (MudFile.Acl acl : fromDevice ? b.file().fromDevice() : b.file().toDevice()) {
                    for (MudFile.Ace ace : acl.aces()) {
                        if (reply(ace.matches(), fromDevice)) {
                            continue;
                        }
                        Target peer = peer(ace.matches(), fromDevice, b.file(), notes, ace.name());
                        add(rules, comments, names, b.zone(), ace, fromDevice ? self : peer, fromDevice ? peer : self,
                                services(ace.matches()));
                    }
                }
            }
        }
        Policy draft = new Policy(name, "", false, defaults, new MembershipRule(0.8, 3), localNetworks, controllers,
                Policy.DEFAULT_DNS_MARGIN, QuarantineProfile.NONE, zones, dev.vigil.detect.segmentation.Template.BUILT_IN,
                rules);
        Policy p = new Policy(name, PolicyWriter.revision(draft), false, defaults, draft.membership(), localNetworks,
                controllers, Policy.DEFAULT_DNS_MARGIN, QuarantineProfile.NONE, zones, draft.templates(), rules);
        return new Converted(p, comments, notes);
    }

    private static void add(List<Rule> rules, Map<String, List<String>> comments, Set<String> names, String zone,
            MudFile.Ace ace, Target from, Target to, List<Service> services) {
        if (from == null || to == null) {
            return;
        }
        String base = (zone + "-" + ace.name()).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-");
        if (base.length() > 44) {
            base = base.substring(0, 44);
        }
        String n = base;
        for (int i = 2; !names.add(n); i++) {
            n = base + "-" + i;
        }
        rules.add(new Rule(n, ace.accept(), from, to, services, 0, null));
        MudFile.Evidence e = ace.evidence();
        if (e != null) {
            comments.put(n, List.of("MUD " + ace.name() + ": " + e.flows() + " flows, " + e.firstSeen() + " to " + e.lastSeen()
                    + (e.devices() > 1 || e.deviceShare() < 1 ? ", " + e.devices() + " devices (share "
                    + Math.round(e.deviceShare() * 100) + " %)" : "")));
        }
    }

    /** Whether an entry only matches replies of flows the other direction started. */
    static boolean reply(MudFile.Matches m, boolean fromDevice) {
        String starts = fromDevice ? "from-device" : "to-device";
        if (m.directionInitiated() != null) {
            return !m.directionInitiated().equals(starts);
        }
        // without direction-initiated: an entry naming only the source port is the answering half
        return m.srcPort() != null && m.dstPort() == null;
    }

    private static List<Service> services(MudFile.Matches m) {
        if (m.protocol() == null) {
            return List.of(Service.ANY);
        }
        int p = m.protocol();
        if (!Service.hasPorts(p)) {
            return List.of(new Service(p, p, 0, 0));
        }
        MudFile.PortMatch d = m.dstPort();
        if (d == null) {
            return List.of(new Service(p, p, 0, Service.MAX_PORT));
        }
        return switch (d.operator()) {
            case "eq" -> List.of(Service.of(p, d.port()));
            case "lte" -> List.of(new Service(p, p, 0, d.port()));
            case "gte" -> List.of(new Service(p, p, d.port(), Service.MAX_PORT));
            case "range" -> List.of(new Service(p, p, d.lower(), d.upper()));
            default -> {
                List<Service> out = new ArrayList<>();
                if (d.port() > 0) {
                    out.add(new Service(p, p, 0, d.port() - 1));
                }
                if (d.port() < Service.MAX_PORT) {
                    out.add(new Service(p, p, d.port() + 1, Service.MAX_PORT));
                }
                yield out;
            }
        };
    }

    /** The other side of an entry: the destination of a from-device entry, the source of a to-device one. */
    private static Target peer(MudFile.Matches m, boolean fromDevice, MudFile f, List<String> notes, String ace) {
        String name = fromDevice ? m.dstDnsName() : m.srcDnsName();
        String net = fromDevice ? m.dstNetwork() : m.srcNetwork();
        if (name != null) {
            return new Target.Name(name);
        }
        if (net != null) {
            return new Target.Net(List.of(Cidr.parse(net)));
        }
        if (m.controller() != null) {
            return new Target.Controller(m.controller());
        }
        if (m.myController()) {
            return new Target.Controller(f.mudUrl());
        }
        if (m.localNetworks()) {
            return new Target.LocalNetworks();
        }
        if (m.sameManufacturer()) {
            return new Target.SameManufacturer();
        }
        if (m.manufacturer() != null) {
            return new Target.Manufacturer(m.manufacturer().toLowerCase(Locale.ROOT));
        }
        if (m.model() != null) {
            notes.add(f.mudUrl() + ": entry " + ace + " uses the model abstraction, which Vigil does not enforce; it is left out");
            return null;
        }
        return new Target.Any();
    }
}
