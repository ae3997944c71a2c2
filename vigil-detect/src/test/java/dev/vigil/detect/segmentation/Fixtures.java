package dev.vigil.detect.segmentation;

import dev.vigil.engine.net.Ip;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A small estate for policy tests: cameras, plugs, a phone, a recorder, printers, a finance server. */
final class Fixtures {

    static final long T0 = 1_700_000_000_000_000_000L;
    static final long SECOND = 1_000_000_000L;

    private Fixtures() {
    }

    static Subject device(String mac, String ip, String type, String vendor, String tier, String... more) {
        List<Ip> ips = new ArrayList<>();
        ips.add(Ip.parse(ip));
        for (String m : more) {
            ips.add(Ip.parse(m));
        }
        return new Subject("mac:" + mac, mac, ips, type, vendor, null, List.of(10), "hq", "medium", List.of(), tier,
                vendor == null ? null : vendor.toLowerCase(java.util.Locale.ROOT));
    }

    static List<Subject> estate() {
        return List.of(
                device("00:00:00:00:00:01", "192.168.1.10", "camera", "Blink", "trusted", "fd00::10"),
                device("00:00:00:00:00:02", "192.168.1.11", "camera", "Blink", "trusted"),
                device("00:00:00:00:00:03", "192.168.1.12", "camera", "D-Link", "restricted"),
                device("00:11:22:33:44:55", "192.168.1.20", "nvr", "Synology", "trusted"),
                device("00:00:00:00:00:05", "192.168.1.30", "plug", "TP-Link", "trusted"),
                device("00:00:00:00:00:06", "192.168.1.31", "plug", "TP-Link", "trusted"),
                device("00:00:00:00:00:07", "192.168.1.40", "phone", "Apple", "trusted", "fd00::40"),
                device("00:00:00:00:00:08", "192.168.1.50", "printer", "HP", "trusted"),
                device("00:00:00:00:00:09", "10.20.0.5", "server", "Dell", "trusted"),
                device("00:00:00:00:00:0a", "192.168.1.60", "tv", "Samsung", "trusted"),
                device("00:00:00:00:00:0b", "192.168.1.99", "unknown", null, "quarantined"));
    }

    static DnsView dns() {
        DnsView v = new DnsView(60);
        v.add(new DnsAnswer(T0, Ip.parse("192.168.1.10"), "vs-cam.u011.immedia-semi.com", Ip.parse("52.70.158.224"), 300));
        v.add(new DnsAnswer(T0 + 100 * SECOND, null, "rest.immedia-semi.com", Ip.parse("52.70.158.225"), 60));
        v.add(new DnsAnswer(T0, null, "pool.ntp.org", Ip.parse("162.159.200.1"), 3600));
        v.add(new DnsAnswer(T0, null, "evil.example", Ip.parse("203.0.113.66"), 30));
        v.add(new DnsAnswer(T0, null, "cloud.tplink.com", Ip.parse("2600:1f18::5"), 600));
        return v;
    }

    /** Addresses flows are drawn from: every device's, bound names', local and Internet ones. */
    static List<Ip> pool(Random rnd) {
        List<Ip> out = new ArrayList<>();
        for (Subject s : estate()) {
            out.addAll(s.addresses());
        }
        for (String a : List.of("52.70.158.224", "52.70.158.225", "162.159.200.1", "203.0.113.66", "2600:1f18::5",
                "192.168.1.1", "192.168.1.2", "10.20.0.77", "10.20.9.9", "8.8.8.8", "224.0.0.251", "239.255.255.250",
                "ff02::fb", "fd00::99", "2001:db8::1", "192.168.1.200")) {
            out.add(Ip.parse(a));
        }
        for (int i = 0; i < 12; i++) {
            out.add(Ip.ofV4(rnd.nextInt()));
            out.add(new Ip(0x2001_0db8_0000_0000L | (rnd.nextLong() & 0xffff_ffffL), rnd.nextLong()));
        }
        return out;
    }
}
