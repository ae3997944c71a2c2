package dev.vigil.detect.segmentation;

import dev.vigil.detect.findings.Finding;
import dev.vigil.engine.event.EventJson;
import dev.vigil.engine.flow.FlowEnded;
import dev.vigil.engine.flow.FlowMeta;
import dev.vigil.engine.net.Ip;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether an enforcement change took effect, from two independent views: the enforcement point's
 * drop counters (what the kernel says it dropped) and Vigil's own passive view of the flows after
 * the deadline. A new flow the policy denies that still got through after the deadline, or attempts
 * that went on while the drop counters stood still, is an {@code enforcement.failed} finding with the
 * evidence.
 */
public final class EnforcementCheck {

    /** Where the passive view watches from. */
    public enum Vantage {
        /** Beyond the enforcement point: any packet seen there got through. */
        BEYOND,
        /** On the device's side: its attempts are seen; an answered flow got through. */
        DEVICE_SIDE
    }

    /**
     * @param status "enforced" (attempts seen and dropped), "quiet" (no attempt to judge by) or "failed"
     * @param why one line
     * @param attempts denied flows the device started or received after the deadline
     * @param leaked those of them that got through
     * @param drops what the drop counters added
     * @param finding the {@code enforcement.failed} finding, or null
     */
    public record Outcome(String status, String why, long attempts, long leaked, long drops, Finding finding) {
        public boolean failed() {
            return status.equals("failed");
        }
    }

    private EnforcementCheck() {
    }

    /**
     * @param expected the decision function of the change now in force
     * @param device the device the change is about
     * @param deadline from when the change must hold (nanoseconds)
     * @param drops what the drop counters of the change added since it was applied
     * @param seen the flows the passive view saw
     */
    public static Outcome verify(Decider expected, Subject device, long deadline, long drops, List<FlowEnded> seen,
            Vantage vantage) {
        long attempts = 0;
        long leaked = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        List<String> samples = new ArrayList<>();
        for (FlowEnded f : seen) {
            FlowMeta m = f.flow();
            boolean mine = device.addresses().contains(m.clientIp()) || device.addresses().contains(m.serverIp());
            // a new flow after the deadline: one that began before it is judged by what it did before
            if (!mine || f.firstSeen() < deadline) {
                continue;
            }
            Decision d = expected.decide(m.clientIp(), m.serverIp(), m.ipProtocol(), m.serverPort(), f.firstSeen());
            if (d.allowed()) {
                continue;
            }
            attempts++;
            boolean through = vantage == Vantage.BEYOND || f.serverPackets() > 0;
            if (through) {
                leaked++;
                first = Math.min(first, f.firstSeen());
                last = Math.max(last, f.ts());
                if (samples.size() < Simulator.MAX_SAMPLES) {
                    samples.add(EventJson.time(f.firstSeen()) + " " + m.clientIp() + " -> " + m.serverIp() + " "
                            + new Service(m.ipProtocol(), m.ipProtocol(), Service.normalPort(m.ipProtocol(), m.serverPort()),
                            Service.normalPort(m.ipProtocol(), m.serverPort())) + " (" + d.reason() + ")");
                }
            }
        }
        String why;
        if (leaked > 0) {
            why = leaked + " flow" + (leaked == 1 ? "" : "s") + " the policy denies got through after the deadline";
        } else if (attempts > 0 && drops == 0 && vantage == Vantage.DEVICE_SIDE) {
            why = "the device kept trying (" + attempts + " flow" + (attempts == 1 ? "" : "s")
                    + ") while the drop counters did not move";
        } else if (attempts > 0 || drops > 0) {
            return new Outcome("enforced", "the drop counters rose by " + drops + " and no denied flow got through",
                    attempts, 0, drops, null);
        } else {
            return new Outcome("quiet", "no denied flow was attempted after the deadline: nothing to judge by", 0, 0, drops,
                    null);
        }
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("why", why);
        ev.put("deadline", EventJson.time(deadline));
        ev.put("vantage", vantage.name().toLowerCase(java.util.Locale.ROOT));
        ev.put("attempts", attempts);
        ev.put("got_through", leaked);
        ev.put("drops_counted", drops);
        ev.put("revision", expected.policy().revision());
        ev.put("flows", samples);
        Ip used = device.addresses().isEmpty() ? null : device.addresses().get(0);
        Finding f = PolicyFindings.make(PolicyFindings.ENFORCEMENT_FAILED, PolicyFindings.ref(device, used), null,
                first == Long.MAX_VALUE ? deadline : first, last == Long.MIN_VALUE ? deadline : last,
                Math.max(1, leaked), ev);
        return new Outcome("failed", why, attempts, leaked, drops, f);
    }
}
