package dev.vigil.cli;

import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Devices the probe tests talk to, all on loopback: a telnet service with a BusyBox-style login
 * that accepts admin/admin, an HTTP camera page behind Basic authentication, and Debian's
 * mosquitto broker with a password file. They count what reaches them.
 */
final class FakeDevices {

    private FakeDevices() {
    }

    /** A TCP listener that counts connections and serves each with {@code handler}. */
    static final class Listener implements AutoCloseable {
        interface Handler {
            void serve(Socket s) throws IOException;
        }

        final ServerSocket server;
        final AtomicInteger connections = new AtomicInteger();
        final AtomicInteger logins = new AtomicInteger();
        private final Thread thread;

        Listener(String address, Handler handler) throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getByName(address));
            thread = Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket s = server.accept();
                        connections.incrementAndGet();
                        Thread.ofVirtual().start(() -> {
                            try (s) {
                                s.setSoTimeout(5000);
                                handler.serve(s);
                            } catch (IOException e) {
                                // the probe hung up
                            }
                        });
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
            thread.interrupt();
        }
    }

    /** Telnet with option negotiation, "login:" and "Password:" prompts; admin/admin gets a BusyBox shell. */
    static Listener telnet(String address) throws IOException {
        Listener[] self = new Listener[1];
        self[0] = new Listener(address, s -> {
            OutputStream o = s.getOutputStream();
            InputStream in = s.getInputStream();
            // IAC DO TERMINAL-TYPE, IAC WILL ECHO, IAC WILL SUPPRESS-GO-AHEAD
            o.write(new byte[] {(byte) 255, (byte) 253, 24, (byte) 255, (byte) 251, 1, (byte) 255, (byte) 251, 3});
            o.write("\r\nIPCAM login: ".getBytes(StandardCharsets.ISO_8859_1));
            o.flush();
            while (true) {
                String user = line(in);
                if (user == null) {
                    return;
                }
                o.write("Password: ".getBytes(StandardCharsets.ISO_8859_1));
                o.flush();
                String pass = line(in);
                if (pass == null) {
                    return;
                }
                self[0].logins.incrementAndGet();
                if (user.equals("admin") && pass.equals("admin")) {
                    o.write("\r\n\r\nBusyBox v1.19.4 (2016-03-01 10:00:00 CST) built-in shell (ash)\r\n# "
                            .getBytes(StandardCharsets.ISO_8859_1));
                    o.flush();
                    line(in);
                    return;
                }
                o.write("\r\nLogin incorrect\r\nIPCAM login: ".getBytes(StandardCharsets.ISO_8859_1));
                o.flush();
            }
        });
        return self[0];
    }

    /** A line typed by the client, telnet commands left out; null at the end. */
    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int skip = 0;
        while (true) {
            int c = in.read();
            if (c < 0) {
                return null;
            }
            if (skip > 0) {
                skip--;
                continue;
            }
            if (c == 255) {
                skip = 2;
                continue;
            }
            if (c == '\n') {
                return b.toString();
            }
            if (c != '\r' && c != 0) {
                b.append((char) c);
            }
        }
    }

    /** An IP camera's web page behind HTTP Basic authentication, user admin, password 12345. */
    static final class Camera implements AutoCloseable {
        final HttpServer server;
        final AtomicInteger attempts = new AtomicInteger();

        Camera(String address) throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), 0), 0);
            var ctx = server.createContext("/", x -> {
                byte[] page = "<html><head><title>Network Camera</title></head><body>live view</body></html>"
                        .getBytes(StandardCharsets.UTF_8);
                x.getResponseHeaders().add("Content-Type", "text/html");
                x.sendResponseHeaders(200, page.length);
                x.getResponseBody().write(page);
                x.close();
            });
            ctx.setAuthenticator(new BasicAuthenticator("IPCAM") {
                @Override
                public boolean checkCredentials(String user, String password) {
                    attempts.incrementAndGet();
                    return user.equals("admin") && password.equals("12345");
                }
            });
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    /** Debian's mosquitto on 127.0.0.1, anonymous clients refused, one user from a password file. */
    static final class Broker implements AutoCloseable {
        final Process process;
        final int port;

        Broker(Path dir, String user, String password, boolean anonymous) throws Exception {
            port = freePort();
            Path pw = dir.resolve("passwd");
            Process p = new ProcessBuilder(which("mosquitto_passwd"), "-b", "-c", pw.toString(), user, password)
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor() != 0) {
                throw new IOException("mosquitto_passwd failed");
            }
            Path conf = dir.resolve("mosquitto.conf");
            Files.write(conf, List.of("listener " + port + " 127.0.0.1", "allow_anonymous " + anonymous,
                    "password_file " + pw, "persistence false", "user " + System.getProperty("user.name"),
                    "log_dest stderr"));
            process = new ProcessBuilder(which("mosquitto"), "-c", conf.toString()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                try (Socket s = new Socket("127.0.0.1", port)) {
                    return;
                } catch (IOException e) {
                    if (!process.isAlive()) {
                        throw new IOException("mosquitto exited: " + Files.readString(dir.resolve("mosquitto.log")));
                    }
                    Thread.sleep(50);
                }
            }
            throw new IOException("mosquitto did not start listening");
        }

        static boolean available() {
            return which("mosquitto") != null && which("mosquitto_passwd") != null;
        }

        /** A program on the PATH or in the sbin directories (Debian installs mosquitto in /usr/sbin). */
        static String which(String name) {
            String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin:/usr/bin";
            for (String d : path.split(":")) {
                if (!d.isEmpty() && Files.isExecutable(Path.of(d, name))) {
                    return Path.of(d, name).toString();
                }
            }
            return null;
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}
