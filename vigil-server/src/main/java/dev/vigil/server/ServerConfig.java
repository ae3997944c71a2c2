package dev.vigil.server;

import dev.vigil.detect.analysis.AnalysisConfig;
import dev.vigil.detect.trust.TrustConfig;
import dev.vigil.engine.net.Cidr;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How {@code vigil serve} runs.
 *
 * @param dataDir the data directory (SQLite file, master key file)
 * @param host listen address
 * @param port listen port (0: any free port)
 * @param dbUrl a JDBC URL for PostgreSQL, or null for SQLite under the data directory
 * @param dbUser database user, or null
 * @param dbPassword database password, or null
 * @param analysis how windows are analysed
 * @param trust trust weights
 * @param windowSeconds length of an analysis window in packet time
 * @param maxWindowWallSeconds a window is committed at the latest this long (wall clock) after it opened
 * @param files capture files or directories of rotating captures
 * @param stdin read a capture stream from standard input
 * @param interfaces live interfaces (libpcap)
 * @param bpf capture filter for the live interfaces, or null
 * @param netflow UDP listen addresses (HOST:PORT) for NetFlow v5/v9 and IPFIX
 * @param zeek Zeek conn.log files to follow
 * @param outputs alert outputs (webhook:…, syslog:…)
 * @param retentionDays retention per kind of data, in days (0: keep for ever)
 * @param secureCookies mark the session cookie Secure (browsers accept it on https and on localhost)
 * @param tls HTTPS: certificate and key PEM files, or null for plain HTTP
 * @param trustedProxies reverse proxies whose X-Forwarded-For header names the client (sign-in rate
 *     limit and audit log); from anywhere else the header is ignored
 */
public record ServerConfig(Path dataDir, String host, int port, String dbUrl, String dbUser, String dbPassword,
        AnalysisConfig analysis, TrustConfig trust, int windowSeconds, int maxWindowWallSeconds, List<Path> files,
        boolean stdin, List<String> interfaces, String bpf, List<String> netflow, List<Path> zeek, List<String> outputs,
        Map<String, Integer> retentionDays, boolean secureCookies, Tls tls, List<Cidr> trustedProxies, Enforcement enforcement) {

    /**
     * Segmentation inside the service: the policy to put in force at start, where to enforce it, and
     * RADIUS. Nothing is changed on a network outside {@code scope}.
     *
     * @param policy a policy file approved at start (by the person starting the service), or null
     * @param netns the network namespace of the nftables gateway ("host" for the service's own), or
     *     null for no nftables enforcement
     * @param scope the namespaces Vigil may change ({@code netns} must be one)
     * @param interfaces the interfaces the ruleset is limited to (empty: all)
     * @param radius Vigil's own RADIUS server for switches and Wi-Fi, or null
     * @param mudAnchors the trust anchors (PEM) manufacturers' MUD files must be signed under, or null
     *     for no fetching of the MUD files devices announce
     * @param mudTlsCa the CAs (PEM) the MUD servers' HTTPS certificates are checked against, or null for
     *     the system's
     */
    public record Enforcement(Path policy, String netns, List<String> scope, List<String> interfaces, Radius radius,
            Path mudAnchors, Path mudTlsCa) {

        public static final Enforcement NONE = new Enforcement(null, null, List.of(), List.of(), null);

        public Enforcement {
            scope = List.copyOf(scope);
            interfaces = List.copyOf(interfaces);
        }

        /** Without manufacturers' MUD files. */
        public Enforcement(Path policy, String netns, List<String> scope, List<String> interfaces, Radius radius) {
            this(policy, netns, scope, interfaces, radius, null, null);
        }
    }

    /**
     * @param listen where to answer MAC authentication (an address literal and a port)
     * @param clients the switches and access points that may ask (CIDRs)
     * @param secretFile the shared secret's file
     * @param coaPort the NASes' Change-of-Authorization port (RFC 5176: 3799)
     */
    public record Radius(String listen, List<String> clients, Path secretFile, int coaPort) {
        public Radius {
            clients = List.copyOf(clients);
        }
    }

    /** HTTPS material: PEM files, or {@code selfSigned} to have Vigil make (and renew) its own. */
    public record Tls(Path cert, Path key, boolean selfSigned) {
    }

    /** Default retention, in days, per kind of data. */
    public static final Map<String, Integer> RETENTION = Map.of("trust_history", 365, "metrics_snapshots", 400,
            "resolved_alerts", 365, "findings", 365, "edges", 90, "tier_events", 365, "audit", 730, "policy_decisions", 365);

    public static ServerConfig defaults(Path dataDir) {
        return new ServerConfig(dataDir, "127.0.0.1", 8080, null, null, null, AnalysisConfig.defaults(), TrustConfig.defaults(),
                300, 30, List.of(), false, List.of(), null, List.of(), List.of(), List.of(), RETENTION, true, null,
                List.of(), Enforcement.NONE);
    }

    public ServerConfig withListen(String h, int p) {
        return new ServerConfig(dataDir, h, p, dbUrl, dbUser, dbPassword, analysis, trust, windowSeconds, maxWindowWallSeconds,
                files, stdin, interfaces, bpf, netflow, zeek, outputs, retentionDays, secureCookies, tls, trustedProxies, enforcement);
    }

    public ServerConfig withFiles(List<Path> f) {
        return new ServerConfig(dataDir, host, port, dbUrl, dbUser, dbPassword, analysis, trust, windowSeconds,
                maxWindowWallSeconds, f, stdin, interfaces, bpf, netflow, zeek, outputs, retentionDays, secureCookies, tls, trustedProxies, enforcement);
    }

    public ServerConfig withDatabase(String url, String user, String password) {
        return new ServerConfig(dataDir, host, port, url, user, password, analysis, trust, windowSeconds, maxWindowWallSeconds,
                files, stdin, interfaces, bpf, netflow, zeek, outputs, retentionDays, secureCookies, tls, trustedProxies, enforcement);
    }

    public ServerConfig withWindow(int seconds, int maxWallSeconds) {
        return new ServerConfig(dataDir, host, port, dbUrl, dbUser, dbPassword, analysis, trust, seconds, maxWallSeconds, files,
                stdin, interfaces, bpf, netflow, zeek, outputs, retentionDays, secureCookies, tls, trustedProxies, enforcement);
    }

    public ServerConfig withInputs(boolean in, List<String> ifaces, String filter, List<String> nf, List<Path> z) {
        return new ServerConfig(dataDir, host, port, dbUrl, dbUser, dbPassword, analysis, trust, windowSeconds,
                maxWindowWallSeconds, files, in, ifaces, filter, nf, z, outputs, retentionDays, secureCookies, tls, trustedProxies, enforcement);
    }

    public ServerConfig withOutputs(List<String> o) {
        return new ServerConfig(dataDir, host, port, dbUrl, dbUser, dbPassword, analysis, trust, windowSeconds,
                maxWindowWallSeconds, files, stdin, interfaces, bpf, netflow, zeek, o, retentionDays, secureCookies, tls, trustedProxies, enforcement);
    }

    public ServerConfig withAnalysis(AnalysisConfig a, TrustConfig t) {
        return new ServerConfig(dataDir, host, port, dbUrl, dbUser, dbPassword, a, t, windowSeconds, maxWindowWallSeconds,
                files, stdin, interfaces, bpf, netflow, zeek, outputs, retentionDays, secureCookies, tls, trustedProxies, enforcement);
    }

    public ServerConfig withRetention(Map<String, Integer> r) {
        return new ServerConfig(dataDir, host, port, dbUrl, dbUser, dbPassword, analysis, trust, windowSeconds,
                maxWindowWallSeconds, files, stdin, interfaces, bpf, netflow, zeek, outputs, r, secureCookies, tls, trustedProxies, enforcement);
    }

    public ServerConfig withSecureCookies(boolean s) {
        return new ServerConfig(dataDir, host, port, dbUrl, dbUser, dbPassword, analysis, trust, windowSeconds,
                maxWindowWallSeconds, files, stdin, interfaces, bpf, netflow, zeek, outputs, retentionDays, s, tls, trustedProxies, enforcement);
    }

    public ServerConfig withTls(Tls t) {
        return new ServerConfig(dataDir, host, port, dbUrl, dbUser, dbPassword, analysis, trust, windowSeconds,
                maxWindowWallSeconds, files, stdin, interfaces, bpf, netflow, zeek, outputs, retentionDays, secureCookies, t, trustedProxies, enforcement);
    }

    public ServerConfig withTrustedProxies(List<Cidr> proxies) {
        return new ServerConfig(dataDir, host, port, dbUrl, dbUser, dbPassword, analysis, trust, windowSeconds,
                maxWindowWallSeconds, files, stdin, interfaces, bpf, netflow, zeek, outputs, retentionDays, secureCookies, tls,
                List.copyOf(proxies), enforcement);
    }

    public ServerConfig withEnforcement(Enforcement e) {
        return new ServerConfig(dataDir, host, port, dbUrl, dbUser, dbPassword, analysis, trust, windowSeconds,
                maxWindowWallSeconds, files, stdin, interfaces, bpf, netflow, zeek, outputs, retentionDays, secureCookies, tls,
                trustedProxies, e);
    }
}
