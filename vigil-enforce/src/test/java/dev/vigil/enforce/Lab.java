package dev.vigil.enforce;

import dev.vigil.detect.segmentation.DnsView;
import dev.vigil.detect.segmentation.Policy;
import dev.vigil.detect.segmentation.PolicyContext;
import dev.vigil.detect.segmentation.PolicyParser;
import dev.vigil.detect.segmentation.Quarantine;
import dev.vigil.detect.segmentation.Subject;
import dev.vigil.engine.net.Ip;
import java.util.ArrayList;
import java.util.List;

/** The policy and devices of the gateway lab: a camera, a plug, a phone and a camera that turns bot. */
final class Lab {

    static final List<String> DEVICES = List.of("d1", "d2", "d3", "bot");
    static final String[] TYPES = {"camera", "plug", "phone", "camera"};

    static final String POLICY = """
            policy lab
            default deny
            controller dns 10.77.200.2,fd77:200::2
            quarantine resolver 10.77.200.2 notice 10.77.200.10
            zone cameras type=camera
            zone plugs type=plug
            zone phones type=phone
            zone servers subnet=10.77.200.0/24,fd77:200::/64
            zone internet subnet=203.0.113.0/24,fd77:203::/64
            default allow zone phones
            exception cast: phones -> plugs template app-control owner lab@example.org expires 2099-01-01
            allow dns: any -> controller:dns udp/53 tcp/53
            allow cam-nvr: cameras -> net:10.77.200.11/32 tcp/554
            allow cam-cloud: cameras -> internet tcp/443 udp/10000-10100
            deny plugs-servers: plugs -> servers any
            allow plugs-cloud: plugs -> internet tcp/80,443,8883
            allow ping: cameras -> servers icmp icmpv6
            allow phone-ctl: phones -> cameras tcp/80,554
            deny phones-telnet: phones -> internet tcp/23
            allow servers-in: servers -> cameras tcp/554
            """;

    private Lab() {
    }

    static Policy policy() throws Exception {
        return PolicyParser.parse("lab.policy", POLICY);
    }

    static List<Subject> subjects() {
        List<Subject> out = new ArrayList<>();
        for (int i = 1; i <= DEVICES.size(); i++) {
            out.add(new Subject("mac:02:00:00:00:00:0" + i, "02:00:00:00:00:0" + i,
                    List.of(Ip.parse(NetLab.v4(i)), Ip.parse(NetLab.v6(i))), TYPES[i - 1], null, null, List.of(), null, null,
                    List.of(), "trusted", null));
        }
        return out;
    }

    static PolicyContext context(List<Quarantine> q) {
        return PolicyContext.of(subjects(), DnsView.empty(), q);
    }
}
