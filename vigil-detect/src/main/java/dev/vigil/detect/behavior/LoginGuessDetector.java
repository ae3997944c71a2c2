package dev.vigil.detect.behavior;

import dev.vigil.detect.findings.Detector;
import dev.vigil.detect.findings.DeviceIndex;
import dev.vigil.detect.findings.Endpoint;
import dev.vigil.detect.findings.FindingRecorder;
import dev.vigil.detect.findings.Severity;
import dev.vigil.engine.event.Event;
import dev.vigil.engine.flow.FlowEnded;
import dev.vigil.engine.flow.FlowMeta;
import dev.vigil.engine.net.Ip;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Password guessing on a login service found by its banner on any port (MITRE ATT&CK T1110.001):
 * the port list of {@link BruteForceDetector} misses SSH on 2222 or telnet on 9527, which is where
 * IoT botnets and guessing libraries (ncrack, hydra, paramiko scripts) find them. A guessing client
 * opens one connection per attempt, or a few attempts per connection, and each looks like the
 * others: the same handshake, one authentication exchange, the server's refusal, a close within
 * the server's login grace time. Many such sessions from one client to one service within
 * {@code bruteforce.window} are reported as {@code attack.bruteforce}, with how alike they were.
 */
public final class LoginGuessDetector implements Detector, Bounded, java.io.Serializable {

    static final int MAX_KEYS = 100_000;
    /** Services whose every connection opens with an authentication (the banner named them). */
    static final Set<String> LOGIN_SERVICES = Set.of("ssh", "telnet", "ftp", "rdp");
    /** OpenSSH's default LoginGraceTime (sshd_config(5)): an attempt that lasts longer is a session, not a guess. */
    static final long MAX_ATTEMPT_NANOS = 120_000_000_000L;
    /** Attempts count as alike when the client's bytes are within this share of the median attempt's. */
    static final double SAME_SIZE_TOLERANCE = 0.25;

    private final FindingRecorder findings;
    private final FlowMarks marks;
    private final long window;
    private final int minConnections;
    private final Set<Integer> listedPorts;
    private final Keyed<String, Attempts> attempts = new Keyed<>();

    /** Short sessions of one client with one service. */
    private static final class Attempts extends SeriesValue {
        final Ip client;
        final Ip server;
        final int port;
        final String service;
        final Series series = new Series();
        long[] clientBytes = new long[16];
        int sized;

        @Override
        Series series() {
            return series;
        }

        @Override
        long ownBytes() {
            return 160 + clientBytes.length * 8L;
        }

        Attempts(Ip client, Ip server, int port, String service) {
            this.client = client;
            this.server = server;
            this.port = port;
            this.service = service;
        }
    }


    @Override
    public java.util.List<Keyed<?, ?>> kept() {
        return java.util.List.of(attempts);
    }

    public LoginGuessDetector(FindingRecorder findings, DetectionConfig c, FlowMarks marks) {
        this.findings = findings;
        this.marks = marks;
        this.window = c.nanos("bruteforce.window");
        this.minConnections = c.integer("bruteforce.min_connections");
        this.listedPorts = c.portSet("bruteforce.ports");
    }

    @Override
    public void accept(Event e) {
        if (!(e instanceof FlowEnded f) || f.service() == null || !LOGIN_SERVICES.contains(f.service())) {
            return;
        }
        FlowMeta m = f.flow();
        // the listed ports are the brute-force detector's; a session that carried nothing both ways is no attempt
        if (listedPorts.contains(m.serverPort()) || m.clientIp() == null || !Flows.unicast(m.serverIp())
                || !Flows.conversed(f) || f.durationNanos() > MAX_ATTEMPT_NANOS) {
            return;
        }
        String key = m.clientIp() + "|" + m.serverIp() + "|" + m.serverPort();
        if (attempts.size() >= MAX_KEYS && !attempts.containsKey(key)) {
            return;
        }
        Attempts a = attempts.computeIfAbsent(key, k -> new Attempts(m.clientIp(), m.serverIp(), m.serverPort(), f.service()));
        a.series.add(f.firstSeen(), a.series.total(), false, marks == null ? 0 : m.id());
        if (a.sized < Series.MAX) {
            if (a.sized == a.clientBytes.length) {
                a.clientBytes = Arrays.copyOf(a.clientBytes, Math.min(Series.MAX, a.sized * 2));
            }
            a.clientBytes[a.sized++] = f.clientPayloadBytes();
        }
    }

    @Override
    public void finish(DeviceIndex devices) {
        for (Map.Entry<String, Attempts> e : Candidates.of(attempts, x -> x.series.total() >= minConnections)) {
            Attempts a = e.getValue();
            if (a.series.maxDistinctInWindow(window) < minConnections) {
                continue;
            }
            double alike = alikeShare(a);
            // one client reusing one service all day (an operator's shell) varies; guesses repeat
            if (alike < 0.5) {
                continue;
            }
            boolean attacker = devices.isLocal(a.client) && devices.byIp(a.client) != null;
            FindingRecorder.Draft d = findings.record("attack.bruteforce", Endpoint.of(a.client),
                    new Endpoint(a.server, null, a.port), null, a.server + ":" + a.port, a.series.first());
            if (d == null) {
                continue;
            }
            d.span(a.series.first(), a.series.last(), a.series.total());
            d.atLeast(attacker ? Severity.CRITICAL : Severity.HIGH);
            d.evidence.put("service", a.service);
            d.evidence.put("port", a.port);
            d.evidence.put("attempts", a.series.total());
            d.evidence.put("alike_share", ScanDetector.round(alike));
            d.evidence.put("detected_at", a.series.detectedAt(window, minConnections));
            d.evidence.put("recognised_by", "banner");
            d.evidence.put("direction", attacker ? "this device guesses passwords on " + a.server
                    : "this device's service is being guessed at by " + a.client);
            d.evidence.put("explanation", a.series.total() + " short " + a.service + " sessions from " + a.client + " to "
                    + a.server + ":" + a.port + " (a non-standard port; the banner says " + a.service + "), "
                    + Math.round(alike * 100) + "% of them alike in size: one login attempt each");
            a.series.markAll(marks, "attack.bruteforce");
        }
    }

    /** The share of attempts whose client bytes are within {@link #SAME_SIZE_TOLERANCE} of the median. */
    private static double alikeShare(Attempts a) {
        if (a.sized == 0) {
            return 0;
        }
        long[] s = Arrays.copyOf(a.clientBytes, a.sized);
        Arrays.sort(s);
        double median = s[s.length / 2];
        int near = 0;
        for (long b : s) {
            if (Math.abs(b - median) <= SAME_SIZE_TOLERANCE * median) {
                near++;
            }
        }
        return (double) near / s.length;
    }
}
