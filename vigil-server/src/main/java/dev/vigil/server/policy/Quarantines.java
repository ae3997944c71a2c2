package dev.vigil.server.policy;

import dev.vigil.detect.findings.Finding;
import dev.vigil.detect.segmentation.EnforcementCheck;
import dev.vigil.detect.segmentation.Policy;
import dev.vigil.detect.segmentation.PolicyContext;
import dev.vigil.detect.segmentation.Quarantine;
import dev.vigil.detect.segmentation.QuarantineLedger;
import dev.vigil.detect.segmentation.Subject;
import dev.vigil.detect.trust.TrustScorer;
import dev.vigil.engine.event.EventJson;
import dev.vigil.engine.flow.FlowEnded;
import dev.vigil.engine.net.Ip;
import dev.vigil.enforce.Containment;
import dev.vigil.enforce.EnforcementException;
import dev.vigil.enforce.EnforcementTarget;
import dev.vigil.store.Stores;
import dev.vigil.store.policy.PolicyStore;
import dev.vigil.store.policy.PolicyStore.QuarantineRow;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The quarantine queue of the service. A device whose trust falls to the quarantined tier is
 * quarantined at once, or waits in the queue for a person where the policy says so ({@code
 * quarantine approval ZONES}); people may also quarantine, approve, reject and release. Each block
 * goes through the ledger (catch-and-release: each repeat holds longer) to the enforcement point,
 * and then is checked: after the deadline the drop counters and the service's own view of the
 * device's flows must agree that it is cut off, else that is an {@code enforcement.failed} finding.
 * Every step is in the audit log with its reason.
 */
public final class Quarantines {

    /** The states of a quarantine. */
    public static final String PENDING = "pending", ACTIVE = "active", REJECTED = "rejected", RELEASED = "released",
            EXPIRED = "expired", FAILED = "failed";

    /** A check is concluded with what was seen once this long (wall clock) has passed after its deadline. */
    static final long CHECK_WAIT_NANOS = 30_000_000_000L;

    /** The passive view must have seen this far past the deadline (packet time) to conclude. */
    static final long CHECK_AFTER_NANOS = 2_000_000_000L;

    /** One block whose effect is yet to be checked. */
    private static final class Check {
        final long row;
        Containment.Order order;
        final Subject subject;
        final List<FlowEnded> seen = new ArrayList<>();

        Check(long row, Containment.Order order, Subject subject) {
            this.row = row;
            this.order = order;
            this.subject = subject;
        }
    }

    private final PolicyStore store;
    private final Stores stores;
    private final EnforcementTarget target;
    private final Switches switches;
    private final Segmentation segmentation;
    private final LongSupplier nanos;
    private final QuarantineLedger ledger;
    private final Map<Long, Check> checks = new LinkedHashMap<>();
    /** The addresses watched one by one, replaced whole (ingestion reads it without a lock). */
    private volatile Set<Ip> watched = Set.of();
    private long checkWaitNanos = CHECK_WAIT_NANOS;
    private final EnforcementCheck.Vantage vantage = EnforcementCheck.Vantage.DEVICE_SIDE;

    Quarantines(Stores stores, EnforcementTarget target, Switches switches, Segmentation segmentation, LongSupplier nanos) {
        this.stores = stores;
        this.store = stores.policies();
        this.target = target;
        this.switches = switches;
        this.segmentation = segmentation;
        this.nanos = nanos;
        List<Quarantine> saved = new ArrayList<>();
        for (QuarantineRow r : store.quarantines(List.of(ACTIVE, RELEASED, EXPIRED), 10_000)) {
            long until = r.state().equals(RELEASED) ? r.decided() : r.until();
            saved.add(new Quarantine(r.device(), addresses(r.addresses()), r.reason(), r.requestedBy(), r.from(), until,
                    r.offence()));
        }
        this.ledger = new QuarantineLedger(QuarantineLedger.Settings.DEFAULT, saved.reversed());
    }

    static List<Ip> addresses(String csv) {
        List<Ip> out = new ArrayList<>();
        for (String a : csv == null ? new String[0] : csv.split(",")) {
            Ip ip = Ip.tryParse(a.trim());
            if (ip != null) {
                out.add(ip);
            }
        }
        return out;
    }

    /** Quarantines in force at {@code at} (epoch ns). */
    public synchronized List<Quarantine> active(long at) {
        return ledger.active(at);
    }

    boolean watches(Ip ip) {
        return !watched.isEmpty() && watched.contains(ip);
    }

    public List<QuarantineRow> list(List<String> states, int limit) {
        return store.quarantines(states, limit);
    }

    /** The quarantined tier reached: quarantine the device, or queue it where the policy wants a person to approve. */
    void fromTrust(TrustScorer.TierChange c) {
        String reason = "trust " + Math.round(c.score()) + (c.causes() == null || c.causes().isEmpty() ? ""
                : ": " + String.join(", ", c.causes()));
        try {
            request(c.device(), reason, "auto", false);
        } catch (EnforcementException e) {
            if (e.getMessage().startsWith("refused: no device")) {
                stores.audit().append("auto", "quarantine.failed", c.device(), reason + "; " + e.getMessage());
            }
            // otherwise recorded on the row and in the audit log already
        }
    }

    /**
     * Asks for a device's quarantine. The service asking ({@code by} "auto") waits for approval where
     * the policy says so; a person asking waits only when {@code ask} (an analyst proposing it to an
     * admin, or an admin wanting a second pair of eyes).
     *
     * @return the row: pending, active, or failed (the enforcement point refused)
     */
    public synchronized QuarantineRow request(String device, String reason, String by, boolean ask)
            throws EnforcementException {
        long now = nanos.getAsLong();
        for (QuarantineRow r : store.quarantines(List.of(PENDING, ACTIVE), 1_000)) {
            if (r.device().equals(device) && r.state().equals(PENDING) && !by.equals("auto") && !ask) {
                // a person asking directly decides the request that was waiting
                return approve(r.id(), by);
            }
            if (r.device().equals(device) && (r.state().equals(PENDING) || r.until() > now)) {
                return r;
            }
        }
        Subject s = segmentation.subject(device);
        if (s == null) {
            throw new EnforcementException("refused: no device " + device + " in the inventory");
        }
        String addrs = String.join(",", s.addresses().stream().map(Ip::toString).toList());
        Policy p = segmentation.inForce();
        List<String> zones = segmentation.zonesOf(s);
        boolean byPolicy = by.equals("auto") && p != null && p.quarantine().needsApproval(zones);
        boolean noPolicy = by.equals("auto") && p == null;
        if (byPolicy || ask || noPolicy) {
            QuarantineRow row = new QuarantineRow(0, device, PENDING, addrs, reason, by, now, now, 0, 0, null, 0,
                    noPolicy ? "waiting: no policy is in force to enforce it" : byPolicy ? "waiting for approval: zone "
                    + String.join(", ", zones) : "waiting for an admin's approval");
            long id = store.addQuarantine(row);
            stores.audit().append(by, "quarantine.request", device, reason + "; waiting for approval"
                    + (byPolicy ? " (zones " + String.join(", ", zones) + ")" : ""));
            return store.quarantine(id).orElseThrow();
        }
        long id = store.addQuarantine(new QuarantineRow(0, device, PENDING, addrs, reason, by, now, now, 0, 0, null, 0, null));
        return enforce(store.quarantine(id).orElseThrow(), s, by, now);
    }

    /** A person approves a pending quarantine: it is put in force now. */
    public synchronized QuarantineRow approve(long id, String by) throws EnforcementException {
        QuarantineRow r = pending(id);
        Subject s = segmentation.subject(r.device());
        if (s == null) {
            throw new EnforcementException("refused: no device " + r.device() + " in the inventory");
        }
        stores.audit().append(by, "quarantine.approve", r.device(), "request " + id + ": " + r.reason());
        return enforce(r, s, by, nanos.getAsLong());
    }

    /** A person rejects a pending quarantine. */
    public synchronized QuarantineRow reject(long id, String by, String why) throws EnforcementException {
        QuarantineRow r = pending(id);
        QuarantineRow done = r.with(REJECTED, by, nanos.getAsLong(), "rejected: " + why);
        store.updateQuarantine(done);
        stores.audit().append(by, "quarantine.reject", r.device(), "request " + id + ": " + why);
        return done;
    }

    private QuarantineRow pending(long id) throws EnforcementException {
        QuarantineRow r = store.quarantine(id).orElseThrow(() -> new EnforcementException("no quarantine " + id));
        if (!r.state().equals(PENDING)) {
            throw new EnforcementException("quarantine " + id + " is " + r.state() + ", not pending");
        }
        return r;
    }

    /** Ends a quarantine in force before its time. */
    public synchronized QuarantineRow release(long id, String by, String why) throws EnforcementException {
        QuarantineRow r = store.quarantine(id).orElseThrow(() -> new EnforcementException("no quarantine " + id));
        long now = nanos.getAsLong();
        if (!r.state().equals(ACTIVE) || r.until() <= now) {
            throw new EnforcementException("quarantine " + id + " is not in force");
        }
        String outcome = "released: " + why;
        Quarantine held = ledger.active(r.device(), now);
        if (target != null && segmentation.inForce() != null && held != null) {
            // the enforcement point first: if it refuses, the ledger still holds the quarantine it holds
            target.release(held);
            outcome += " (" + target.describe() + ")";
        }
        ledger.release(r.device(), why, by, now);
        segmentation.invalidate();
        checks.remove(id);
        rewatch();
        QuarantineRow done = new QuarantineRow(r.id(), r.device(), RELEASED, r.addresses(), r.reason(), r.requestedBy(),
                r.requested(), r.from(), r.until(), r.offence(), by, now, append(r.outcome(), outcome));
        store.updateQuarantine(done);
        stores.audit().append(by, "quarantine.release", r.device(), "quarantine " + id + ": " + why);
        followSwitches();
        return done;
    }

    /** Puts a row in force: the ledger, then the enforcement point; the check is due after the deadline. */
    private QuarantineRow enforce(QuarantineRow r, Subject s, String by, long now) throws EnforcementException {
        Policy p = segmentation.inForce();
        String outcome;
        Quarantine q;
        if (target != null && p != null) {
            Containment c = new Containment(target, ledger);
            Containment.Order o;
            try {
                o = c.quarantine(s, r.reason(), r.requestedBy(), now);
            } catch (EnforcementException e) {
                // the ledger took the block before the enforcement point refused it: it is not in force
                ledger.release(s.id(), "enforcement refused", by, now);
                segmentation.invalidate();
                QuarantineRow failed = r.with(FAILED, by, now, "enforcement refused: " + e.getMessage());
                store.updateQuarantine(failed);
                stores.audit().append(by, "quarantine.failed", r.device(), e.getMessage());
                throw e;
            }
            q = o.quarantine();
            outcome = target.describe() + ": in force in " + o.applied().nanos() / 1_000_000 + " ms; checking after "
                    + EventJson.time(o.deadline());
            checks.put(r.id(), new Check(r.id(), o, s));
            rewatch();
        } else {
            q = ledger.block(s.id(), s.addresses(), r.reason(), r.requestedBy(), now);
            outcome = p == null ? "recorded only: no policy in force" : switches != null
                    ? "RADIUS: the device's sessions are moved to the quarantine VLAN by CoA (see the audit log)"
                    : "recorded only: no enforcement point configured";
        }
        QuarantineRow active = new QuarantineRow(r.id(), r.device(), ACTIVE, r.addresses(), r.reason(), r.requestedBy(),
                r.requested(), q.from(), q.until(), q.offence(), by.equals("auto") ? null : by, now, outcome);
        store.updateQuarantine(active);
        stores.audit().append(by, "quarantine.block", r.device(), r.reason() + "; until " + EventJson.time(q.until())
                + " (offence " + q.offence() + "); " + outcome);
        followSwitches();
        return active;
    }

    private void followSwitches() {
        segmentation.invalidate();
        Policy p = segmentation.inForce();
        if (switches != null && p != null) {
            switches.follow(p, segmentation.freshContext());
        }
    }

    /**
     * A window's flows of the watched devices: the checks whose deadline the window reached conclude.
     *
     * @return {@code enforcement.failed} findings
     */
    synchronized List<Finding> check(List<FlowEnded> flows, Policy p, PolicyContext ctx, long windowEnd) {
        List<Finding> out = new ArrayList<>();
        long now = nanos.getAsLong();
        for (Iterator<Check> it = checks.values().iterator(); it.hasNext();) {
            Check c = it.next();
            for (FlowEnded f : flows) {
                if (c.subject.addresses().contains(f.flow().clientIp()) || c.subject.addresses().contains(f.flow().serverIp())) {
                    c.seen.add(f);
                }
            }
            boolean seenEnough = windowEnd >= c.order.deadline() + CHECK_AFTER_NANOS;
            if (p == null || (!seenEnough && now < c.order.deadline() + checkWaitNanos)) {
                continue;
            }
            Finding f = conclude(c, p, ctx);
            it.remove();
            if (f != null) {
                out.add(f);
            }
        }
        rewatch();
        return out;
    }

    /**
     * Concludes the checks no window came for in time, and marks quarantines past their end expired.
     *
     * @return the {@code enforcement.failed} findings of the checks it concluded
     */
    synchronized List<Finding> sweep() {
        List<Finding> late = new ArrayList<>();
        long now = nanos.getAsLong();
        Policy p = segmentation.inForce();
        for (Iterator<Check> it = checks.values().iterator(); it.hasNext();) {
            Check c = it.next();
            if (p != null && now >= c.order.deadline() + checkWaitNanos) {
                Finding f = conclude(c, p, segmentation.context());
                it.remove();
                if (f != null) {
                    late.add(f);
                }
            }
        }
        for (QuarantineRow r : store.quarantines(List.of(ACTIVE), 10_000)) {
            if (r.until() <= now) {
                store.updateQuarantine(new QuarantineRow(r.id(), r.device(), EXPIRED, r.addresses(), r.reason(),
                        r.requestedBy(), r.requested(), r.from(), r.until(), r.offence(), r.decidedBy(), r.decided(),
                        append(r.outcome(), "expired " + EventJson.time(r.until()))));
                stores.audit().append("vigil", "quarantine.expire", r.device(), "quarantine " + r.id() + " ended at "
                        + EventJson.time(r.until()));
                checks.remove(r.id());
                again(r);
            }
        }
        rewatch();
        return late;
    }

    /**
     * Catch-and-release: a device still in the quarantined tier when its quarantine ends is caught
     * again, held longer (the ledger counts the offence).
     */
    private void again(QuarantineRow ended) {
        String tier = stores.devices().tiers().get(ended.device());
        if (!dev.vigil.detect.policy.Tier.QUARANTINED.label().equals(tier) || !"auto".equals(ended.requestedBy())) {
            return;
        }
        try {
            request(ended.device(), "still quarantined when quarantine " + ended.id() + " ended (" + ended.reason() + ")",
                    "auto", false);
        } catch (EnforcementException | RuntimeException e) {
            stores.audit().append("auto", "quarantine.failed", ended.device(), "caught again: " + e.getMessage());
        }
    }

    private Finding conclude(Check c, Policy p, PolicyContext ctx) {
        EnforcementCheck.Outcome o;
        try {
            o = new Containment(target, ledger).verify(c.order, p, ctx, c.subject, c.seen, vantage);
        } catch (EnforcementException | RuntimeException e) {
            o = new EnforcementCheck.Outcome("failed", "the check could not be made: " + e.getMessage(), 0, 0, 0, null);
        }
        QuarantineRow r = store.quarantine(c.row).orElse(null);
        if (r != null) {
            store.updateQuarantine(new QuarantineRow(r.id(), r.device(), r.state(), r.addresses(), r.reason(), r.requestedBy(),
                    r.requested(), r.from(), r.until(), r.offence(), r.decidedBy(), r.decided(),
                    append(r.outcome(), "check: " + o.status() + " (" + o.why() + ")")));
        }
        stores.audit().append("vigil", o.failed() ? "enforcement.failed" : "quarantine.verified", c.subject.id(),
                o.status() + ": " + o.why());
        return o.finding();
    }

    private void rewatch() {
        Set<Ip> w = new java.util.HashSet<>();
        checks.values().forEach(c -> w.addAll(c.subject.addresses()));
        watched = Set.copyOf(w);
    }

    /**
     * The checks conclude without a window after this long past their deadline: at least 30 s, and
     * longer than a window of a live input may stay open ({@code --commit-every}) plus a margin.
     */
    public void checkWait(long commitEverySeconds) {
        checkWaitNanos = Math.max(CHECK_WAIT_NANOS, (commitEverySeconds + 10) * 1_000_000_000L);
    }

    /** The gateway's table was replaced: its counters start again from zero, and so do the checks' counts. */
    synchronized void rebase() {
        for (Check c : checks.values()) {
            c.order = new Containment.Order(c.order.quarantine(), c.order.applied(), c.order.deadline(), 0);
        }
    }

    private static String append(String a, String b) {
        return a == null || a.isEmpty() ? b : a + "; " + b;
    }
}
