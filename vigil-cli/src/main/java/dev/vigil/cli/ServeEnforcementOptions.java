package dev.vigil.cli;

import dev.vigil.server.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code vigil serve}'s segmentation options: the policy in force, the nftables gateway, RADIUS (docs/policy.md). */
final class ServeEnforcementOptions {

    @Option(names = "--policy", paramLabel = "FILE",
            description = "A policy file (docs/policy.md) to put in force at start, approved by whoever starts the service.")
    Path policy;

    @Option(names = "--enforce-netns", paramLabel = "NAME",
            description = "Enforce on the nftables gateway in this network namespace (host: the service's own); needs --enforce-scope.")
    String netns;

    @Option(names = "--enforce-scope", paramLabel = "NAME", split = ",",
            description = "The namespaces Vigil may change; --enforce-netns must be one of them.")
    List<String> scope = new ArrayList<>();

    @Option(names = "--enforce-interfaces", paramLabel = "IF", split = ",",
            description = "Limit the ruleset to these interfaces of the gateway (default: all).")
    List<String> interfaces = new ArrayList<>();

    @Option(names = "--radius-listen", paramLabel = "ADDR:PORT",
            description = "Answer switches' MAC authentication here with each device's VLAN, and move devices by CoA on tier changes.")
    String radiusListen;

    @Option(names = "--radius-client", paramLabel = "CIDR", split = ",",
            description = "The switches and access points that may ask (and the only ones sent CoA).")
    List<String> radiusClients = new ArrayList<>();

    @Option(names = "--radius-secret-file", paramLabel = "FILE", description = "The RADIUS shared secret on the first line.")
    Path radiusSecret;

    @Option(names = "--coa-port", paramLabel = "PORT", defaultValue = "3799",
            description = "The NASes' Change-of-Authorization port (default: ${DEFAULT-VALUE}, RFC 5176).")
    int coaPort;

    @Option(names = "--mud-trust-anchors", paramLabel = "PEM",
            description = "Fetch the MUD files devices announce (DHCP option 161, LLDP) and use those signed under these CAs.")
    Path mudAnchors;

    @Option(names = "--mud-tls-ca", paramLabel = "PEM",
            description = "The CAs the MUD servers' HTTPS certificates are checked against (default: the system's).")
    Path mudTlsCa;

    /** The setting, or an IllegalArgumentException with the one line to print. */
    ServerConfig.Enforcement toConfig() {
        if (policy != null && !Files.isRegularFile(policy)) {
            throw new IllegalArgumentException("--policy " + policy + ": no such file");
        }
        if (netns != null && scope.isEmpty()) {
            throw new IllegalArgumentException("--enforce-netns needs --enforce-scope: the namespaces Vigil may change");
        }
        if (netns == null && (!scope.isEmpty() || !interfaces.isEmpty())) {
            throw new IllegalArgumentException("--enforce-scope and --enforce-interfaces go with --enforce-netns");
        }
        ServerConfig.Radius radius = null;
        if (radiusListen != null) {
            if (radiusClients.isEmpty() || radiusSecret == null) {
                throw new IllegalArgumentException("--radius-listen needs --radius-client and --radius-secret-file");
            }
            if (coaPort < 1 || coaPort > 65535) {
                throw new IllegalArgumentException("--coa-port must be 1..65535");
            }
            radius = new ServerConfig.Radius(radiusListen, radiusClients, radiusSecret, coaPort);
        } else if (!radiusClients.isEmpty() || radiusSecret != null) {
            throw new IllegalArgumentException("--radius-client and --radius-secret-file go with --radius-listen");
        }
        for (Path p : new Path[] {mudAnchors, mudTlsCa}) {
            if (p != null && !Files.isRegularFile(p)) {
                throw new IllegalArgumentException(p + ": no such file");
            }
        }
        if (mudTlsCa != null && mudAnchors == null) {
            throw new IllegalArgumentException("--mud-tls-ca goes with --mud-trust-anchors");
        }
        return new ServerConfig.Enforcement(policy, netns, scope, interfaces, radius, mudAnchors, mudTlsCa);
    }
}
