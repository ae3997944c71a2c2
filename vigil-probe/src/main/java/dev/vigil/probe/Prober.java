package dev.vigil.probe;

import dev.vigil.detect.findings.Finding;
import dev.vigil.detect.findings.FindingCatalog;
import dev.vigil.detect.findings.FindingType;
import dev.vigil.detect.findings.Severity;
import dev.vigil.detect.hygiene.DefaultCredentials;
import dev.vigil.engine.event.Secret;
import dev.vigil.engine.net.Ip;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs the active checks: for each target in scope and each service, a banner grab, then (unless
 * logins are off) published default credentials, one connection per attempt, at most
 * {@code maxAttempts} per service, stopping at the first success. Every step is reported as an
 * {@link Action}; what it found comes back as findings of the contract.
 */
public final class Prober {

    /** A service to probe on a port. */
    public record Service(String name, int port) {

        /** "telnet:2323" or "telnet" (its usual port). */
        public static Service parse(String s) {
            String[] f = s.trim().split(":", 2);
            ServiceProbe.of(f[0]);
            int port;
            try {
                port = f.length == 2 ? Integer.parseInt(f[1]) : defaultPort(f[0]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + s + "': the port must be a number");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("'" + s + "': port out of range");
            }
            return new Service(f[0], port);
        }

        static int defaultPort(String name) {
            return switch (name) {
                case "telnet" -> 23;
                case "ssh" -> 22;
                case "http" -> 80;
                case "rtsp" -> 554;
                case "mqtt" -> 1883;
                default -> 21;
            };
        }
    }

    /** The services probed when none are named: the usual ports of IoT management and streaming. */
    public static final List<Service> DEFAULT_SERVICES = List.of(new Service("telnet", 23), new Service("telnet", 2323),
            new Service("ssh", 22), new Service("http", 80), new Service("http", 8080), new Service("http", 81),
            new Service("rtsp", 554), new Service("mqtt", 1883), new Service("ftp", 21));

    /**
     * @param scope where the probe may act
     * @param targets addresses to probe (each is checked against the scope)
     * @param services services and ports
     * @param rate connections per second, all targets together
     * @param timeoutMillis connect and read timeout
     * @param maxAttempts login attempts per service at most
     * @param logins whether to try credentials at all
     * @param credentials pairs to try, in order
     * @param parallel targets probed at once
     */
    public record Config(ProbeScope scope, List<Ip> targets, List<Service> services, double rate, int timeoutMillis,
            int maxAttempts, boolean logins, List<DefaultCredentials.Pair> credentials, int parallel) {
    }

    /**
     * One thing the probe did, a line of probe.jsonl.
     *
     * @param action "skip", "connect", "banner" or "login"
     * @param result skip: "out of scope", "passive-only"; connect: "closed", "filtered", "error"; banner:
     *     "open"; login: "success", "failure", "unknown"
     */
    public record Action(String time, String target, Integer port, String service, String action, String user,
            String password, String result, String detail) {
    }

    /** What a run did and found. */
    public record Result(List<Action> actions, List<Finding> findings, long connections) {
    }

    private final Config config;
    private final Connector connector;
    private final FindingCatalog catalog = FindingCatalog.bundled();
    private final Function<Ip, Finding.DeviceRef> devices;
    private final List<Action> actions = new ArrayList<>();
    private final List<Finding> findings = new ArrayList<>();
    private Consumer<Action> sink = a -> { };

    /**
     * @param devices the device an address belongs to (from an inventory), or an address-only reference
     */
    public Prober(Config config, Function<Ip, Finding.DeviceRef> devices) {
        this.config = config;
        this.devices = devices;
        this.connector = new Connector(config.scope(), new RateLimiter(config.rate()), config.timeoutMillis());
    }

    public Result run(Consumer<Action> onAction) throws InterruptedException {
        this.sink = onAction;
        Semaphore slots = new Semaphore(Math.max(1, config.parallel()));
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Ip target : config.targets()) {
                ProbeScope.Verdict v = config.scope().check(target);
                if (v != ProbeScope.Verdict.ALLOWED) {
                    act(target, null, null, "skip", null, null,
                            v == ProbeScope.Verdict.PASSIVE_ONLY ? "passive-only" : "out of scope", "nothing sent");
                    continue;
                }
                slots.acquire();
                pool.submit(() -> {
                    try {
                        for (Service s : config.services()) {
                            probe(target, s);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        slots.release();
                    }
                });
            }
        }
        List<Finding> out;
        List<Action> done;
        synchronized (this) {
            out = new ArrayList<>(findings);
            done = new ArrayList<>(actions);
        }
        out.sort(Comparator.comparing((Finding f) -> f.severity()).reversed().thenComparing(f -> f.device().ip())
                .thenComparing(f -> f.evidence().get("port") instanceof Integer port ? port : 0)
                .thenComparing(Finding::type));
        return new Result(done, out, connector.opened());
    }

    private void probe(Ip target, Service s) throws InterruptedException {
        ServiceProbe p = ServiceProbe.of(s.name());
        String host = target.toString();
        ServiceProbe.Banner banner;
        try (Socket sock = connector.open(target, s.port())) {
            banner = p.grab(sock, host, s.port());
        } catch (Connector.RefusedException e) {
            act(target, s.port(), s.name(), "skip", null, null, "out of scope", e.getMessage());
            return;
        } catch (ConnectException e) {
            act(target, s.port(), s.name(), "connect", null, null, "closed", null);
            return;
        } catch (SocketTimeoutException e) {
            act(target, s.port(), s.name(), "connect", null, null, "filtered", "no answer in " + config.timeoutMillis() + " ms");
            return;
        } catch (IOException e) {
            act(target, s.port(), s.name(), "connect", null, null, "error", e.getMessage());
            return;
        }
        act(target, s.port(), s.name(), "banner", null, null, "open", banner.text());
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("service", s.name());
        ev.put("port", s.port());
        ev.put("banner", banner.text());
        ev.putAll(banner.details());
        finding("probe.open_service", target, s.port(), ev, null);
        if (Boolean.TRUE.equals(banner.details().get("anonymous_accepted"))) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("service", s.name());
            a.put("port", s.port());
            a.put("how", "CONNECT without user name or password accepted (CONNACK 0)");
            finding("probe.anonymous_access", target, s.port(), a, null);
        }
        if (!config.logins() || !banner.loginPossible()) {
            return;
        }
        List<DefaultCredentials.Pair> tries = new ArrayList<>();
        if (s.name().equals("ftp")) {
            tries.add(new DefaultCredentials.Pair("anonymous", "vigil-probe@", "anonymous FTP (RFC 1635)"));
        }
        tries.addAll(config.credentials());
        int attempts = 0;
        for (DefaultCredentials.Pair c : tries) {
            if (attempts++ >= config.maxAttempts()) {
                break;
            }
            ServiceProbe.Outcome o;
            try (Socket sock = connector.open(target, s.port())) {
                o = p.login(sock, host, s.port(), c.user(), c.password());
            } catch (IOException e) {
                act(target, s.port(), s.name(), "login", c.user(), mask(c.password()), "error", e.getMessage());
                return;
            }
            act(target, s.port(), s.name(), "login", c.user(), mask(c.password()), o.name().toLowerCase(java.util.Locale.ROOT),
                    c.source());
            if (o == ServiceProbe.Outcome.SUCCESS) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("service", s.name());
                e.put("port", s.port());
                e.put("user", c.user());
                e.put("password", mask(c.password()));
                e.put("published_in", c.source());
                e.put("attempts", attempts);
                boolean anonymous = c.user().equals("anonymous") && s.name().equals("ftp");
                finding(anonymous ? "probe.anonymous_access" : "probe.default_credentials", target, s.port(), e, null);
                return;
            }
        }
    }

    private static String mask(String password) {
        return new Secret(password).masked();
    }

    private synchronized void act(Ip target, Integer port, String service, String action, String user, String password,
            String result, String detail) {
        Action a = new Action(Instant.now().toString(), target.toString(), port, service, action, user, password, result,
                detail);
        actions.add(a);
        sink.accept(a);
    }

    private synchronized void finding(String type, Ip target, int port, Map<String, Object> evidence, Severity raised) {
        FindingType t = catalog.get(type);
        String now = Instant.now().toString();
        // the other side is the probe itself: no peer; the port is in the evidence
        findings.add(new Finding(type, raised != null ? raised : t.severity(), t.title(), devices.apply(target), null, now,
                now, 1, evidence, new Finding.Standards(t.etsi(), t.owasp()), t.fix()));
    }
}
