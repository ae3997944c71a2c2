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
import dev.vigil.engine.proto.ftp.FtpLogin;
import dev.vigil.engine.proto.http.HttpRequest;
import dev.vigil.engine.proto.http.HttpResponse;
import dev.vigil.engine.proto.mail.MailLogin;
import dev.vigil.engine.proto.mqtt.MqttConnAck;
import dev.vigil.engine.proto.telnet.TelnetLogin;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Password guessing: many failed logins from one client to one service (telnet, FTP, HTTP Basic,
 * MQTT and mail, where the outcome is visible), or, where it is not (SSH, RDP, VNC, and flow
 * records), many short conversations from one client to one login port. A device of the network
 * that guesses passwords elsewhere is compromised (critical); one that is guessed at is under
 * attack, and a success after failures says the guessing worked.
 */
public final class BruteForceDetector implements Detector, Bounded, java.io.Serializable {

    static final int MAX_KEYS = 100_000;

    private final FindingRecorder findings;
    private final FlowMarks marks;
    private final long window;
    private final int minFailures;
    private final int minConnections;
    private final Set<Integer> ports;

    private final Keyed<String, Attempts> logins = new Keyed<>();
    private final Keyed<String, Attempts> sessions = new Keyed<>();
    private final Map<Long, Boolean> httpAuth = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Boolean> e) {
            return size() > 50_000;
        }
    };

    /** Attempts of one client on one service. */
    private static final class Attempts extends SeriesValue {
        final Ip client;
        final Ip server;
        final int port;
        final String service;
        final Series series = new Series();
        long successes;
        long successAfterFailures;
        String lastUser;
        String detectedAt;

        @Override
        Series series() {
            return series;
        }

        @Override
        long ownBytes() {
            return 128;
        }

        Attempts(Ip client, Ip server, int port, String service) {
            this.client = client;
            this.server = server;
            this.port = port;
            this.service = service;
        }
    }

    public BruteForceDetector(FindingRecorder findings, DetectionConfig c, FlowMarks marks) {
        this.findings = findings;
        this.marks = marks;
        this.window = c.nanos("bruteforce.window");
        this.minFailures = c.integer("bruteforce.min_failures");
        this.minConnections = c.integer("bruteforce.min_connections");
        this.ports = c.portSet("bruteforce.ports");
    }

    @Override
    public void accept(Event e) {
        switch (e) {
            case TelnetLogin t -> login(t.flow(), "telnet", t.outcome(), t.username(), t.ts());
            case FtpLogin f -> login(f.flow(), "ftp", f.outcome(), f.username(), f.ts());
            case MailLogin m -> login(m.flow(), m.protocol(), m.outcome(), m.username(), m.ts());
            case MqttConnAck a -> login(a.flow(), "mqtt", a.accepted() ? "success" : a.returnCode() == 4 || a.returnCode() == 5
                    ? "failure" : "unknown", null, a.ts());
            case HttpRequest r -> {
                if (r.flow() != null) {
                    httpAuth.put(r.flow().id(), r.authScheme() != null);
                }
            }
            case HttpResponse r -> {
                if (r.flow() != null && Boolean.TRUE.equals(httpAuth.get(r.flow().id()))) {
                    String outcome = r.status() == 401 || r.status() == 403 ? "failure"
                            : r.status() < 400 ? "success" : "unknown";
                    login(r.flow(), "http", outcome, null, r.ts());
                }
            }
            case FlowEnded f -> flow(f);
            default -> {
            }
        }
    }

    @Override
    public java.util.List<Keyed<?, ?>> kept() {
        return java.util.List.of(logins, sessions);
    }

    private void login(FlowMeta f, String service, String outcome, String user, long ts) {
        if (f == null || f.clientIp() == null || f.serverIp() == null) {
            return;
        }
        String key = f.clientIp() + "|" + f.serverIp() + "|" + f.serverPort();
        if (logins.size() >= MAX_KEYS && !logins.containsKey(key)) {
            return;
        }
        Attempts a = logins.computeIfAbsent(key, k -> new Attempts(f.clientIp(), f.serverIp(), f.serverPort(), service));
        boolean failed = "failure".equals(outcome);
        if ("success".equals(outcome)) {
            a.successes++;
            if (a.series.failures >= minFailures) {
                a.successAfterFailures++;
            }
        }
        a.series.add(ts, user == null ? "" : user, failed, marks == null ? 0 : f.id());
        if (user != null) {
            a.lastUser = user;
        }
    }

    private void flow(FlowEnded f) {
        FlowMeta m = f.flow();
        if (!ports.contains(m.serverPort()) || m.clientIp() == null || !Flows.unicast(m.serverIp())) {
            return;
        }
        // a login attempt exchanges data both ways; a bare SYN is a scan, not a guess
        if (!Flows.conversed(f)) {
            return;
        }
        String key = m.clientIp() + "|" + m.serverIp() + "|" + m.serverPort();
        if (sessions.size() >= MAX_KEYS && !sessions.containsKey(key)) {
            return;
        }
        sessions.computeIfAbsent(key, k -> new Attempts(m.clientIp(), m.serverIp(), m.serverPort(), Flows.service(f)))
                .series.add(f.firstSeen(), m.serverPort(), false, marks == null ? 0 : m.id());
    }

    @Override
    public void finish(DeviceIndex devices) {
        Map<String, Attempts> reported = new TreeMap<>();
        for (Map.Entry<String, Attempts> e : new TreeMap<>(logins).entrySet()) {
            Attempts a = e.getValue();
            if (a.series.failures < minFailures) {
                continue;
            }
            Series failures = new Series();
            for (int i = 0; i < a.series.size; i++) {
                if (a.series.failed[i]) {
                    failures.add(a.series.ts[i], i, true, 0);
                }
            }
            if (failures.maxDistinctInWindow(window) < minFailures) {
                continue;
            }
            a.detectedAt = failures.detectedAt(window, minFailures);
            report(devices, a, a.series.failures, "failed logins");
            reported.put(e.getKey(), a);
        }
        for (Map.Entry<String, Attempts> e : new TreeMap<>(sessions).entrySet()) {
            Attempts a = e.getValue();
            if (reported.containsKey(e.getKey())) {
                a.series.markAll(marks, "attack.bruteforce");
                continue;
            }
            if (a.series.total() < minConnections) {
                continue;
            }
            Series counted = new Series();
            for (int i = 0; i < a.series.size; i++) {
                counted.add(a.series.ts[i], i, false, 0);
            }
            if (counted.maxDistinctInWindow(window) < minConnections) {
                continue;
            }
            a.detectedAt = counted.detectedAt(window, minConnections);
            report(devices, a, a.series.total(), "connections to a login service");
        }
    }

    private void report(DeviceIndex devices, Attempts a, long attempts, String what) {
        boolean attacker = devices.isLocal(a.client) && devices.byIp(a.client) != null;
        FindingRecorder.Draft d = findings.record("attack.bruteforce", Endpoint.of(a.client),
                new Endpoint(a.server, null, a.port), null, a.server + ":" + a.port, a.series.first());
        if (d == null) {
            return;
        }
        d.span(a.series.first(), a.series.last(), attempts);
        d.atLeast(attacker || a.successAfterFailures > 0 ? Severity.CRITICAL : Severity.HIGH);
        d.evidence.put("service", a.service);
        d.evidence.put("port", a.port);
        d.evidence.put("attempts", attempts);
        if (a.series.failures > 0) {
            d.evidence.put("failures", a.series.failures);
        }
        d.evidence.put("successes", a.successes);
        if (a.detectedAt != null) {
            d.evidence.put("detected_at", a.detectedAt);
        }
        if (a.lastUser != null) {
            d.evidence.put("last_user", a.lastUser);
        }
        d.evidence.put("direction", attacker ? "this device guesses passwords on " + a.server
                : "this device's service is being guessed at by " + a.client);
        d.evidence.put("explanation", attempts + " " + what + " from " + a.client + " to " + a.service + " on " + a.server
                + ":" + a.port + (a.successAfterFailures > 0 ? ", and a login succeeded after the failures" : ""));
        a.series.markAll(marks, "attack.bruteforce");
    }
}
