package dev.vigil.detect.segmentation.mud;

import dev.vigil.detect.findings.Finding;
import dev.vigil.detect.segmentation.Policy;
import dev.vigil.detect.segmentation.PolicyContext;
import dev.vigil.detect.segmentation.PolicyFindings;
import dev.vigil.detect.segmentation.Selector;
import dev.vigil.detect.segmentation.Simulation;
import dev.vigil.detect.segmentation.Simulator;
import dev.vigil.detect.segmentation.Subject;
import dev.vigil.engine.event.EventJson;
import dev.vigil.engine.flow.FlowEnded;
import dev.vigil.engine.net.Cidr;
import dev.vigil.engine.net.Ip;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares a manufacturer's MUD file with what its device does: the device's flows replayed
 * through the file; what it would deny is a {@code mud.deviation} finding with the entries that
 * would be missing, and the file's entries no flow used are listed with it.
 */
public final class MudDeviation {

    private MudDeviation() {
    }

    /**
     * @param file the manufacturer's file (its signature already checked)
     * @param device the device that announced it
     * @param context the devices, DNS answers and quarantines of the network
     * @param flows the flows of the network
     * @param controllers the network's controller addresses (its DNS and NTP servers)
     * @return the finding, or null when every flow is within the file
     */
    public static Finding compare(MudFile file, Subject device, PolicyContext context, List<FlowEnded> flows,
            Map<String, List<Ip>> controllers, List<Cidr> localNetworks) {
        return compare(file, device, context, flows, f -> 1, controllers, localNetworks);
    }

    /**
     * The same over flows that each stand for several (the service's stored flows, summed per
     * client, server, protocol and port).
     *
     * @param weight how many flows a flow record stands for
     */
    public static Finding compare(MudFile file, Subject device, PolicyContext context, List<FlowEnded> flows,
            java.util.function.ToLongFunction<FlowEnded> weight, Map<String, List<Ip>> controllers, List<Cidr> localNetworks) {
        MudPolicy.Binding b = new MudPolicy.Binding(file, MudEvaluation.zoneName("mfr", device.id()),
                List.of(Selector.of(Selector.Attribute.DEVICE, false, List.of(device.id()))));
        MudPolicy.Converted c = MudPolicy.convert("manufacturer", List.of(b), controllers, localNetworks);
        Policy p = c.policy();
        List<FlowEnded> mine = new ArrayList<>();
        for (FlowEnded f : flows) {
            boolean client = device.addresses().contains(f.flow().clientIp())
                    || (f.flow().clientIp().isUnspecified() && f.flow().clientMac() != null
                    && f.flow().clientMac().toString().equals(device.mac()));
            if (client || device.addresses().contains(f.flow().serverIp())) {
                mine.add(f);
            }
        }
        long[] w = new long[mine.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = weight.applyAsLong(mine.get(i));
        }
        Simulation s = new Simulator(p, context).run(mine, w, 0, 0);
        if (s.denied() == 0) {
            return null;
        }
        List<String> missing = new ArrayList<>();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (Finding v : s.violations()) {
            if (missing.size() < Simulator.MAX_SAMPLES * 2) {
                missing.add(v.evidence().get("missing_entry") + " (" + v.count() + " flows)");
            }
            first = Math.min(first, EventJson.nanos(v.firstSeen()));
            last = Math.max(last, EventJson.nanos(v.lastSeen()));
        }
        List<String> unused = s.removals().stream().map(Simulation.Removal::rule).toList();
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("mud_url", file.mudUrl());
        ev.put("flows", s.flows());
        ev.put("outside_the_file", s.denied());
        ev.put("missing_entries", missing);
        ev.put("entries_never_used", unused);
        if (!c.notes().isEmpty()) {
            ev.put("notes", c.notes());
        }
        Ip used = device.addresses().isEmpty() ? null : device.addresses().get(0);
        return PolicyFindings.make(PolicyFindings.MUD_DEVIATION, PolicyFindings.ref(device, used), null, first, last,
                s.denied(), ev);
    }
}
