package dev.vigil.server.policy;

import dev.vigil.detect.segmentation.Decider;
import dev.vigil.detect.segmentation.Decision;
import dev.vigil.detect.segmentation.Policy;
import dev.vigil.engine.event.EventJson;
import dev.vigil.engine.net.Ip;
import dev.vigil.store.policy.PolicyStore;

/**
 * The policy decision point: what the policy in force decides for one flow, judged by the decision
 * function the compiled rulesets are checked against, with its trace, and logged.
 */
public final class DecisionPoint {

    /** What the policy answered, logged: {@code id} is the decision's number in the log. */
    public record Answer(long id, Decision decision, String policy, String at) {
    }

    private DecisionPoint() {
    }

    /**
     * @param atNanos the moment the question is about
     * @return the answer, or null when no policy is in force
     */
    public static Answer decide(Segmentation seg, PolicyStore log, Ip src, Ip dst, int proto, int port, long atNanos,
            String caller, long nowMillis) {
        Policy p = seg.inForce();
        if (p == null) {
            return null;
        }
        Decision d = new Decider(p, seg.context()).decide(src, null, dst, proto, port, atNanos, true);
        String at = EventJson.time(atNanos);
        long id = log.logDecision(new PolicyStore.DecisionRow(0, nowMillis, caller, d.revision(), src.toString(),
                dst.toString(), proto, port, at, d.verdict(), d.rule(), d.reason()));
        return new Answer(id, d, p.name(), at);
    }
}
