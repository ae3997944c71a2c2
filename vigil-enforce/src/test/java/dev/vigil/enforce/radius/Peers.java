package dev.vigil.enforce.radius;

import java.io.IOException;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real RADIUS peers of these tests: Debian's radclient as the switch that asks, and FreeRADIUS
 * listening for CoA and Disconnect as the NAS that obeys, both on loopback.
 */
public final class Peers {

    static final String RADCLIENT = "/usr/bin/radclient";
    static final String FREERADIUS = "/usr/sbin/freeradius";

    private Peers() {
    }

    public static boolean present() {
        return Files.isExecutable(Path.of(RADCLIENT)) && Files.isExecutable(Path.of(FREERADIUS))
                && Files.isRegularFile(Path.of("/usr/share/freeradius/dictionary"));
    }

    static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Runs radclient with the attributes on its input; returns what it printed (it verifies every reply). */
    public static String radclient(int port, String kind, String secret, String attributes) throws Exception {
        Process p = new ProcessBuilder(RADCLIENT, "-x", "-t", "1", "-r", "1", "127.0.0.1:" + port, kind, secret)
                .redirectErrorStream(true).start();
        p.getOutputStream().write((attributes + "\n").getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return out;
    }

    /** FreeRADIUS as a NAS: answers CoA with ACK, except NAK for one Calling-Station-Id; Disconnect with ACK. */
    public static final class Nas implements AutoCloseable {

        public final int port;
        private final Process process;
        private final Path log;

        public Nas(Path dir, String secret, String nakFor) throws Exception {
            port = freeUdpPort();
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("dictionary"), "$INCLUDE /usr/share/freeradius/dictionary\n");
            Files.writeString(dir.resolve("radiusd.conf"), """
                    prefix = /usr
                    exec_prefix = /usr
                    sysconfdir = /etc
                    localstatedir = /var
                    sbindir = /usr/sbin
                    logdir = %1$s
                    raddbdir = %1$s
                    radacctdir = %1$s
                    name = freeradius
                    confdir = %1$s
                    run_dir = %1$s
                    libdir = /usr/lib/freeradius
                    pidfile = %1$s/radiusd.pid
                    max_request_time = 30
                    cleanup_delay = 0
                    max_requests = 1024
                    hostname_lookups = no
                    log {
                      destination = stdout
                    }
                    security {
                      allow_core_dumps = no
                      max_attributes = 200
                      reject_delay = 0
                      status_server = no
                    }
                    thread pool {
                      start_servers = 1
                      max_servers = 1
                      min_spare_servers = 1
                      max_spare_servers = 1
                    }
                    modules {
                      always reject {
                        rcode = reject
                      }
                      always ok {
                        rcode = ok
                      }
                    }
                    client switch {
                      ipaddr = 127.0.0.1
                      secret = %2$s
                      require_message_authenticator = yes
                    }
                    listen {
                      type = coa
                      ipaddr = 127.0.0.1
                      port = %3$d
                      virtual_server = coa
                    }
                    server coa {
                      recv-coa {
                        if (&Packet-Type == CoA-Request && &Calling-Station-Id == "%4$s") {
                          reject
                        }
                        ok
                      }
                      send-coa {
                        ok
                      }
                    }
                    """.formatted(dir, secret, port, nakFor));
            log = dir.resolve("nas.log");
            process = new ProcessBuilder(FREERADIUS, "-X", "-d", dir.toString(), "-n", "radiusd")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!log().contains("Ready to process requests")) {
                if (!process.isAlive() || System.nanoTime() > end) {
                    throw new IllegalStateException("FreeRADIUS did not start:\n" + log());
                }
                Thread.sleep(50);
            }
        }

        public String log() throws IOException {
            return Files.exists(log) ? Files.readString(log) : "";
        }

        /** The requests it received, each with its attributes, as FreeRADIUS printed them. */
        public List<String> received() throws IOException {
            List<String> out = new ArrayList<>();
            StringBuilder cur = null;
            for (String line : log().split("\n")) {
                if (line.matches("\\(\\d+\\) Received .*")) {
                    if (cur != null) {
                        out.add(cur.toString());
                    }
                    cur = new StringBuilder(line);
                } else if (cur != null && line.matches("\\(\\d+\\)\\s{3}\\S.*= .*")) {
                    cur.append('\n').append(line.replaceFirst("^\\(\\d+\\)\\s+", ""));
                } else if (cur != null) {
                    out.add(cur.toString());
                    cur = null;
                }
            }
            if (cur != null) {
                out.add(cur.toString());
            }
            return out;
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }
}
