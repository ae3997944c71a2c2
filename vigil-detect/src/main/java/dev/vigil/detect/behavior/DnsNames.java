package dev.vigil.detect.behavior;

import dev.vigil.detect.findings.Detector;
import dev.vigil.engine.event.Event;
import dev.vigil.engine.net.Ip;
import dev.vigil.engine.proto.dns.DnsMessage;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The names DNS answers gave to addresses, most recent first, bounded: lets detectors say "a bare
 * address nobody looked up" and profile destinations by name instead of by ever-changing CDN address.
 */
public final class DnsNames implements Detector, java.io.Serializable {

    static final int MAX = 200_000;

    private final Map<Ip, String> names = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Ip, String> e) {
            return size() > MAX;
        }
    };

    @Override
    public void accept(Event e) {
        if (e instanceof DnsMessage d && d.response()) {
            for (DnsMessage.ResourceRecord r : d.answers()) {
                if ((r.type().equals("A") || r.type().equals("AAAA")) && r.data() != null) {
                    try {
                        names.put(Ip.parse(r.data()), r.name());
                    } catch (IllegalArgumentException ex) {
                        // not an address
                    }
                }
            }
        }
    }

    /** Whether the input showed any DNS answer at all (flow logs do not). */
    public boolean any() {
        return !names.isEmpty();
    }

    /** The name an address was given, or null. */
    public String name(Ip ip) {
        return names.get(ip);
    }

    /** Whether an answer named any target of the series (most have none: it then stands as it is). */
    boolean anyOf(Series s) {
        for (int i = 0; i < s.size; i++) {
            if (s.target[i] instanceof Ip ip && name(ip) != null) {
                return true;
            }
        }
        return false;
    }
}
