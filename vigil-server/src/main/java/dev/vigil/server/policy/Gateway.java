package dev.vigil.server.policy;

import dev.vigil.detect.segmentation.CompiledPolicy;
import dev.vigil.detect.segmentation.Policy;
import dev.vigil.detect.segmentation.PolicyCompiler;
import dev.vigil.detect.segmentation.PolicyContext;
import dev.vigil.enforce.Applied;
import dev.vigil.enforce.EnforcementException;
import dev.vigil.enforce.EnforcementTarget;
import dev.vigil.store.audit.AuditStore;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's nftables gateway: the policy compiled with the quarantines in force at that moment
 * and applied, one change at a time. The quarantines' monitor is the lock, so no block or release
 * falls between a compile and its apply; a new table counts from zero, and so do the checks under way.
 */
final class Gateway {

    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    private final EnforcementTarget target;
    private final Quarantines quarantines;
    private final AuditStore audit;
    private volatile String status = "no enforcement point configured";

    Gateway(EnforcementTarget target, Quarantines quarantines, AuditStore audit) {
        this.target = target;
        this.quarantines = quarantines;
        this.audit = audit;
    }

    /** What it did last, in one line. */
    String status() {
        return status;
    }

    /** Applies a policy now (approval, start); a refusal leaves the ruleset before in force and is thrown. */
    String apply(Policy p, PolicyContext ctx, long nowNanos) throws EnforcementException {
        synchronized (quarantines) {
            Applied a = applyLocked(p, ctx, nowNanos);
            status = line(a);
            return status;
        }
    }

    /** Keeps the gateway in line after a window (new devices in zones, DNS answers), if {@code p} is still in force. */
    void follow(Policy p, Supplier<Policy> inForce, PolicyContext ctx, long nowNanos) {
        synchronized (quarantines) {
            if (inForce.get() != p) {
                return;
            }
            try {
                Applied a = applyLocked(p, ctx, nowNanos);
                if (!a.status().equals("unchanged")) {
                    status = line(a);
                    audit.append("vigil", "policy.enforce", p.revision(), status);
                }
            } catch (EnforcementException e) {
                status = "failed: " + e.getMessage();
                LOG.warn("enforcement point: {}", e.getMessage());
            }
        }
    }

    private Applied applyLocked(Policy p, PolicyContext ctx, long nowNanos) throws EnforcementException {
        CompiledPolicy compiled = PolicyCompiler.compile(p, ctx.withQuarantines(quarantines.active(nowNanos)), nowNanos);
        Applied a = target.apply(compiled, nowNanos);
        if (!a.status().equals("unchanged")) {
            quarantines.rebase();
        }
        target.refreshTimed(compiled, nowNanos);
        return a;
    }

    private String line(Applied a) {
        return target.describe() + ": " + a.status() + ", " + a.elements() + " elements, " + a.nanos() / 1_000_000 + " ms";
    }
}
