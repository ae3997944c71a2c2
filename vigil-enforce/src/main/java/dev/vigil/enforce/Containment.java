package dev.vigil.enforce;

import dev.vigil.detect.segmentation.Decider;
import dev.vigil.detect.segmentation.EnforcementCheck;
import dev.vigil.detect.segmentation.Policy;
import dev.vigil.detect.segmentation.PolicyContext;
import dev.vigil.detect.segmentation.Quarantine;
import dev.vigil.detect.segmentation.QuarantineLedger;
import dev.vigil.detect.segmentation.Subject;
import dev.vigil.detect.trust.TrustScorer;
import dev.vigil.engine.flow.FlowEnded;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Quarantine as an action with a deadline and a check: blocks and releases go through the ledger
 * (reasons, expiry, catch-and-release) and then to the enforcement point; afterwards the counters
 * and the passive view say whether it held. What the service calls when a device reaches the
 * quarantined tier, and what {@code vigil policy quarantine} calls for a person.
 */
public final class Containment {

    /** How soon after an order the device must be cut off (the 2 seconds). */
    public static final long DEADLINE_NANOS = 2_000_000_000L;

    /**
     * One quarantine put in force.
     *
     * @param quarantine what the ledger holds
     * @param applied what the enforcement point reported
     * @param deadline from when the block must hold (nanoseconds)
     * @param dropsBefore the quarantine drop counters when it was applied
     */
    public record Order(Quarantine quarantine, Applied applied, long deadline, long dropsBefore) {
    }

    private final EnforcementTarget target;
    private final QuarantineLedger ledger;

    public Containment(EnforcementTarget target, QuarantineLedger ledger) {
        this.target = target;
        this.ledger = ledger;
    }

    public QuarantineLedger ledger() {
        return ledger;
    }

    /**
     * Quarantines a device now.
     *
     * @param reason the findings that caused it, or what the person wrote
     * @param by "auto" or the person
     * @param now the moment (nanoseconds since the epoch)
     */
    public Order quarantine(Subject device, String reason, String by, long now) throws EnforcementException {
        if (device.addresses().isEmpty()) {
            throw new EnforcementException("refused: " + device.id() + " has no address to block");
        }
        long before = drops(target.quarantineCounters());
        Quarantine q = ledger.block(device.id(), device.addresses(), reason, by, now);
        Applied a = target.quarantine(q, now);
        return new Order(q, a, now + DEADLINE_NANOS, before);
    }

    /** Ends a device's quarantine; null when it was not in quarantine. */
    public Applied release(String device, String reason, String by, long now) throws EnforcementException {
        Quarantine q = ledger.release(device, reason, by, now);
        return q == null ? null : target.release(q);
    }

    /**
     * Quarantines every device whose trust tier is quarantined, with the finding types that cost it
     * the most as the reason; devices already held stay as they are.
     *
     * @param trust each device's trust (the assessment of an analysis or a service window), by device id
     * @param devices the devices, by id
     */
    public List<Order> fromTrust(Map<String, TrustScorer.Trust> trust, Map<String, Subject> devices, long now)
            throws EnforcementException {
        List<Order> out = new ArrayList<>();
        for (Map.Entry<String, TrustScorer.Trust> e : new java.util.TreeMap<>(trust).entrySet()) {
            Subject s = devices.get(e.getKey());
            TrustScorer.Trust t = e.getValue();
            if (!t.tier().equals(TrustScorer.Tier.QUARANTINED.label()) || s == null || ledger.active(e.getKey(), now) != null) {
                continue;
            }
            List<String> causes = new ArrayList<>();
            t.factors().stream().flatMap(f -> f.findings().stream())
                    .sorted(java.util.Comparator.comparingDouble((TrustScorer.Contribution c) -> -c.lost()))
                    .map(TrustScorer.Contribution::type).distinct().limit(5).forEach(causes::add);
            out.add(quarantine(s, "trust " + Math.round(t.score()) + ": " + String.join(", ", causes), "auto", now));
        }
        return out;
    }

    /**
     * Checks an order held: the flows the passive view saw since, judged by the policy with the
     * quarantine in force, against the quarantine drop counters now.
     */
    public EnforcementCheck.Outcome verify(Order o, Policy policy, PolicyContext context, Subject device,
            List<FlowEnded> seen, EnforcementCheck.Vantage vantage) throws EnforcementException {
        long drops = drops(target.quarantineCounters()) - o.dropsBefore();
        List<Quarantine> q = new ArrayList<>(context.quarantines());
        q.add(o.quarantine());
        Decider expected = new Decider(policy, context.withQuarantines(q));
        return EnforcementCheck.verify(expected, device, o.deadline(), Math.max(0, drops), seen, vantage);
    }

    static long drops(KernelCounters k) {
        return k.packets("quarantine#blocked") + k.packets("quarantine#destination");
    }
}
