package dev.vigil.detect.segmentation;

import dev.vigil.detect.findings.Finding;
import dev.vigil.detect.findings.FindingCatalog;
import dev.vigil.detect.findings.FindingType;
import dev.vigil.engine.event.EventJson;
import java.util.Map;

/** Makes findings of the segmentation types, with what the catalogue says of each type. */
public final class PolicyFindings {

    public static final String VIOLATION = "policy.violation";
    public static final String ENFORCEMENT_FAILED = "enforcement.failed";
    public static final String MUD_DEVIATION = "mud.deviation";

    private PolicyFindings() {
    }

    public static Finding make(String type, Finding.DeviceRef device, Finding.Peer peer, long first, long last, long count,
            Map<String, Object> evidence) {
        FindingType t = FindingCatalog.bundled().get(type);
        Finding.DeviceRef ref = new Finding.DeviceRef(device.id(), device.mac(), device.ip(), t.role());
        return new Finding(type, t.severity(), t.title(), ref, peer, EventJson.time(first), EventJson.time(last), count,
                evidence, new Finding.Standards(t.etsi(), t.owasp()), t.fix());
    }

    /** The device reference of a subject, shown by the address it used (its role comes with the finding's type). */
    public static Finding.DeviceRef ref(Subject s, dev.vigil.engine.net.Ip used) {
        return new Finding.DeviceRef(s.id(), s.mac(), used == null ? null : used.toString(), null);
    }
}
