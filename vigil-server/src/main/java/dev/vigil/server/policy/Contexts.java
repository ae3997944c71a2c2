package dev.vigil.server.policy;

import dev.vigil.detect.inventory.Device;
import dev.vigil.detect.segmentation.DnsView;
import dev.vigil.detect.segmentation.Membership;
import dev.vigil.detect.segmentation.Policy;
import dev.vigil.detect.segmentation.PolicyContext;
import dev.vigil.detect.segmentation.Subject;
import dev.vigil.detect.segmentation.Subjects;
import dev.vigil.engine.net.Ip;
import dev.vigil.server.ingest.DeviceMerger;
import dev.vigil.store.Stores;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a policy is judged with in the service: the store's devices and tiers, the DNS answers seen, the quarantines in force. */
final class Contexts {

    private Contexts() {
    }

    /**
     * @param tracker the membership tracker this counts as an observation in
     * @param window devices a window saw that the store may not hold yet (merged over the stored ones)
     */
    static PolicyContext build(Stores stores, SeenAnswers answers, Quarantines quarantines, Policy p, Membership tracker,
            long nowNanos, List<Device> window) {
        List<Device> devices = stores.devices().inventories();
        if (!window.isEmpty()) {
            Map<String, Device> byId = new LinkedHashMap<>();
            devices.forEach(d -> byId.put(d.id(), d));
            window.forEach(d -> byId.put(d.id(), DeviceMerger.merge(byId.get(d.id()), d)));
            devices = List.copyOf(byId.values());
        }
        List<Subject> subjects = Subjects.of(devices, stores.devices().assets(), stores.devices().tiers(), tracker);
        DnsView dns = answers.view(p == null ? Policy.DEFAULT_DNS_MARGIN : p.dnsMarginSeconds());
        return PolicyContext.of(subjects, dns, quarantines.active(nowNanos));
    }

    static Subject find(PolicyContext ctx, String device) {
        for (Subject s : ctx.subjects()) {
            if (s.id().equals(device)) {
                return s;
            }
        }
        return null;
    }

    /** The zones of a policy a device is in, in file order. */
    static List<String> zonesOf(Policy p, Subject s) {
        List<String> out = new ArrayList<>();
        if (p == null || s == null) {
            return out;
        }
        Ip used = s.addresses().isEmpty() ? null : s.addresses().get(0);
        p.zones().values().forEach(z -> {
            if (z.contains(s, used)) {
                out.add(z.name());
            }
        });
        return out;
    }
}
