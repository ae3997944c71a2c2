package dev.vigil.server;

import dev.vigil.detect.findings.FindingCatalog;
import dev.vigil.server.auth.Auth;
import dev.vigil.server.auth.AuthStores;
import dev.vigil.server.crypto.Vault;
import dev.vigil.server.ingest.CaptureFiles;
import dev.vigil.server.ingest.FlowCollector;
import dev.vigil.server.ingest.Ingest;
import dev.vigil.server.ingest.IngestContext;
import dev.vigil.server.ingest.IngestStores;
import dev.vigil.server.ingest.LiveCapture;
import dev.vigil.server.ingest.Persister;
import dev.vigil.server.ingest.Reassessment;
import dev.vigil.server.ingest.Source;
import dev.vigil.server.ingest.StreamCapture;
import dev.vigil.server.ingest.ZeekTail;
import dev.vigil.server.outputs.Outputs;
import dev.vigil.server.retention.Retention;
import dev.vigil.store.Stores;
import dev.vigil.store.audit.AuditKey;
import dev.vigil.store.db.Database;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The always-on service: the store, the vault, users, the ingestion sources, the alert outputs, and
 * the HTTP server (API, dashboard, health, Prometheus metrics), started and stopped together.
 */
public final class VigilServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VigilServer.class);

    /** The service cannot start: one line says why. */
    public static final class StartException extends Exception {

        public StartException(String message) {
            super(message);
        }
    }

    private final ServerConfig config;
    private final Database db;
    private final Stores stores;
    private final Vault vault;
    private final Retention retention;
    private final Auth auth;
    private final Outputs outputs;
    private final Ingest ingest;
    private final Persister persister;
    private final dev.vigil.server.policy.Segmentation segmentation;
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("vigil-scheduler").daemon(true).unstarted(r));
    private final String oneTimePassword;
    private final dev.vigil.server.audit.AuditAnchors anchors;
    private final long started = System.currentTimeMillis();
    private Javalin app;
    private volatile boolean ready;

    private VigilServer(ServerConfig config, Database db, AuditKey auditKey, Vault vault, Outputs outputs) {
        this.config = config;
        this.db = db;
        this.stores = Stores.over(db, vault, auditKey);
        this.vault = vault;
        this.outputs = outputs;
        this.retention = new Retention(stores.retention(), stores.audit(), stores.sessions(), stores.transactions());
        this.auth = new Auth(AuthStores.of(stores), System::currentTimeMillis, dev.vigil.server.auth.AuthLimits.DEFAULT,
                outputs::notice);
        this.oneTimePassword = auth.accounts().bootstrap();
        this.anchors = new dev.vigil.server.audit.AuditAnchors(stores.audit(), auditAnchors(), outputs::notice);
        // ingestion has its own connections: a flood of API requests cannot starve it of them
        this.segmentation = SegmentationSetup.open(config, stores);
        this.persister = new Persister(IngestStores.of(Stores.over(db.ingestion(), vault, auditKey)), FindingCatalog.bundled(),
                config.trust(), config.analysis().alerts(), System::currentTimeMillis, SegmentationSetup.sink(outputs, segmentation),
                segmentation);
        segmentation.commitWith(persister::findings);
        this.ingest = new Ingest(new IngestContext(config.analysis(), config.windowSeconds() * 1_000_000_000L,
                config.maxWindowWallSeconds() * 1000L, config.analysis().detection().nanos("serve.detection_horizon"),
                dev.vigil.detect.behavior.MemoryBudget.Limits.of(config.analysis().detection(), Runtime.getRuntime().maxMemory()),
                persister, System::currentTimeMillis));
    }

    /** Opens the store, starts the sources and the HTTP server. */
    public static VigilServer start(ServerConfig config, InputStream stdin) throws StartException {
        Database store;
        try {
            store = Database.open(config.dataDir(), config.dbUrl(), config.dbUser(), config.dbPassword());
        } catch (SQLException | RuntimeException e) {
            String why = e instanceof SQLException && e.getMessage() != null && e.getMessage().startsWith("cannot create")
                    ? e.getMessage() : rootMessage(e);
            throw new StartException("cannot open the store " + (config.dbUrl() != null ? config.dbUrl()
                    : config.dataDir().resolve("vigil.db")) + ": " + why);
        }
        Vault vault;
        AuditKey auditKey = new AuditKey();
        try {
            vault = dev.vigil.server.crypto.MasterKeyRotation.recover(Stores.keys(store, auditKey),
                    config.dataDir().resolve("master.key"), System.getenv("VIGIL_MASTER_KEY"));
        } catch (IOException e) {
            store.close();
            throw new StartException("cannot read or create the master key: " + e.getMessage());
        } catch (GeneralSecurityException | RuntimeException e) {
            store.close();
            throw new StartException(rootMessage(e));
        }
        List<Outputs.Output> outs = new ArrayList<>();
        try {
            for (String o : config.outputs()) {
                outs.add(Outputs.parse(o));
            }
        } catch (IllegalArgumentException e) {
            throw new StartException(e.getMessage());
        }
        VigilServer s;
        try {
            s = new VigilServer(config, store, auditKey, vault, new Outputs(outs));
        } catch (RuntimeException e) {
            store.close();
            throw new StartException(rootMessage(e));
        }
        try {
            s.startAll(stdin);
        } catch (RuntimeException e) {
            s.close();
            throw new StartException(rootMessage(e));
        }
        return s;
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null ? t.toString() : m.lines().findFirst().orElse(m);
    }

    private void startAll(InputStream stdin) throws StartException {
        List<Source> sources = new ArrayList<>();
        for (Path f : config.files()) {
            sources.add(new CaptureFiles(f, 5000));
        }
        if (config.stdin()) {
            sources.add(new StreamCapture("stdin", stdin));
        }
        for (String i : config.interfaces()) {
            if (!LiveCapture.available()) {
                throw new StartException("--interface needs libpcap (Debian: apt install libpcap0.8)");
            }
            sources.add(new LiveCapture(i, config.bpf(), 64));
        }
        for (String n : config.netflow()) {
            sources.add(FlowCollector.parse(n));
        }
        for (Path z : config.zeek()) {
            sources.add(new ZeekTail(z, 1000));
        }
        ServiceMeters.register(metrics, ingest, outputs, this);
        app = Api.create(this, tls());
        try {
            app.start(config.host(), config.port());
        } catch (RuntimeException e) {
            throw new StartException("cannot listen on " + config.host() + ":" + config.port() + ": " + rootMessage(e));
        }
        SegmentationSetup.start(segmentation, config);
        for (Source s : sources) {
            ingest.start(s);
        }
        every(1, 1, "quarantine", segmentation::sweep);
        every(6 * 3600, 1, "retention", this::applyRetention);
        every(600, 600, "sign-in housekeeping", auth::prune);
        every(dev.vigil.server.audit.AuditAnchors.EVERY_SECONDS, 5, "audit anchor", this::anchor);
        heartbeat();
        every(HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, "heartbeat", this::heartbeat);
        ready = true;
        LOG.info("vigil serving on {}://{}:{}/", config.tls() != null ? "https" : "http", config.host(), port());
    }

    /** How often a running service says so in the store (offline key tools refuse to run beside it). */
    public static final int HEARTBEAT_SECONDS = 5;
    public static final String HEARTBEAT = "service.heartbeat";

    private void heartbeat() {
        stores.settings().put(HEARTBEAT, Long.toString(System.currentTimeMillis()));
    }

    /** True when a service wrote its heartbeat to this store in the last three periods. */
    public static boolean running(Database db) {
        String v = Stores.keys(db, new AuditKey()).settings().get(HEARTBEAT);
        return v != null && System.currentTimeMillis() - Long.parseLong(v) < 3_000L * HEARTBEAT_SECONDS;
    }

    /**
     * Runs a task every {@code seconds}. Whatever one run throws, errors included, is logged and the
     * next run still comes (a scheduled task that throws is otherwise never run again).
     */
    private void every(long seconds, long first, String what, Runnable task) {
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("{}: {}", what, e.getMessage());
            } catch (Error e) {
                LOG.error("{}: failed; it runs again in {} s", what, seconds, e);
            }
        }, first, seconds, TimeUnit.SECONDS);
    }

    private dev.vigil.server.crypto.Tls.Material tlsMaterial;

    /** Loads (or makes) the HTTPS certificate, or null for plain HTTP. */
    private dev.vigil.server.crypto.Tls.Material tls() throws StartException {
        ServerConfig.Tls t = config.tls();
        if (t == null) {
            return null;
        }
        try {
            Path cert = t.cert();
            Path key = t.key();
            if (t.selfSigned()) {
                Path[] made = dev.vigil.server.crypto.Tls.selfSigned(config.dataDir().resolve("tls"), config.host());
                cert = made[0];
                key = made[1];
            }
            tlsMaterial = dev.vigil.server.crypto.Tls.load(cert, key);
            return tlsMaterial;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new StartException("TLS: " + rootMessage(e));
        }
    }

    /** The HTTPS certificate's SHA-256 fingerprint, or null on plain HTTP. */
    public String tlsFingerprint() {
        return tlsMaterial == null ? null : tlsMaterial.fingerprint();
    }

    /** The certificate served over HTTPS, or null. */
    public java.security.cert.X509Certificate tlsCertificate() {
        return tlsMaterial == null ? null : tlsMaterial.certificate();
    }

    /** Where the audit log's head is anchored outside the store. */
    public Path auditAnchors() {
        return config.dataDir().resolve("audit-anchors.log");
    }

    private void anchor() {
        try {
            anchors.anchor();
        } catch (IOException e) {
            LOG.warn("audit anchor: cannot write {}: {}", auditAnchors(), e.getMessage());
        }
    }

    private void applyRetention() {
        retention.apply(config.retentionDays(), System.currentTimeMillis());
    }

    public ServerConfig config() {
        return config;
    }

    /** The database (its pools and transactions); what is stored is reached through {@link #stores}. */
    public Database store() {
        return db;
    }

    /** The stores over the API's connections. */
    public Stores stores() {
        return stores;
    }

    /** Segmentation: policies, decisions, enforcement points and the quarantine queue. */
    public dev.vigil.server.policy.Segmentation segmentation() {
        return segmentation;
    }

    /** Assessing a device at once (after an edit, or when its alerts are resolved or reopened). */
    public Reassessment reassessment() {
        return persister;
    }

    public Retention retention() {
        return retention;
    }

    public Vault vault() {
        return vault;
    }

    public Auth auth() {
        return auth;
    }

    public Ingest ingest() {
        return ingest;
    }

    public Outputs outputs() {
        return outputs;
    }

    public PrometheusMeterRegistry metrics() {
        return metrics;
    }

    public boolean ready() {
        return ready;
    }

    double readyValue() {
        return ready ? 1 : 0;
    }

    public long startedAt() {
        return started;
    }

    /** The admin's one-time password on the very first start, else null. */
    public String oneTimePassword() {
        return oneTimePassword;
    }

    /**
     * A route the service answers.
     *
     * @param path as registered ({@code /api/devices/{id}})
     * @param roles the least roles it needs (none: public, or the sign-in)
     */
    public record Route(String method, String path, java.util.Set<String> roles) {
    }

    /** Every HTTP route the service answers, as registered. */
    public List<Route> routes() {
        return app.unsafe.internalRouter.allHttpHandlers().stream().filter(p -> p.endpoint.method.isHttpMethod()).map(p -> {
            io.javalin.security.Roles r = p.endpoint.metadata(io.javalin.security.Roles.class);
            return new Route(p.endpoint.method.name(), p.endpoint.path, r == null ? java.util.Set.of()
                    : r.getRoles().stream().map(x -> x instanceof dev.vigil.server.auth.Role role ? role.label() : x.toString())
                            .collect(java.util.stream.Collectors.toSet()));
        }).toList();
    }

    public int port() {
        return app == null ? -1 : app.port();
    }

    /** Stops the sources (each commits what it has read), the outputs and the HTTP server. */
    @Override
    public void close() {
        boolean wasReady = ready;
        ready = false;
        if (wasReady) {
            LOG.info("vigil stopping: each source commits what it has read");
        }
        ingest.close();
        scheduler.shutdownNow();
        segmentation.close();
        anchor();
        outputs.close();
        if (app != null) {
            app.stop();
        }
        try {
            stores.settings().delete(HEARTBEAT);
        } catch (RuntimeException e) {
            // the store is going away anyway
        }
        db.close();
        if (wasReady) {
            LOG.info("vigil stopped after {} s", (System.currentTimeMillis() - started) / 1000);
        }
    }
}
