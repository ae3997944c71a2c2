package dev.vigil.cli;

import dev.vigil.detect.segmentation.Policy;
import dev.vigil.detect.segmentation.PolicyContext;
import dev.vigil.enforce.radius.Placement;
import dev.vigil.enforce.radius.RadiusClient;
import dev.vigil.enforce.radius.RadiusServer;
import dev.vigil.engine.net.Cidr;
import dev.vigil.engine.net.Ip;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vigil policy radius}: answers switches' MAC authentication with the VLAN of each device's zone and tier. */
@Command(name = "radius", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Answer switches' MAC authentication with each device's VLAN (RADIUS, RFC 2865).",
            "",
            "The VLAN is what the policy's vlan statements give the device: its tier's VLAN first (a quarantined",
            "device goes to the quarantine VLAN), else its first zone's, else the default. The devices and their tiers",
            "come from the inputs or an inventory.json. Requests must carry Message-Authenticator (CVE-2024-3596);",
            "other requests, and requests from addresses that are not --client, are dropped unanswered. Each answer",
            "is printed as a line. The shared secret is read from a file, never from the command line."},
        exitCodeListHeading = Main.EXIT_HEADING,
        exitCodeList = {Main.EXIT_DONE, Main.EXIT_USAGE, Main.EXIT_INTERNAL})
final class PolicyRadiusCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "POLICY", description = "A policy file with vlan statements.")
    Path policy;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "INPUT", description = "Captures or conn.logs the devices come from.")
    List<String> inputs = new ArrayList<>();

    @Option(names = "--inventory", paramLabel = "FILE", description = "An inventory.json (vigil analyze --out) instead of inputs.")
    Path inventory;

    @Option(names = "--listen", paramLabel = "ADDR:PORT", defaultValue = "127.0.0.1:1812",
            description = "Where to listen (an explicit address; default: ${DEFAULT-VALUE}).")
    String listen;

    @Option(names = "--client", required = true, split = ",", paramLabel = "CIDR",
            description = "Addresses of the switches and access points that may ask.")
    List<String> clients;

    @Option(names = "--secret-file", required = true, paramLabel = "FILE",
            description = "The shared secret on the first line (at least 16 characters).")
    Path secretFile;

    @Option(names = "--membership", paramLabel = "FILE", description = "Zone membership state kept between runs.")
    Path membership;

    @Option(names = "--for", paramLabel = "SECONDS", description = "Stop after this long (default: until interrupted).")
    Long seconds;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        if (inputs.isEmpty() && inventory == null) {
            return PolicyCommand.usage(err, "radius", "name the inputs or an --inventory the devices come from");
        }
        InetSocketAddress at;
        List<RadiusClient> nas = new ArrayList<>();
        try {
            at = address(listen);
            byte[] secret = RadiusClient.secretFile(secretFile);
            for (String c : clients) {
                nas.add(new RadiusClient(c, c.contains("/") ? Cidr.parse(c) : Cidr.around(Ip.parse(c), Ip.parse(c).isV4() ? 32 : 128),
                        secret));
            }
        } catch (IllegalArgumentException | IOException e) {
            return PolicyCommand.usage(err, "radius", e.getMessage());
        }
        Policy p;
        PolicyContext ctx;
        try {
            PolicyInputs.Loaded l = PolicyInputs.load(policy, inventory, inputs, membership, err, "radius");
            p = l.policy();
            ctx = l.context();
        } catch (PolicyInputs.Bad b) {
            err.println("vigil policy radius: " + b.getMessage());
            return Main.USAGE;
        }
        if (p.vlans().isEmpty()) {
            return PolicyCommand.usage(err, "radius", policy + " has no vlan statement: every device would be refused");
        }
        RadiusServer server;
        try {
            server = RadiusServer.start(at, nas, Placement.of(p, ctx), a -> {
                synchronized (out) {
                    out.printf("%s %s %s%s%s%n", a.accepted() ? "accept" : "reject", a.mac() == null ? "-" : a.mac(),
                            a.accepted() ? "vlan " + a.vlan() + " (" + a.reason() + ")" : "(" + a.reason() + ")",
                            a.device() == null ? "" : " device " + a.device(), " from " + a.client());
                    out.flush();
                }
            });
        } catch (IOException e) {
            return PolicyCommand.usage(err, "radius", "cannot listen on " + listen + ": " + e.getMessage());
        }
        out.printf("vigil policy radius: listening on %s for %s (policy %s revision %s, %d devices)%n",
                server.address(), String.join(", ", clients), p.name(), p.revision(), ctx.subjects().size());
        out.flush();
        try (server) {
            if (seconds != null) {
                Thread.sleep(seconds * 1000);
            } else {
                Thread.currentThread().join();
            }
        }
        out.printf("vigil policy radius: %d accepted, %d rejected, dropped %s%n", server.accepted(), server.rejected(),
                server.dropped().isEmpty() ? "none" : server.dropped());
        return Main.OK;
    }

    private static InetSocketAddress address(String s) {
        int colon = s.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("--listen needs ADDR:PORT, not '" + s + "'");
        }
        String host = s.substring(0, colon).replace("[", "").replace("]", "");
        Ip ip = Ip.tryParse(host);
        if (ip == null) {
            throw new IllegalArgumentException("--listen needs an address literal, not '" + host + "'");
        }
        int port;
        try {
            port = Integer.parseInt(s.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + s.substring(colon + 1) + "' is not a port");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 0..65535");
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(ip.toBytes()), port);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }
}
