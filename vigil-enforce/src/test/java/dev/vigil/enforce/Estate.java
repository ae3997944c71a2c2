package dev.vigil.enforce;

import dev.vigil.detect.segmentation.Policy;
import dev.vigil.detect.segmentation.PolicyParser;
import dev.vigil.detect.segmentation.Subject;
import dev.vigil.engine.net.Ip;
import java.util.ArrayList;
import java.util.List;

/** A large synthetic estate: devices each in a zone of their own with their own entries. */
public final class Estate {

    private Estate() {
    }

    public static List<Subject> devices(int n) {
        List<Subject> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String mac = String.format("02:10:00:00:%02x:%02x", i >> 8, i & 0xff);
            out.add(new Subject("mac:" + mac, mac, List.of(Ip.parse("10.100." + i / 250 + "." + (1 + i % 250))), "sensor",
                    null, null, List.of(), null, null, List.of(), "trusted", null));
        }
        return out;
    }

    /** Each device allowed {@code entries} destinations, each a host and a port of its own. */
    public static Policy policy(int n, int entries) throws Exception {
        StringBuilder s = new StringBuilder("policy estate\ndefault deny\n");
        for (int i = 0; i < n; i++) {
            String mac = String.format("02:10:00:00:%02x:%02x", i >> 8, i & 0xff);
            s.append("zone z").append(i).append(" device=mac:").append(mac).append('\n');
            for (int e = 0; e < entries; e++) {
                s.append("allow z").append(i).append("-e").append(e).append(": z").append(i).append(" -> net:198.18.")
                        .append(e).append('.').append(i % 250 + 1).append("/32 ").append(e % 2 == 0 ? "tcp/" : "udp/")
                        .append(1000 + e).append('\n');
            }
        }
        return PolicyParser.parse("estate.policy", s.toString());
    }
}
