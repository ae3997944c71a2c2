package dev.vigil.cli;

import dev.vigil.detect.analysis.AnalysisConfig;
import dev.vigil.detect.intel.IntelStore;
import dev.vigil.detect.inventory.InventoryConfig;
import dev.vigil.detect.trust.TrustConfig;
import dev.vigil.engine.net.Cidr;
import dev.vigil.server.ServerConfig;
import dev.vigil.server.VigilServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil serve}: the always-on service with its store, API, dashboard and inputs. */
@Command(name = "serve", description = {"Run Vigil as a service: continuous ingestion, store, REST API, web dashboard.",
    "With no input it analyses the bundled demo capture."}, mixinStandardHelpOptions = true,
        sortOptions = false, exitCodeListHeading = Main.EXIT_HEADING,
        exitCodeList = {"0:stopped (SIGTERM or Ctrl-C; every source committed what it had read)",
            "2:bad usage, or the service cannot start (store, master key, address in use, TLS), one line on stderr",
            Main.EXIT_INTERNAL})
final class ServeCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "CAPTURE", arity = "0..*",
            description = "Capture files, or directories of rotating captures (tcpdump -G/-C) to follow.")
    List<Path> captures = new ArrayList<>();

    @Option(names = "--data", paramLabel = "DIR", description = "Data directory (store, master key). Default: ./vigil-data")
    Path data = Path.of("vigil-data");

    @Option(names = "--listen", paramLabel = "HOST:PORT", description = "Address of the API and dashboard. Default: 127.0.0.1:8080")
    String listen = "127.0.0.1:8080";

    @Option(names = "--stdin", description = "Read a pcap/pcapng stream from standard input (tcpdump -w - | vigil serve --stdin).")
    boolean stdin;

    @Option(names = "--interface", paramLabel = "IF", description = "Capture live from an interface (libpcap). Repeatable.")
    List<String> interfaces = new ArrayList<>();

    @Option(names = "--filter", paramLabel = "BPF", description = "Capture filter for --interface.")
    String filter;

    @Option(names = "--netflow", paramLabel = "HOST:PORT", description = "Collect NetFlow v5/v9 and IPFIX on this UDP address. Repeatable.")
    List<String> netflow = new ArrayList<>();

    @Option(names = "--zeek", paramLabel = "CONN_LOG", description = "Follow a Zeek conn.log (TSV or JSON) as Zeek writes it. Repeatable.")
    List<Path> zeek = new ArrayList<>();

    @Option(names = "--no-demo", description = "Start with no input rather than the demo capture.")
    boolean noDemo;

    @Option(names = "--db-url", paramLabel = "JDBC_URL",
            description = "PostgreSQL instead of SQLite, e.g. jdbc:postgresql://localhost/vigil (password from VIGIL_DB_PASSWORD).")
    String dbUrl;

    @Option(names = "--db-user", paramLabel = "USER", description = "Database user.")
    String dbUser;

    @Option(names = "--window", paramLabel = "SECONDS", description = "Analysis window in packet time. Default: 300")
    int window = 300;

    @Option(names = "--commit-every", paramLabel = "SECONDS",
            description = "Commit an open window at the latest this long after it opened (quiet or slow inputs). Default: 30")
    int commitEvery = 30;

    @Option(names = "--output", paramLabel = "SPEC",
            description = {"Alert output, repeatable: webhook:https://HOST/PATH,",
                "syslog:udp://HOST:514, syslog:tcp://HOST:514 or syslog:tls://HOST:6514[?ca=CA.pem]",
                "(add format=cef for CEF)."})
    List<String> outputs = new ArrayList<>();

    @Option(names = "--retention", paramLabel = "KIND=DAYS", split = ",",
            description = "Retention per kind (trust_history, metrics_snapshots, resolved_alerts, findings, edges, tier_events); 0 keeps for ever.")
    Map<String, Integer> retention = new LinkedHashMap<>();

    @Option(names = "--local-net", paramLabel = "CIDR", split = ",", description = "Monitored networks (default: learned).")
    List<Cidr> localNets = new ArrayList<>();

    @picocli.CommandLine.Mixin
    DetectionOptions detectionOptions = new DetectionOptions();

    @Option(names = "--intel", paramLabel = "DIR", description = "Intel store for CVE, KEV and firmware checks (default: the one vigil intel import fills, when present).")
    Path intel;

    @Option(names = "--tls-cert", paramLabel = "PEM", description = "Serve HTTPS with this certificate chain (PEM, leaf first); needs --tls-key.")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "The certificate's private key (PEM, unencrypted, readable only by the service).")
    Path tlsKey;

    @Option(names = "--tls-self-signed", description = "Serve HTTPS with a self-signed certificate Vigil makes and renews under DIR/tls.")
    boolean tlsSelfSigned;

    @Option(names = "--trusted-proxy", paramLabel = "CIDR", split = ",",
            description = "Reverse proxies in front of Vigil: from these, X-Forwarded-For names the client (sign-in rate limit, audit).")
    List<Cidr> trustedProxies = new ArrayList<>();

    @Option(names = "--alert-policy", paramLabel = "FILE",
            description = "Which findings raise alerts, by severity and type; the format and the defaults are in docs/operations.md.")
    Path alertPolicy;

    @picocli.CommandLine.Mixin
    ServeEnforcementOptions enforcement = new ServeEnforcementOptions();

    @Option(names = "--insecure-cookie", description = "Do not mark the session cookie Secure (plain http on an address other than localhost; use TLS in front instead).")
    boolean insecureCookie;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int c = listen.lastIndexOf(':');
        int port;
        try {
            port = Integer.parseInt(listen.substring(c + 1));
            if (c <= 0 || port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            return usage(err, "--listen '" + listen + "': expected HOST:PORT, such as 127.0.0.1:8080");
        }
        String host = listen.substring(0, c).replace("[", "").replace("]", "");
        if (window < 10 || window > 86_400) {
            return usage(err, "--window must be 10 to 86400 seconds");
        }
        if (commitEvery < 1 || commitEvery > 3600) {
            return usage(err, "--commit-every must be 1 to 3600 seconds");
        }
        for (Map.Entry<String, Integer> e : retention.entrySet()) {
            if (!ServerConfig.RETENTION.containsKey(e.getKey()) || e.getValue() < 0) {
                return usage(err, "--retention " + e.getKey() + "=" + e.getValue() + ": kinds are "
                        + String.join(", ", new java.util.TreeSet<>(ServerConfig.RETENTION.keySet())) + ", days ≥ 0");
            }
        }
        for (String o : outputs) {
            try {
                dev.vigil.server.outputs.Outputs.parse(o).close();
            } catch (IllegalArgumentException e) {
                return usage(err, e.getMessage());
            }
        }
        if ((tlsCert == null) != (tlsKey == null)) {
            return usage(err, "--tls-cert and --tls-key go together");
        }
        if (tlsCert != null && tlsSelfSigned) {
            return usage(err, "--tls-self-signed or --tls-cert/--tls-key, not both");
        }
        ServerConfig.Tls tls = tlsCert != null ? new ServerConfig.Tls(tlsCert, tlsKey, false)
                : tlsSelfSigned ? new ServerConfig.Tls(null, null, true) : null;
        for (Path p : captures) {
            if (!Files.exists(p)) {
                return usage(err, p + ": no such file or directory");
            }
        }
        for (Path p : zeek) {
            if (p.getParent() != null && !Files.isDirectory(p.toAbsolutePath().getParent())) {
                return usage(err, "--zeek " + p + ": no such directory");
            }
        }
        List<Path> files = new ArrayList<>(captures);
        boolean anyInput = !files.isEmpty() || stdin || !interfaces.isEmpty() || !netflow.isEmpty() || !zeek.isEmpty();
        if (!anyInput && !noDemo) {
            Path demo = demoCapture();
            if (demo != null) {
                files.add(demo);
                out.println("vigil serve: no input given; analysing the demo capture " + demo);
            } else {
                out.println("vigil serve: no input given and no demo capture found; waiting (give a capture, --interface, "
                        + "--netflow or --zeek)");
            }
        }
        AnalysisConfig analysis = AnalysisConfig.defaults().withInventory(InventoryConfig.DEFAULT.withLocalNetworks(localNets));
        try {
            analysis = detectionOptions.apply(analysis);
        } catch (java.nio.file.NoSuchFileException e) {
            return usage(err, e.getFile() + ": no such file");
        } catch (IOException e) {
            return usage(err, "cannot read " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        }
        if (alertPolicy != null) {
            try {
                analysis = analysis.withAlerts(dev.vigil.detect.policy.AlertPolicy.load(alertPolicy));
            } catch (java.nio.file.NoSuchFileException e) {
                return usage(err, "--alert-policy " + alertPolicy + ": no such file");
            } catch (IOException e) {
                return usage(err, "--alert-policy " + alertPolicy + ": cannot read: " + e.getMessage());
            } catch (IllegalArgumentException e) {
                return usage(err, "--alert-policy " + e.getMessage());
            }
        }
        IntelStore store = new IntelStore(intel != null ? intel : IntelStore.defaultDir());
        if (store.exists()) {
            analysis = analysis.withIntel(store);
        } else if (intel != null) {
            return usage(err, "--intel " + intel + ": no intel store there");
        }
        Map<String, Integer> ret = new LinkedHashMap<>(ServerConfig.RETENTION);
        ret.putAll(retention);
        ServerConfig.Enforcement enforce;
        try {
            enforce = enforcement.toConfig();
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        }
        ServerConfig cfg = ServerConfig.defaults(data).withListen(host, port).withFiles(files)
                .withDatabase(dbUrl, dbUser, System.getenv("VIGIL_DB_PASSWORD")).withWindow(window, commitEvery)
                .withInputs(stdin, interfaces, filter, netflow, zeek).withOutputs(outputs)
                .withAnalysis(analysis, TrustConfig.defaults()).withRetention(ret).withSecureCookies(!insecureCookie).withTls(tls)
                .withTrustedProxies(trustedProxies).withEnforcement(enforce);
        VigilServer server;
        try {
            server = VigilServer.start(cfg, System.in);
        } catch (VigilServer.StartException e) {
            return usage(err, e.getMessage());
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "vigil-shutdown"));
        String where = (tls != null ? "https://" : "http://") + (host.contains(":") ? "[" + host + "]" : host) + ":" + server.port() + "/";
        out.println("vigil serve: dashboard and API on " + where + " (data in " + (dbUrl != null ? dbUrl
                : data.toAbsolutePath().normalize()) + ")");
        if (server.tlsFingerprint() != null) {
            out.println("vigil serve: TLS certificate SHA-256 fingerprint " + server.tlsFingerprint());
        }
        if (server.oneTimePassword() != null) {
            out.println("vigil serve: first start: sign in as 'admin' with the one-time password " + server.oneTimePassword());
            out.println("vigil serve: you will choose a new password and set up two-factor authentication at first sign-in.");
        }
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Main.OK;
    }

    /** The bundled sample next to the launcher's checkout (samples/iot-lab.pcapng.gz), or null. */
    static Path demoCapture() {
        List<Path> candidates = new ArrayList<>();
        candidates.add(Path.of("samples", "iot-lab.pcapng.gz"));
        try {
            Path jar = Path.of(ServeCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path root = jar.getParent() == null ? null : jar.getParent().getParent();
            if (root != null && root.getParent() != null) {
                candidates.add(root.getParent().resolve("samples").resolve("iot-lab.pcapng.gz"));
            }
        } catch (java.net.URISyntaxException | RuntimeException e) {
            // not from a jar
        }
        for (Path p : candidates) {
            if (Files.isRegularFile(p)) {
                return p.toAbsolutePath().normalize();
            }
        }
        return null;
    }

    private static int usage(PrintWriter err, String message) {
        return Main.usage(err, "serve", message);
    }
}
