package dev.vigil.enforce;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A lab of network namespaces this test run creates and removes: a gateway namespace routing
 * between device namespaces ({@code d1}…, each 10.77.N.2/24 and fd77:N::2/64 behind the gateway's
 * .1) and a server namespace (10.77.200.2, more addresses 10.77.200.10-19 and, as "the Internet",
 * 203.0.113.10-19 and fd77:203::10-19). Every process it starts and every namespace it makes is
 * removed by id and by name in {@link #close()}; nothing else is touched.
 */
public final class NetLab implements AutoCloseable {

    public final String prefix;
    public final List<String> devices;
    private final List<String> namespaces = new ArrayList<>();
    private final List<Process> started = new ArrayList<>();

    /** Skips the calling test, saying why, when the lab cannot be built here. */
    public static void assumeAvailable() {
        boolean root = "root".equals(System.getProperty("user.name"));
        assumeTrue(root, "skipped: network namespaces need root (CAP_NET_ADMIN)");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/nft")) || Files.isExecutable(Path.of("/sbin/nft")),
                "skipped: nft is not installed (apt-get install nftables)");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/sbin/ip")),
                "skipped: ip (iproute2) is not installed");
    }

    /** @param devices names of the device namespaces (without the prefix), e.g. "d1", "d2", "bot" */
    public NetLab(List<String> devices) throws Exception {
        assumeAvailable();
        this.prefix = "vg5" + Long.toHexString(ProcessHandle.current().pid() % 0xfff) + Integer.toHexString(
                (int) (System.nanoTime() & 0xff));
        this.devices = List.copyOf(devices);
        try {
            build();
        } catch (Exception | AssertionError e) {
            close();
            throw e;
        }
    }

    public String ns(String name) {
        return prefix + name;
    }

    /** The IPv4 address of device {@code i} (1-based), and its gateway. */
    public static String v4(int i) {
        return "10.77." + i + ".2";
    }

    public static String v6(int i) {
        return "fd77:" + i + "::2";
    }

    private void build() throws Exception {
        for (String n : List.of("gw", "srv")) {
            sh("ip", "netns", "add", ns(n));
            namespaces.add(ns(n));
            sh("ip", "-n", ns(n), "link", "set", "lo", "up");
        }
        sh("ip", "netns", "exec", ns("gw"), "sysctl", "-qw", "net.ipv4.ip_forward=1");
        sh("ip", "netns", "exec", ns("gw"), "sysctl", "-qw", "net.ipv6.conf.all.forwarding=1");
        for (int i = 1; i <= devices.size(); i++) {
            link(devices.get(i - 1), i);
        }
        link("srv", 200);
        for (int k = 10; k < 20; k++) {
            sh("ip", "-n", ns("srv"), "addr", "add", "10.77.200." + k + "/32", "dev", "eth0");
            sh("ip", "-n", ns("srv"), "addr", "add", "203.0.113." + k + "/32", "dev", "eth0");
            sh("ip", "-n", ns("srv"), "addr", "add", "fd77:203::" + k + "/128", "dev", "eth0", "nodad");
        }
        sh("ip", "-n", ns("gw"), "route", "add", "203.0.113.0/24", "via", "10.77.200.2");
        sh("ip", "-n", ns("gw"), "-6", "route", "add", "fd77:203::/64", "via", "fd77:200::2");
    }

    private void link(String name, int i) throws Exception {
        if (!name.equals("srv")) {
            sh("ip", "netns", "add", ns(name));
            namespaces.add(ns(name));
            sh("ip", "-n", ns(name), "link", "set", "lo", "up");
        }
        // the gateway's end is named after the device; the device's end is eth0
        sh("ip", "link", "add", name, "netns", ns("gw"), "type", "veth", "peer", "name", "eth0", "netns", ns(name));
        sh("ip", "-n", ns("gw"), "addr", "add", "10.77." + i + ".1/24", "dev", name);
        sh("ip", "-n", ns("gw"), "addr", "add", "fd77:" + i + "::1/64", "dev", name, "nodad");
        sh("ip", "-n", ns("gw"), "link", "set", name, "up");
        sh("ip", "-n", ns(name), "addr", "add", "10.77." + i + ".2/24", "dev", "eth0");
        sh("ip", "-n", ns(name), "addr", "add", "fd77:" + i + "::2/64", "dev", "eth0", "nodad");
        sh("ip", "-n", ns(name), "link", "set", "eth0", "up");
        sh("ip", "-n", ns(name), "route", "add", "default", "via", "10.77." + i + ".1");
        sh("ip", "-n", ns(name), "-6", "route", "add", "default", "via", "fd77:" + i + "::1");
    }

    /** Runs a command to its end; fails the test with its output when it fails. */
    public static String sh(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + String.join(" ", cmd));
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed (" + p.exitValue() + "): " + out.strip());
        }
        return out;
    }

    /** Runs a command inside a namespace of the lab. */
    public String in(String name, String... cmd) throws Exception {
        List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", ns(name)));
        c.addAll(List.of(cmd));
        return sh(c.toArray(String[]::new));
    }

    /** Starts a long-running command inside a namespace; {@link #close()} stops it by its pid. */
    public Process start(String name, Path log, String... cmd) throws IOException {
        List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", ns(name)));
        c.addAll(List.of(cmd));
        ProcessBuilder pb = new ProcessBuilder(c).redirectErrorStream(true);
        pb.redirectOutput(log == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(log.toFile()));
        Process p = pb.start();
        started.add(p);
        return p;
    }

    /** Starts a long-running command inside a namespace whose standard output the caller reads. */
    public Process startPiped(String name, String... cmd) throws IOException {
        List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", ns(name)));
        c.addAll(List.of(cmd));
        Process p = new ProcessBuilder(c).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        started.add(p);
        return p;
    }

    /** Stops one started process by its pid and waits for it. */
    public static void stop(Process p) throws InterruptedException {
        p.toHandle().descendants().forEach(ProcessHandle::destroy);
        p.destroy();
        if (!p.waitFor(5, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** Epoch milliseconds of the SYNs a `tcpdump -tt -n` log shows from {@code src}. */
    public static List<Long> synTimes(Path log, String src) throws Exception {
        List<Long> out = new ArrayList<>();
        if (!Files.exists(log)) {
            return out;
        }
        for (String l : Files.readAllLines(log)) {
            String[] t = l.split(" ");
            if (t.length > 3 && t[2].startsWith(src + ".")) {
                out.add(Math.round(Double.parseDouble(t[0]) * 1000));
            }
        }
        return out;
    }

    /** Removes a scratch directory a test made (captures, logs, flow lists). */
    public static void remove(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Override
    public void close() throws Exception {
        for (Process p : started) {
            if (p.isAlive()) {
                stop(p);
            }
        }
        for (String n : namespaces) {
            try {
                sh("ip", "netns", "del", n);
            } catch (IllegalStateException e) {
                // already gone
            }
        }
    }
}
