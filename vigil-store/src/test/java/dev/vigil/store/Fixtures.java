package dev.vigil.store;

import dev.vigil.detect.findings.Finding;
import dev.vigil.detect.findings.Severity;
import dev.vigil.detect.inventory.Device;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Devices and findings as the inventory and the detectors make them, for the store tests. */
final class Fixtures {

    static final String T = "2026-01-31T08:00:00Z";

    private Fixtures() {
    }

    static Device device(String id, String ip) {
        return new Device(id, id.startsWith("mac:") ? id.substring(4) : null, false,
                new ArrayList<>(List.of(new Device.Address(ip, "arp", T, T))), "Acme", new ArrayList<>(List.of("cam-" + ip)),
                "camera", "C1", "1.0", null, 0.8, new LinkedHashMap<>(), new ArrayList<>(), "server", new ArrayList<>(),
                new ArrayList<>(), new Device.Identity(null, null, List.of(), List.of(), List.of(), List.of()), new ArrayList<>(),
                new Device.Traffic(1, 1, 2, 2, 100, 100, 1, 0), null, new ArrayList<>(), T, T);
    }

    static Finding finding(String type, String deviceId, String ip, String secret) {
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("service", "telnet");
        if (secret != null) {
            ev.put("password", secret);
        }
        return new Finding(type, Severity.HIGH, "a finding", new Finding.DeviceRef(deviceId, null, ip, "weakness"), null, T, T, 1, ev,
                new Finding.Standards(List.of("5.1-1"), List.of("I1")), "change it");
    }
}
