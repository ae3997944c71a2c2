package dev.vigil.enforce.dns;

import dev.vigil.detect.segmentation.DnsAnswer;
import dev.vigil.detect.segmentation.DnsView;
import dev.vigil.detect.segmentation.Policy;
import dev.vigil.detect.segmentation.PolicyCompiler;
import dev.vigil.detect.segmentation.PolicyContext;
import dev.vigil.enforce.Applied;
import dev.vigil.enforce.EnforcementException;
import dev.vigil.enforce.EnforcementTarget;
import dev.vigil.engine.EngineConfig;
import dev.vigil.engine.Pipeline;
import dev.vigil.engine.anomaly.AnomalyCounters;
import dev.vigil.engine.capture.CaptureFormatException;
import dev.vigil.engine.capture.CaptureLimits;
import dev.vigil.engine.capture.Captures;
import dev.vigil.engine.capture.PacketSource;
import dev.vigil.engine.capture.RawPacket;
import dev.vigil.engine.event.Event;
import dev.vigil.engine.proto.dns.DnsMessage;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Follows the DNS answers on a packet stream (a capture of the network's DNS traffic: {@code tcpdump
 * -w - port 53}) and keeps an enforcement point's name sets in step: each answer joins the view,
 * the policy is recompiled for now, and the new timed elements go in with their timeouts.
 */
public final class DnsFollower {

    private final Policy policy;
    private final PolicyContext base;
    private final EnforcementTarget target;
    private final LongSupplier clock;
    private final DnsView view;
    private final List<String> problems = new ArrayList<>();
    private volatile long answers;
    private volatile long updates;

    /**
     * @param base the devices and quarantines (its DNS view is replaced by the one followed)
     * @param clock wall-clock nanoseconds since the epoch
     */
    public DnsFollower(Policy policy, PolicyContext base, EnforcementTarget target, LongSupplier clock) {
        this.policy = policy;
        this.base = base;
        this.target = target;
        this.clock = clock;
        this.view = new DnsView(policy.dnsMarginSeconds());
    }

    /** Reads the stream to its end (or until the thread is interrupted). */
    public void follow(InputStream stream, String name) throws IOException, CaptureFormatException {
        AnomalyCounters anomalies = new AnomalyCounters();
        Pipeline p = new Pipeline(EngineConfig.defaults(), this::event);
        RawPacket raw = new RawPacket();
        try (PacketSource src = Captures.open(stream, name, -1, CaptureLimits.DEFAULT, anomalies)) {
            while (!Thread.currentThread().isInterrupted() && src.next(raw)) {
                p.accept(raw);
            }
        }
    }

    /** Takes in the answers of one DNS message and brings the enforcement point in step. */
    public void event(Event e) {
        if (!(e instanceof DnsMessage m)) {
            return;
        }
        List<DnsAnswer> a = DnsAnswer.of(m);
        if (a.isEmpty()) {
            return;
        }
        view.addAll(a);
        answers += a.size();
        try {
            long now = clock.getAsLong();
            PolicyContext ctx = PolicyContext.of(base.subjects(), view, base.quarantines());
            Applied r = target.refreshTimed(PolicyCompiler.compile(policy, ctx, now), now);
            if (r.status().equals("updated")) {
                updates = updates + 1;
            }
        } catch (EnforcementException ex) {
            if (problems.size() < 100) {
                problems.add(ex.getMessage());
            }
        }
    }

    public long answers() {
        return answers;
    }

    public long updates() {
        return updates;
    }

    /** What went wrong while following, one line each (the first hundred). */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    public DnsView view() {
        return view;
    }
}
