package dev.vigil.detect.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.detect.findings.Finding;
import dev.vigil.detect.findings.Severity;
import dev.vigil.detect.policy.Supersession;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One attack, one finding: a device flooding a target is not also "uploading" to it, and a flood or
 * reflection victim's generic inbound attack is the named one (the catalogue's supersession).
 * Findings as the detectors give them.
 */
class OneEventOneFindingTest {

    static Finding finding(String type, String device, Finding.Peer peer, Map<String, Object> evidence) {
        return new Finding(type, Severity.HIGH, type, new Finding.DeviceRef(device, null, null, "actor"), peer,
                "2026-01-01T00:00:00Z", "2026-01-01T00:01:00Z", 1, evidence, new Finding.Standards(List.of(), List.of()), "");
    }

    @Test
    void aFloodIsNotAlsoALargeUploadToItsTarget() {
        List<Finding> all = List.of(
                finding("attack.ddos_participation", "mac:a", new Finding.Peer("198.51.100.9", 80, null), Map.of()),
                // the behaviour profile names its destination in evidence, the cold-start detector as its peer
                finding("exfil.large_upload", "mac:a", null, Map.of("destination", "198.51.100.9")),
                finding("exfil.large_upload", "mac:a", new Finding.Peer("198.51.100.9", 7001, null), Map.of()),
                finding("exfil.large_upload", "mac:a", null, Map.of("destination", "203.0.113.5")));
        assertThat(Supersession.bundled().apply(all)).extracting(f -> f.type() + " " + (f.peer() == null ? f.evidence().get("destination")
                : f.peer().ip())).containsExactly("attack.ddos_participation 198.51.100.9", "exfil.large_upload 203.0.113.5");
    }

    @Test
    void aDdosTargetIsNotAlsoAGenericInboundAttack() {
        List<Finding> all = List.of(finding("attack.ddos_target", "mac:v", null, Map.of("reflected_protocol", "ike")),
                finding("attack.inbound", "mac:v", null, Map.of()), finding("attack.inbound", "mac:w", null, Map.of()));
        assertThat(Supersession.bundled().apply(all)).extracting(f -> f.type() + " " + f.device().id())
                .containsExactly("attack.ddos_target mac:v", "attack.inbound mac:w");
    }
}
