package dev.vigil.engine.proto;

import dev.vigil.engine.event.Event;
import dev.vigil.engine.testing.EngineRun;
import dev.vigil.engine.testing.Golden;
import dev.vigil.engine.testing.TestData;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real captures in, canonical JSON events out, diffed against committed baselines
 * (src/test/resources/golden). {@code ./test --update-golden} rewrites them for review.
 */
class DissectorGoldenTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                golden("dhcp-zeek", "dhcp", "zeek-dhcp.pcap"),
                golden("dhcp-mud-url", "dhcp", "dhcp-mud.pcap"),
                golden("dhcp-user-class", "dhcp", "dhcp-rfc3004.pcap"),
                golden("dhcp-hardware-type-0", "dhcp", "zeek-dhcp-hw-type0.pcap"),
                golden("dhcp-fuzzed-packet", "dhcp", "ndpi-dhcp-fuzz.pcapng"),
                golden("dhcpv6-mud-url", "dhcpv6", "dhcpv6-mud.pcap"),
                golden("mdns-printers", "mdns", "zeek-mdns.pcap"),
                golden("dns-exfiltration-names", "dns", "ndpi-dns-exf.pcap"),
                golden("ssdp-m-search", "ssdp", "ndpi-ssdp-m-search.pcap"),
                golden("wsd-discovery", "wsd", "ndpi-upnp.pcap"),
                golden("http-basic-auth-colon", "http", "zeek-http-basic-auth-colon.pcap"),
                golden("http-auth", "http", "ndpi-http-auth.pcap"),
                golden("http-vlan", "http", "ndpi-bot-vlan-first40.pcap"),
                golden("http-linux-sll2", "http", "vigil-sll2-loopback-http.pcap"),
                golden("rtsp-linux-sll", "rtsp", "ndpi-rtsp-sll.pcap"),
                golden("tls-self-signed-null-loopback", "tls", "ndpi-selfsigned.pcap"),
                golden("tls-1.1", "tls", "zeek-tls1_1.pcap"),
                golden("tls-sslv2", "tls", "zeek-ssl-v2.pcap"),
                golden("tls-expired-cert", "tls", "zeek-tls-expired-cert.pcap"),
                golden("dtls-old-version", "dtls", "ndpi-dtls-old.pcapng"),
                golden("mqtt-credentials", "mqtt", "ndpi-mqtt.pcap"),
                golden("mqtt-paho", "mqtt", "zeek-mqtt.pcap"),
                golden("telnet-login", "telnet", "ndpi-telnet.pcap"),
                golden("ftp-anonymous", "ftp", "zeek-ftp-ipv4.pcap"),
                golden("ftp-failed-ipv6", "ftp", "ndpi-ftp-failed.pcap"),
                golden("smtp-auth-login", "mail", "ndpi-emotet-smtp-auth.pcap"),
                golden("snmp-v1-get", "snmp", "zeek-snmpv1-get.pcap"),
                golden("snmp-v1-trap", "snmp", "zeek-snmpv1-trap.pcap"),
                golden("snmp-ndpi", "snmp", "ndpi-snmp.pcap"),
                golden("ssh-banners", "ssh", "ndpi-ssh.pcap"),
                golden("netbios", "netbios", "ndpi-netbios.pcap"),
                golden("lldp-cdp", "l2", "LLDP_and_CDP.pcap"),
                golden("lldp-mud-url", "l2", "lldp_mudurl.pcap"),
                golden("cdp-3560", "l2", "3560_CDP.pcap"),
                golden("cdp-v1", "l2", "zeek-cdp-v1.pcap"),
                golden("tftp", "tftp", "tftp.pcap"),
                golden("natpmp-mapping", "portmap", "ndpi-natpmp.pcap"),
                golden("arp", "arp", "zeek-arp-who-has.pcap"),
                golden("ics-identity", "ics", "vigil-netns-ics-identity.pcap"),
                golden("profinet-dcp", "profinet", "vigil-netns-profinet-dcp.pcap"),
                golden("flows-syslog-pppoe", "flow", "ndpi-syslog-pppoe.pcap"),
                golden("flows-syslog-raw-ip", "flow", "zeek-tcp-syslog-rawip.pcap"),
                golden("flows-multi-interface", "flow", "multi-interface.pcapng"));
    }

    private static Arguments golden(String name, String kind, String... captures) {
        return Arguments.of(name, kind, captures);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eventsMatchTheBaseline(String name, String kind, String[] captures) {
        Path[] paths = Arrays.stream(captures).map(TestData::capture).toArray(Path[]::new);
        EngineRun run = EngineRun.of(paths);
        Golden.assertMatches("dissectors/" + name, run.json(kind(kind)));
    }

    private static Predicate<Event> kind(String kind) {
        return switch (kind) {
            case "l2" -> e -> e.kind().equals("lldp") || e.kind().equals("cdp");
            default -> e -> e.kind().equals(kind) || e.kind().startsWith(kind + ".");
        };
    }
}
