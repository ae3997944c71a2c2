package dev.vigil.engine.proto.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.testing.EngineRun;
import dev.vigil.engine.testing.TestData;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Syslog headers read as their senders wrote them: util-linux's logger in RFC 5424 over UDP and
 * TCP and RFC 3164 with RFC 6587 octet counting, and a relay forwarding two hosts' datagrams
 * ({@code vigil-netns-syslog.pcap}, scripts/record-netns-syslog.sh); and real gear's own forms in
 * nDPI's syslog capture (FortiGate, Cisco IOS, ScreenOS, pfSense, Linux hosts).
 */
class SyslogMessageTest {

    private static String sender(SyslogMessage m) {
        return (m.fromClient() ? m.flow().clientIp() : m.flow().serverIp()).toString();
    }

    @Test
    void loggerHeadersInEveryFraming() {
        List<SyslogMessage> all = EngineRun.of(TestData.capture("vigil-netns-syslog.pcap")).events(SyslogMessage.class);
        Map<String, List<SyslogMessage>> by = all.stream().collect(Collectors.groupingBy(SyslogMessageTest::sender));
        assertThat(by.get("192.168.130.20")).extracting(SyslogMessage::hostname)
                .containsExactly("core-sw1", "core-sw1.lab.example");
        assertThat(by.get("192.168.130.20")).allSatisfy(m -> {
            assertThat(m.app()).isEqualTo("sshd");
            assertThat(m.facility()).isEqualTo(4); // auth
            assertThat(m.severity()).isEqualTo(6); // info
        });
        // three octet-counted RFC 3164 messages on one connection
        assertThat(by.get("192.168.130.21")).extracting(m -> m.text().replaceFirst("^[A-Z][a-z]{2} \\d+ [\\d:]{8} ", ""))
                .containsExactly("nas01 smbd: smbd version 4.17.12 started",
                        "nas01 smbd: client 192.168.130.9 connected to share public",
                        "nas01 smbd: client 192.168.130.9 disconnected");
        assertThat(by.get("192.168.130.21")).allSatisfy(m -> {
            assertThat(m.hostname()).isEqualTo("nas01");
            assertThat(m.app()).isEqualTo("smbd");
            assertThat(m.facility()).isEqualTo(3); // daemon
        });
        assertThat(by.get("192.168.130.22")).singleElement().satisfies(m -> {
            assertThat(m.hostname()).isEqualTo("cam-lobby");
            assertThat(m.app()).isEqualTo("onvif");
        });
        // the relay sends what two other hosts wrote
        assertThat(by.get("192.168.130.30")).extracting(SyslogMessage::hostname).containsExactly("app-a", "app-b", "app-a");
    }

    @Test
    void realGearsOwnForms() {
        List<SyslogMessage> all = EngineRun.of(TestData.capture("ndpi-syslog-pppoe.pcap")).events(SyslogMessage.class);
        Map<String, List<SyslogMessage>> by = all.stream().collect(Collectors.groupingBy(SyslogMessageTest::sender));
        // FortiGate: no header, key=value pairs from the PRI on
        assertThat(by.get("10.11.105.154")).allSatisfy(m -> {
            assertThat(m.hostname()).isNull();
            assertThat(m.text()).startsWith("date=2021-12-09").contains("devid=\"FGT61ETK19009449\"");
        });
        // RFC 3164: "Mar  9 04:44:28 ndc3lvmsdptd2 filebeat: …"
        assertThat(by.get("10.94.80.60")).allSatisfy(m -> {
            assertThat(m.hostname()).isEqualTo("ndc3lvmsdptd2");
            assertThat(m.app()).isEqualTo("filebeat");
        });
        // RFC 5424 from pfSense
        assertThat(by.get("195.120.165.134")).allSatisfy(m -> {
            assertThat(m.hostname()).isEqualTo("pfSense.localdomain");
            assertThat(m.app()).isEqualTo("suricata");
        });
        // a TAG without a header: "snmpd[6956]: Connection from …"
        assertThat(by.get("172.26.229.190")).allSatisfy(m -> {
            assertThat(m.hostname()).isNull();
            assertThat(m.app()).isEqualTo("snmpd");
        });
        assertThat(all).allSatisfy(m -> assertThat(m.text().length()).isLessThanOrEqualTo(SyslogProtocol.MAX_TEXT));
    }

    @Test
    void headersWithoutAHostnameOrWithAnAddress() {
        java.util.List<dev.vigil.engine.event.Event> events = new java.util.ArrayList<>();
        dev.vigil.engine.dissect.DissectorContext ctx = new dev.vigil.engine.dissect.DissectorContext(events::add,
                new dev.vigil.engine.anomaly.AnomalyCounters());
        for (String m : List.of("<6>Oct 11 22:14:15 kernel: eth0: link up", "<38>Oct 11 22:14:15 10.1.2.3 sshd[7]: x",
                "<38>1 2026-12-03T10:00:00Z 2001:db8::7 sshd - - - x")) {
            byte[] b = m.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            SyslogProtocol.read(ctx, true, b, 0, b.length);
        }
        assertThat(events).map(SyslogMessage.class::cast).extracting(SyslogMessage::hostname, SyslogMessage::app)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(null, "kernel"),
                        org.assertj.core.groups.Tuple.tuple("10.1.2.3", "sshd"),
                        org.assertj.core.groups.Tuple.tuple("2001:db8::7", "sshd"));
    }
}
