package dev.vigil.server.policy;

import dev.vigil.detect.findings.Finding;
import dev.vigil.detect.segmentation.Policy;
import dev.vigil.detect.segmentation.PolicyContext;
import dev.vigil.detect.segmentation.PolicyFindings;
import dev.vigil.detect.segmentation.Subject;
import dev.vigil.enforce.radius.CoaClient;
import dev.vigil.enforce.radius.NasScope;
import dev.vigil.enforce.radius.Placement;
import dev.vigil.enforce.radius.RadiusClient;
import dev.vigil.enforce.radius.RadiusServer;
import dev.vigil.enforce.radius.VlanMoves;
import dev.vigil.engine.net.Cidr;
import dev.vigil.store.audit.AuditStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * RADIUS as the service's second enforcement point: Vigil's own MAC-authentication server answers
 * switches and access points with each device's VLAN (its tier's, else its zone's), and when a
 * placement changes (a tier, a zone, a quarantine, a new policy) the sessions it moves get a
 * Change-of-Authorization, a Disconnect when the NAS refuses it (RFC 5176). Every answer of a NAS is
 * in the audit log; a move no NAS acknowledged is an {@code enforcement.failed} finding. Moves run on
 * a thread of their own, so a NAS that does not answer never holds up ingestion.
 */
public final class Switches implements AutoCloseable {

    private final RadiusServer server;
    private final VlanMoves moves;
    private final AuditStore audit;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().name("vigil-coa").daemon(true).unstarted(r));
    private final List<Finding> failed = new ArrayList<>();
    private final List<VlanMoves.Move> recent = new ArrayList<>();
    private final Map<String, Integer> failedTo = new java.util.HashMap<>();
    private final java.util.concurrent.atomic.AtomicReference<Next> next = new java.util.concurrent.atomic.AtomicReference<>();
    private final java.util.concurrent.atomic.AtomicBoolean scheduled = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile String revision;

    private Switches(RadiusServer server, VlanMoves moves, AuditStore audit) {
        this.server = server;
        this.moves = moves;
        this.audit = audit;
    }

    /**
     * Starts the RADIUS server; CoA and Disconnect go only to NASes inside the client blocks.
     *
     * @param clients the NAS address blocks that may ask
     * @param secret the shared secret
     */
    public static Switches start(InetSocketAddress listen, List<Cidr> clients, byte[] secret, int coaPort, AuditStore audit)
            throws IOException {
        List<RadiusClient> nas = new ArrayList<>();
        for (Cidr c : clients) {
            nas.add(new RadiusClient(c.toString(), c, secret));
        }
        RadiusServer s = RadiusServer.start(listen, nas, mac -> new Placement.Placed(null, null), a -> { });
        return new Switches(s, new VlanMoves(s, new CoaClient(new NasScope(clients)), coaPort), audit);
    }

    public InetSocketAddress address() {
        return server.address();
    }

    /**
     * Places devices by this policy and context from now on, and moves the sessions that changes in the
     * background. Placements asked for while a move is under way coalesce: only the latest is followed.
     */
    public void follow(Policy p, PolicyContext ctx) {
        revision = p.revision();
        next.set(new Next(Placement.of(p, ctx), ctx));
        if (scheduled.compareAndSet(false, true)) {
            worker.execute(this::drain);
        }
    }

    private record Next(Placement placement, PolicyContext context) {
    }

    private void drain() {
        scheduled.set(false);
        Next n = next.getAndSet(null);
        if (n == null) {
            return;
        }
        for (VlanMoves.Move m : moves.follow(n.placement())) {
            String answers = String.join(", ", m.results().stream().map(r -> r.sent() + " " + r.answer()
                    + (r.errorCause() == null ? "" : " (" + r.errorCause() + ")")).toList());
            synchronized (this) {
                recent.add(m);
                if (recent.size() > 100) {
                    recent.removeFirst();
                }
                // a session that stays unmoved is reported once per VLAN it should have gone to
                Integer before = m.done() ? failedTo.remove(m.mac()) : failedTo.put(m.mac(), m.to());
                if (m.done() || before == null || before != m.to()) {
                    audit.append("vigil", m.done() ? "radius.move" : "enforcement.failed", m.device() != null ? m.device()
                            : m.mac(), m.mac() + " vlan " + m.from() + " -> " + (m.to() == 0 ? "refused" : m.to()) + " ("
                            + m.reason() + "): " + answers);
                }
                if (!m.done() && (before == null || before != m.to())) {
                    failed.add(finding(m, n.context()));
                }
            }
        }
    }

    private static Finding finding(VlanMoves.Move m, PolicyContext ctx) {
        Subject s = ctx.byMac(m.mac());
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("why", "no NAS acknowledged the move of " + m.mac() + " to " + (m.to() == 0 ? "refused" : "VLAN " + m.to()));
        ev.put("from_vlan", m.from());
        ev.put("reason", m.reason());
        ev.put("answers", m.results().stream().map(r -> r.sent() + " to " + r.nas() + ": " + r.answer()).toList());
        Subject about = s != null ? s : new Subject("mac:" + m.mac(), m.mac(), List.of(), null, null, null, List.of(), null,
                null, List.of(), null, null);
        long now = System.currentTimeMillis() * 1_000_000L;
        return PolicyFindings.make(PolicyFindings.ENFORCEMENT_FAILED, PolicyFindings.ref(about,
                about.addresses().isEmpty() ? null : about.addresses().get(0)), null, now, now, 1, ev);
    }

    /** The findings of failed moves since the last call (for the next window to commit). */
    synchronized List<Finding> drainFailed() {
        List<Finding> out = List.copyOf(failed);
        failed.clear();
        return out;
    }

    /** What the server has done: sessions, answers, the last moves. */
    public synchronized Map<String, Object> status() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("listen", server.address().toString());
        m.put("revision", revision);
        m.put("sessions", server.sessions().size());
        m.put("accepted", server.accepted());
        m.put("rejected", server.rejected());
        m.put("dropped", server.dropped());
        m.put("moves", recent.stream().map(x -> Map.of("mac", x.mac(), "from", x.from(), "to", x.to(), "done", x.done(),
                "reason", x.reason())).toList());
        return m;
    }

    /** Waits until the moves asked for so far are done (tests, shutdown). */
    public void settle(long millis) throws InterruptedException {
        var f = worker.submit(() -> { });
        try {
            f.get(millis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // what was not done in time is reported by its move
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
        server.close();
    }
}
