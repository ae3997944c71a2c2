package dev.vigil.server.policy;

import dev.vigil.detect.findings.Finding;
import dev.vigil.detect.segmentation.Decider;
import dev.vigil.detect.segmentation.DnsAnswer;
import dev.vigil.detect.segmentation.Membership;
import dev.vigil.detect.segmentation.Policy;
import dev.vigil.detect.segmentation.PolicyContext;
import dev.vigil.detect.segmentation.PolicyException;
import dev.vigil.detect.segmentation.PolicyParser;
import dev.vigil.detect.segmentation.Simulator;
import dev.vigil.detect.segmentation.Subject;
import dev.vigil.detect.trust.TrustScorer;
import dev.vigil.engine.flow.FlowEnded;
import dev.vigil.engine.net.Ip;
import dev.vigil.enforce.EnforcementException;
import dev.vigil.enforce.EnforcementTarget;
import dev.vigil.server.ingest.PolicyWatch;
import dev.vigil.store.Stores;
import dev.vigil.store.policy.PolicyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Segmentation inside the service: policy revisions kept in the store and approved by a person, the
 * policy in force judged against every window (traffic outside it is a {@code policy.violation}
 * finding, which feeds trust), decisions asked through the API and logged, the enforcement point kept
 * in line with the inventory, and the quarantine queue ({@link Quarantines}) following trust. The
 * decisions come from {@link Decider}, the same function the compiled ruleset is checked against.
 */
public final class Segmentation implements PolicyWatch {

    private static final Logger LOG = LoggerFactory.getLogger(Segmentation.class);

    /** How long a context built for the API is used before it is built again (ms). */
    static final long CONTEXT_MILLIS = 5_000;

    /** Entries no flow used in this many days are proposed for removal. */
    public static final long UNUSED_DAYS = 30;

    /** A revision kept: whether it was new, and its parsed policy. */
    public record Submitted(String revision, String name, boolean created, Policy policy) {
    }

    private final Stores stores;
    private final EnforcementTarget target;
    private final Switches switches;
    private final LongSupplier wallMillis;
    private final Quarantines quarantines;
    private final SeenAnswers answers = new SeenAnswers();
    private final MembershipState membershipState;
    private volatile java.util.function.Consumer<List<Finding>> commit = found -> { };
    private ManufacturerMud mud;
    private volatile Policy inForce;
    private Membership membership;
    /** The tracker's state as the last window left it, for contexts built outside the windows (never the live tracker). */
    private volatile Map<String, Map<String, Membership.Track>> admitted = Map.of();
    private volatile PolicyContext context = PolicyContext.of(List.of());
    private volatile long contextAt = Long.MIN_VALUE;
    private final Gateway gateway;

    /**
     * @param target the nftables gateway, or null
     * @param switches Vigil's RADIUS server for switches and Wi-Fi, or null
     */
    public Segmentation(Stores stores, EnforcementTarget target, Switches switches, LongSupplier wallMillis) {
        this.stores = stores;
        this.target = target;
        this.switches = switches;
        this.wallMillis = wallMillis;
        this.quarantines = new Quarantines(stores, target, switches, this, () -> wallMillis.getAsLong() * 1_000_000L);
        this.membershipState = new MembershipState(stores.settings());
        this.gateway = target == null ? null : new Gateway(target, quarantines, stores.audit());
        stores.policies().approved().ifPresent(r -> {
            try {
                inForce = PolicyParser.parse(r.name() + ".policy", r.text());
                membership = membershipState.load(inForce.membership());
                admitted = membership.state();
            } catch (PolicyException e) {
                LOG.warn("the stored policy {} no longer reads ({}); none is in force", r.revision(), e.getMessage());
            }
        });
    }

    /**
     * Puts the service's policy in force at start: the file given (kept and approved by the person who
     * started the service, unless it is the revision in force already), else the one approved before;
     * then the enforcement points get it.
     */
    public void start(java.nio.file.Path policyFile, String by) throws PolicyException, EnforcementException,
            java.io.IOException {
        if (mud != null) {
            mud.start();
        }
        if (policyFile != null) {
            Submitted sub = submit(policyFile.getFileName().toString(), java.nio.file.Files.readString(policyFile), by);
            Policy p = inForce;
            if (p == null || !p.revision().equals(sub.revision())) {
                approve(sub.revision(), by);
                return;
            }
        }
        Policy p = inForce;
        if (p != null) {
            PolicyContext ctx = freshContext();
            if (gateway != null) {
                gateway.apply(p, ctx, wallMillis.getAsLong() * 1_000_000L);
            }
            if (switches != null) {
                switches.follow(p, ctx);
            }
        }
    }

    /** Where findings that come between windows are committed (the Persister's). */
    public void commitWith(java.util.function.Consumer<List<Finding>> c) {
        this.commit = c;
    }

    /** Checks the MUD files devices announce with this fetcher (its trust anchors, its cache). */
    public void manufacturerMud(dev.vigil.enforce.mud.MudFetcher fetcher) {
        this.mud = new ManufacturerMud(fetcher, stores, this, found -> commit.accept(found),
                () -> wallMillis.getAsLong() * 1_000_000L);
    }

    /** The manufacturer MUD checks, or null when no trust anchors are configured. */
    public ManufacturerMud mud() {
        return mud;
    }

    /**
     * Every second: quarantines past their end expire, checks no window came for conclude, and what
     * they and the switches found is committed.
     */
    public void sweep() {
        List<Finding> found = new ArrayList<>(quarantines.sweep());
        if (switches != null) {
            found.addAll(switches.drainFailed());
        }
        if (!found.isEmpty()) {
            commit.accept(found);
        }
    }

    /** Stops the background work: RADIUS, the MUD checks. */
    public void close() {
        if (switches != null) {
            switches.close();
        }
        if (mud != null) {
            mud.close();
        }
    }

    public Quarantines quarantines() {
        return quarantines;
    }

    /** The policy in force, or null. */
    public Policy inForce() {
        return inForce;
    }

    /** What the enforcement point did last, in one line. */
    public String enforcement() {
        return gateway == null ? "no enforcement point configured" : gateway.status();
    }

    public String describeTarget() {
        return target == null ? null : target.describe();
    }

    public Switches switches() {
        return switches;
    }

    /** Reads a policy and keeps it as a draft (a revision kept already is left as it is). */
    public Submitted submit(String file, String text, String author) throws PolicyException {
        Policy p = PolicyParser.parse(file, text);
        boolean created = stores.policies().draft(p.revision(), p.name(), text, author, wallMillis.getAsLong());
        if (created) {
            stores.audit().append(author, "policy.draft", p.revision(), "policy " + p.name() + ", " + p.rules().size()
                    + " rules, " + p.zones().size() + " zones");
        }
        return new Submitted(p.revision(), p.name(), created, p);
    }

    /**
     * Learns least privilege from the flows the service stored in a period (epoch ms, packet time):
     * one MUD file per device, and a policy of them kept as a draft for a person to simulate and approve.
     */
    public StoreLearning.Learned learn(long sinceMillis, long untilMillis, String author) throws PolicyException {
        return StoreLearning.learn(this, stores, answers, sinceMillis, untilMillis, author);
    }

    /** A kept revision's policy, or empty. */
    public Optional<Policy> revision(String revision) throws PolicyException {
        Optional<PolicyStore.RevisionRow> r = stores.policies().revision(revision);
        if (r.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(PolicyParser.parse(r.get().name() + ".policy", r.get().text()));
    }

    /**
     * Puts a kept revision in force: recorded, audited, and compiled onto the enforcement point
     * (a failure there leaves the ruleset before in force, and the revision is not approved).
     */
    public synchronized String approve(String revision, String by) throws PolicyException, EnforcementException {
        Policy p = revision(revision).orElseThrow(() -> new PolicyException("policy", 0, "no revision " + revision + " is kept"));
        long now = wallMillis.getAsLong();
        Policy before = inForce;
        Membership m = membership != null ? new Membership(p.membership(), membership.state())
                : membershipState.load(p.membership());
        PolicyContext ctx = build(p, m, now * 1_000_000L, false);
        String applied = "recorded: no enforcement point configured";
        if (gateway != null) {
            applied = gateway.apply(p, ctx, now * 1_000_000L);
        }
        stores.policies().approve(revision, by, now);
        stores.audit().append(by, "policy.approve", revision, "policy " + p.name() + (before == null ? ""
                : ", replacing " + before.revision()) + "; " + applied);
        inForce = p;
        membership = m;
        admitted = m.state();
        context = ctx;
        contextAt = now;
        if (switches != null) {
            switches.follow(p, ctx);
        }
        return applied;
    }

    /** The context the API judges with: the inventory, tiers, DNS answers and quarantines, at most a few seconds old. */
    public PolicyContext context() {
        long now = wallMillis.getAsLong();
        if (contextAt == Long.MIN_VALUE || now - contextAt > CONTEXT_MILLIS) {
            Policy p = inForce;
            context = build(p, p == null ? null : new Membership(p.membership(), admitted), now * 1_000_000L, true);
            contextAt = now;
        }
        return context;
    }

    /** A context built now (after a quarantine or a tier change). */
    public PolicyContext freshContext() {
        invalidate();
        return context();
    }

    /** The next question builds the context again (a quarantine began or ended). */
    void invalidate() {
        contextAt = Long.MIN_VALUE;
    }

    /** The same context as it applies to another policy (its own membership rule and DNS margin). */
    public PolicyContext contextFor(Policy p) {
        Policy f = inForce;
        if (f != null && f.revision().equals(p.revision())) {
            return context();
        }
        return build(p, new Membership(p.membership(), admitted), wallMillis.getAsLong() * 1_000_000L, true);
    }

    /**
     * Builds a context from the store.
     *
     * @param m the membership tracker to count this as an observation in (null: a copy, left as it was)
     * @param observe whether this is one observation (a window), else the tracker is not moved
     */
    private PolicyContext build(Policy p, Membership m, long nowNanos, boolean observe) {
        return build(p, m, nowNanos, observe, List.of());
    }

    /** @param window devices a window saw that the store may not hold yet (merged over the stored ones) */
    private PolicyContext build(Policy p, Membership m, long nowNanos, boolean observe,
            List<dev.vigil.detect.inventory.Device> window) {
        Membership tracker;
        if (p == null) {
            tracker = new Membership(dev.vigil.detect.segmentation.MembershipRule.DEFAULT);
        } else if (m == null || !observe) {
            tracker = m == null ? new Membership(p.membership()) : new Membership(p.membership(), m.state());
        } else {
            tracker = m;
        }
        return Contexts.build(stores, answers, quarantines, p, tracker, nowNanos, window);
    }

    /** The device a quarantine is about, as the policy sees it now, or null. */
    Subject subject(String device) {
        Subject s = Contexts.find(context(), device);
        return s != null ? s : Contexts.find(freshContext(), device);
    }

    /** The zones of the policy in force a device is in. */
    List<String> zonesOf(Subject s) {
        return Contexts.zonesOf(inForce, s);
    }

    /** A tier change the service committed: a device that reached the quarantined tier is quarantined, or queued. */
    public void tierChange(TrustScorer.TierChange c) {
        try {
            if (c.to().equals(dev.vigil.detect.policy.Tier.QUARANTINED.label())) {
                quarantines.fromTrust(c);
            }
        } catch (RuntimeException e) {
            // a quarantine that cannot be asked for never stops ingestion; the audit log says so
            LOG.warn("quarantine of {}: {}", c.device(), e.toString());
            stores.audit().append("auto", "quarantine.failed", c.device(), e.toString());
        }
    }

    // ---- the windows (ingestion's thread) ----

    @Override
    public boolean watches(Ip ip) {
        return quarantines.watches(ip);
    }

    @Override
    public boolean wantsAnswers() {
        return true;
    }

    @Override
    public void answers(List<DnsAnswer> list, Ip from) {
        Policy p = inForce;
        List<Ip> resolvers = p == null ? null : p.controllers().get(dev.vigil.detect.segmentation.Target.Controller.DNS);
        // where the policy names the network's resolvers, an answer from anyone else opens nothing
        if (resolvers == null || resolvers.isEmpty() || resolvers.contains(from)) {
            answers.add(list, from);
        }
    }

    @Override
    public List<Finding> judge(List<dev.vigil.detect.inventory.Device> devices, List<PolicyStore.FlowRow> flows,
            List<FlowEnded> watched, long windowEnd) {
        List<Finding> out = new ArrayList<>();
        try {
            Policy p = inForce;
            long now = wallMillis.getAsLong();
            if (p != null) {
                PolicyContext ctx;
                synchronized (this) {
                    ctx = build(p, membership, now * 1_000_000L, true, devices);
                    admitted = membership.state();
                    membershipState.save(membership);
                    context = ctx;
                    contextAt = now;
                }
                StoredFlows sf = StoredFlows.of(flows);
                out.addAll(Violations.fold(new Simulator(p, ctx).run(sf.flows(), sf.weights(), UNUSED_DAYS, 0).violations()));
                follow(p, ctx, now);
            }
            out.addAll(quarantines.check(watched, p, context, windowEnd));
            if (switches != null) {
                out.addAll(switches.drainFailed());
            }
        } catch (RuntimeException e) {
            // a policy that cannot judge a window never stops ingestion; the next window tries again
            LOG.warn("segmentation could not judge a window: {}", e.toString());
        }
        return out;
    }

    /** Keeps the enforcement points in line with the inventory (new devices in zones, DNS answers); a no-op when nothing changed. */
    private void follow(Policy p, PolicyContext ctx, long now) {
        if (gateway != null) {
            gateway.follow(p, () -> inForce, ctx, now * 1_000_000L);
        }
        if (switches != null) {
            switches.follow(p, ctx);
        }
    }
}
