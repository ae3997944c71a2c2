package dev.vigil.detect.segmentation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MembershipTest {

    static Membership.Observation type(String t, double c) {
        return new Membership.Observation(Map.of("type", t), Map.of("type", c));
    }

    @Test
    void aWaveringDeviceNeverFlapsBetweenZones() {
        Membership m = new Membership(new MembershipRule(0.8, 3));
        Zone cameras = new Zone("cameras", List.of(Selector.of(Selector.Attribute.TYPE, false, List.of("camera"))), 1);
        Zone sensors = new Zone("sensors", List.of(Selector.of(Selector.Attribute.TYPE, false, List.of("sensor"))), 2);
        // a device whose classifier goes back and forth, each time confidently
        String[] seen = {"camera", "sensor", "camera", "camera", "sensor", "camera", "sensor", "sensor", "camera"};
        List<String> zones = new ArrayList<>();
        for (String t : seen) {
            String admitted = m.observe("mac:aa", type(t, 0.9)).get("type");
            Subject s = new Subject("mac:aa", "aa", List.of(), admitted, null, null, List.of(), null, null, List.of(), null, null);
            zones.add(cameras.contains(s, null) ? "cameras" : sensors.contains(s, null) ? "sensors" : "-");
        }
        assertThat(zones).containsOnly("-");
        assertThat(m.pending()).containsKey("mac:aa");
    }

    @Test
    void aStableClassificationJoinsAfterTheRunAndStaysThroughABlip() {
        Membership m = new Membership(new MembershipRule(0.8, 3));
        assertThat(m.observe("d", type("camera", 0.9)).get("type")).isNull();
        assertThat(m.observe("d", type("camera", 0.95)).get("type")).isNull();
        assertThat(m.observe("d", type("camera", 0.85)).get("type")).isEqualTo("camera");
        // one confident other answer, and a weak one, change nothing
        assertThat(m.observe("d", type("sensor", 0.99)).get("type")).isEqualTo("camera");
        assertThat(m.observe("d", type("sensor", 0.5)).get("type")).isEqualTo("camera");
        // a low-confidence observation breaks a run
        assertThat(m.observe("d", type("sensor", 0.9)).get("type")).isEqualTo("camera");
        assertThat(m.observe("d", type("sensor", 0.9)).get("type")).isEqualTo("camera");
        assertThat(m.observe("d", type("sensor", 0.9)).get("type")).isEqualTo("sensor");
    }

    @Test
    void belowTheThresholdNothingIsAdmittedAndStateCarriesOver() {
        Membership m = new Membership(new MembershipRule(0.8, 2));
        for (int i = 0; i < 10; i++) {
            assertThat(m.observe("d", type("camera", 0.79)).get("type")).isNull();
        }
        m.observe("d", type("camera", 0.9));
        Membership next = new Membership(new MembershipRule(0.8, 2), m.state());
        assertThat(next.observe("d", type("camera", 0.9)).get("type")).isEqualTo("camera");
    }
}
