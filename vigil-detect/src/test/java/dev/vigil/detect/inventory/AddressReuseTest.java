package dev.vigil.detect.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.detect.analysis.Analyses;
import dev.vigil.detect.analysis.AnalysisResult;
import dev.vigil.detect.findings.Finding;
import dev.vigil.engine.testing.TestData;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * 192.168.2.16 is the Hide 'N Seek bot (b8:27:eb:c7:e9:c9) in a capture of March 2018 and an Android
 * phone (4c:6a:f6:9f:f6:27) in one of February 2020. Each device holds the address for its own time;
 * the 2018 findings stay with the bot, whichever capture is read first.
 */
class AddressReuseTest {

    static final String BOT = "b8:27:eb:c7:e9:c9";
    static final String PHONE = "4c:6a:f6:9f:f6:27";

    static void check(AnalysisResult r) {
        Device bot = Analyses.byMac(r, BOT);
        Device phone = Analyses.byMac(r, PHONE);
        Device.Address botHeld = bot.ips().stream().filter(a -> a.ip().equals("192.168.2.16")).findFirst().orElseThrow();
        Device.Address phoneHeld = phone.ips().stream().filter(a -> a.ip().equals("192.168.2.16")).findFirst().orElseThrow();
        assertThat(botHeld.lastSeen()).startsWith("2018-03-09");
        assertThat(phoneHeld.firstSeen()).startsWith("2020-02-23");
        List<String> botTypes = Analyses.findingsOf(r, bot).stream().map(Finding::type).toList();
        assertThat(botTypes).contains("attack.telnet_scan", "attack.scan_horizontal");
        assertThat(Analyses.findingsOf(r, phone)).isEmpty();
        // what the bot called itself (DHCP and mDNS: black-pearl) is not the phone's name
        assertThat(bot.hostnames()).contains("black-pearl");
        assertThat(phone.hostnames()).doesNotContain("black-pearl");
        assertThat(r.assessment().devices().get(phone.id()).trust().tier()).isEqualTo("trusted");
        assertThat(r.assessment().devices().get(bot.id()).trust().tier()).isEqualTo("quarantined");
    }

    @Test
    void theOlderCapturesAttackerKeepsItsFindings() throws Exception {
        Path bot = TestData.shared("pcap/slips/test7-malicious-hidenseek.pcap");
        Path phone = TestData.shared("pcap/ndpi/inventory/android.pcap");
        check(Analyses.of(bot, phone));
        check(Analyses.of(phone, bot));
    }

    @Test
    void oneCaptureAloneKeepsOneHolder() throws Exception {
        AnalysisResult r = Analyses.of(TestData.shared("pcap/slips/test7-malicious-hidenseek.pcap"));
        assertThat(r.devices()).filteredOn(d -> d.ips().stream().anyMatch(a -> a.ip().equals("192.168.2.16")))
                .extracting(Device::mac).containsExactly(BOT);
    }
}
