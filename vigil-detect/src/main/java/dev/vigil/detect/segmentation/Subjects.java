package dev.vigil.detect.segmentation;

import dev.vigil.detect.inventory.Device;
import dev.vigil.detect.trust.Assets;
import dev.vigil.engine.net.Ip;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the policy's view of the inventory: each device with its admitted classification (one
 * observation counted per call), what the assets file says of it, and its trust tier.
 */
public final class Subjects {

    private Subjects() {
    }

    /**
     * @param devices the inventory
     * @param assets owner, location, criticality and tags, or {@link Assets#none()}
     * @param tiers trust tier by device id (may be empty)
     * @param membership the classification tracker; this call is one observation of every device
     * @return the subjects, least recently seen first (so an address goes to its latest user)
     */
    public static List<Subject> of(List<Device> devices, Assets assets, Map<String, String> tiers, Membership membership) {
        List<Subject> out = new ArrayList<>();
        List<Device> sorted = new ArrayList<>(devices);
        sorted.sort(Comparator.comparing((Device d) -> d.lastSeen() == null ? "" : d.lastSeen()).thenComparing(Device::id));
        for (Device d : sorted) {
            Map<String, String> admitted = membership.observe(d.id(), observation(d));
            Assets.Asset a = assets.of(d);
            List<Ip> ips = new ArrayList<>();
            for (Device.Address addr : d.ips()) {
                Ip ip = Ip.tryParse(addr.ip());
                if (ip != null && ip.isUnicastHost() && !ips.contains(ip)) {
                    ips.add(ip);
                }
            }
            String manufacturer = Subject.authority(d.mudUrl());
            if (manufacturer == null && d.vendor() != null) {
                manufacturer = d.vendor().toLowerCase(Locale.ROOT);
            }
            out.add(new Subject(d.id(), d.mac(), ips, admitted.get("type"), admitted.get("vendor"), admitted.get("model"),
                    d.vlans() == null ? List.of() : d.vlans(), a == null ? null : a.location(),
                    a == null ? null : a.criticality(), a == null ? List.of() : a.tags(), tiers.get(d.id()), manufacturer));
        }
        return out;
    }

    /** What one inventory snapshot says of a device's classification. */
    public static Membership.Observation observation(Device d) {
        Map<String, String> values = new java.util.HashMap<>();
        Map<String, Double> conf = new java.util.HashMap<>();
        values.put("type", d.type() == null || d.type().equals("unknown") ? null : d.type());
        conf.put("type", d.confidence());
        for (String a : List.of("vendor", "model")) {
            Device.Attribute at = d.attributes() == null ? null : d.attributes().get(a);
            values.put(a, a.equals("vendor") ? d.vendor() : d.model());
            conf.put(a, at == null ? (values.get(a) == null ? 0.0 : 1.0) : at.confidence());
        }
        return new Membership.Observation(values, conf);
    }
}
