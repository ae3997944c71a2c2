package dev.vigil.detect.segmentation.mud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.detect.findings.Finding;
import dev.vigil.detect.segmentation.DnsAnswer;
import dev.vigil.detect.segmentation.DnsView;
import dev.vigil.detect.segmentation.Policy;
import dev.vigil.detect.segmentation.PolicyContext;
import dev.vigil.detect.segmentation.Subject;
import dev.vigil.engine.flow.EndReason;
import dev.vigil.engine.flow.FlowEnded;
import dev.vigil.engine.flow.FlowMeta;
import dev.vigil.engine.flow.Transport;
import dev.vigil.engine.net.Ip;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MudDeviationTest {

    static final long T0 = 1_700_000_000_000_000_000L;

    static FlowEnded flow(int id, String src, Transport t, int proto, String dst, int port) {
        FlowMeta m = new FlowMeta(id, t, proto, Ip.parse(src), 50_000 + id, Ip.parse(dst), port, null, null, null);
        return new FlowEnded(T0 + id * 1_000_000_000L, m, EndReason.IDLE_TIMEOUT, T0 + id * 1_000_000L, 2, 2, 200, 200, 50,
                50, "ShADad", "SF", null, 64);
    }

    @Test
    void flowsOutsideTheManufacturersFileAreAFinding() throws Exception {
        MudFile bulb = MudReader.read("bulb.json", MudReaderTest.example().getBytes(StandardCharsets.UTF_8));
        Subject s = new Subject("mac:00:00:00:00:00:01", "00:00:00:00:00:01", List.of(Ip.parse("fd00::10")), "light",
                null, null, List.of(), null, null, List.of(), "trusted", "lighting.example.com");
        DnsView dns = new DnsView(60);
        dns.add(new DnsAnswer(T0, Ip.parse("fd00::10"), "test.example.com", Ip.parse("2001:db8::443"), 3600));
        PolicyContext ctx = PolicyContext.of(List.of(s), dns, List.of());
        List<FlowEnded> flows = List.of(flow(1, "fd00::10", Transport.TCP, 6, "2001:db8::443", 443),
                flow(2, "fd00::10", Transport.TCP, 6, "2001:db8::443", 443),
                flow(3, "fd00::10", Transport.UDP, 17, "2001:db8::666", 9999));
        Finding f = MudDeviation.compare(bulb, s, ctx, flows, Map.of(), Policy.DEFAULT_LOCAL);
        assertThat(f.type()).isEqualTo("mud.deviation");
        assertThat(f.count()).isEqualTo(1);
        assertThat(f.evidence()).containsEntry("mud_url", "https://lighting.example.com/lightbulb2000")
                .containsEntry("outside_the_file", 1L);
        assertThat((List<?>) f.evidence().get("missing_entries")).singleElement().asString()
                .contains("net:2001:db8::666/128 udp/9999");
        // within the file: nothing to say
        assertThat(MudDeviation.compare(bulb, s, ctx, flows.subList(0, 2), Map.of(), Policy.DEFAULT_LOCAL)).isNull();
    }
}
