package dev.vigil.detect.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.net.Ip;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The syslog rules on the message forms their products write (Cisco's ASA syslog reference,
 * FortiOS log reference, UniFi's log header), and the resolver's test for forwarded messages.
 */
class SyslogRulesTest {

    private final Classifier classifier = new Classifier(Rules.bundled());

    private List<String> says(String text) {
        return classifier.evidence("syslog.message", text, null).stream()
                .map(e -> e.attribute() + "=" + e.value()).toList();
    }

    @Test
    void firewallsByTheirOwnMessageForms() {
        assertThat(says("%ASA-6-302013: Built outbound TCP connection 1 for outside:192.0.2.1/443"))
                .contains("vendor=Cisco", "model=ASA", "type=router").doesNotContain("os=Cisco IOS");
        assertThat(says("*Sep 22 13:47:45.672: %SYS-5-CONFIG_I: Configured from console by console"))
                .contains("vendor=Cisco", "os=Cisco IOS").doesNotContain("type=router");
        assertThat(says("date=2021-12-09 time=16:29:06 devname=\"fw\" devid=\"FGT61ETK19009449\" type=\"traffic\""))
                .contains("vendor=Fortinet", "model=FGT61E", "type=router");
        // another host's text quoting a firewall id is not that firewall
        assertThat(says("GET /search?q=%ASA-6-302013 HTTP/1.1")).isEmpty();
        assertThat(says("user=bob note=mydevid=FGT61E")).isEmpty();
    }

    @Test
    void unifiHeadersOnEveryDay() {
        // syslog.message text has runs of spaces folded: "Jan  1" arrives as "Jan 1"
        for (String day : List.of("Jan 1", "Jan 11")) {
            assertThat(says(day + " 12:00:00 U7PG2,f09fc2aabbcc,v4.3.20.11298: hostapd: ath0: STA associated"))
                    .contains("model=U7PG2", "firmware=4.3.20", "vendor=Ubiquiti");
        }
    }

    private static Observations observations(String source, String... values) {
        Observations o = new Observations();
        for (String v : values) {
            o.add(source, v, 0, 64);
        }
        return o;
    }

    @Test
    void forwardedMessagesAreTold() {
        Set<Ip> own = Set.of(Ip.parse("192.0.2.10"));
        assertThat(DeviceResolver.forwardedSyslog(observations("hostname.syslog", "fw1", "FW1.example.com"), own)).isFalse();
        assertThat(DeviceResolver.forwardedSyslog(observations("hostname.syslog", "fw1", "sw2"), own)).isTrue();
        assertThat(DeviceResolver.forwardedSyslog(observations("syslog.origin", "192.0.2.10"), own)).isFalse();
        assertThat(DeviceResolver.forwardedSyslog(observations("syslog.origin", "198.51.100.7"), own)).isTrue();
        assertThat(DeviceResolver.forwardedSyslog(observations("syslog.message",
                "date=1 devid=\"FGT61ETK19009449\" x", "date=2 devid=\"FGT61ETK19009449\" y"), own)).isFalse();
        assertThat(DeviceResolver.forwardedSyslog(observations("syslog.message",
                "date=1 devid=\"FGT61ETK19009449\" x", "date=2 devid=\"FG100ETK18000001\" y"), own)).isTrue();
    }
}
