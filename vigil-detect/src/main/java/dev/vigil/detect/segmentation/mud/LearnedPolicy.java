package dev.vigil.detect.segmentation.mud;

import dev.vigil.detect.segmentation.Policy;
import dev.vigil.detect.segmentation.PolicyWriter;
import dev.vigil.detect.segmentation.QuarantineProfile;
import dev.vigil.detect.segmentation.Selector;
import dev.vigil.detect.segmentation.Target;
import dev.vigil.engine.net.Ip;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What learning gives a person to review: one zone per device bound by its identity, allowed what its
 * MUD file says and nothing else, the network's DNS and NTP servers as controllers, and its resolvers
 * as what a quarantined device may still ask. The same for {@code vigil policy learn} and the
 * service's learning from its store.
 */
public final class LearnedPolicy {

    /**
     * @param policy the policy, in file form with {@link #text}
     * @param files each device's MUD file name ("devices/…json"), by device id
     */
    public record Result(Policy policy, String text, Map<String, String> files) {
    }

    private LearnedPolicy() {
    }

    /** The device MUD file's name under devices/. */
    public static String fileName(String deviceId) {
        return deviceId.replace("mac:", "").replace("ip:", "").replace(':', '-') + ".json";
    }

    /**
     * @param header the file's opening comment lines
     */
    public static Result of(MudLearner.Learned l, String name, List<String> header) {
        List<MudPolicy.Binding> bindings = new ArrayList<>();
        Map<String, String> files = new LinkedHashMap<>();
        for (Map.Entry<String, MudFile> e : l.devices().entrySet()) {
            files.put(e.getKey(), "devices/" + fileName(e.getKey()));
            bindings.add(new MudPolicy.Binding(e.getValue(), MudEvaluation.zoneName("dev", e.getKey()),
                    List.of(Selector.of(Selector.Attribute.DEVICE, false, List.of(e.getKey())))));
        }
        MudPolicy.Converted c = MudPolicy.convert(name, bindings, controllers(l), Policy.DEFAULT_LOCAL);
        Policy p = withResolver(c.policy(), l);
        Map<String, List<String>> comments = new LinkedHashMap<>(c.comments());
        comments.put("", header);
        return new Result(p, PolicyWriter.write(p, comments), files);
    }

    public static Map<String, List<Ip>> controllers(MudLearner.Learned l) {
        Map<String, List<Ip>> c = new LinkedHashMap<>();
        if (!l.dnsServers().isEmpty()) {
            c.put(Target.Controller.DNS, l.dnsServers());
        }
        if (!l.ntpServers().isEmpty()) {
            c.put(Target.Controller.NTP, l.ntpServers());
        }
        return c;
    }

    /** The learned policy, with the network's resolvers as what a quarantined device may still ask. */
    private static Policy withResolver(Policy p, MudLearner.Learned l) {
        if (l.dnsServers().isEmpty()) {
            return p;
        }
        Policy q = new Policy(p.name(), "", p.defaultAllow(), p.zoneDefaults(), p.membership(), p.localNetworks(),
                p.controllers(), p.dnsMarginSeconds(), new QuarantineProfile(l.dnsServers(), List.of(), List.of(80, 443)),
                p.zones(), p.templates(), p.rules());
        return new Policy(q.name(), PolicyWriter.revision(q), q.defaultAllow(), q.zoneDefaults(), q.membership(),
                q.localNetworks(), q.controllers(), q.dnsMarginSeconds(), q.quarantine(), q.zones(), q.templates(), q.rules());
    }
}
