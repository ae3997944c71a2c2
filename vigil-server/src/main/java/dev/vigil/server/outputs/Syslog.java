package dev.vigil.server.outputs;

import dev.vigil.store.alerts.AlertRow;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Syslog: RFC 5424 messages (with the alert as structured data) or ArcSight CEF in the message, over
 * UDP (RFC 5426, one message per datagram) or TCP (RFC 6587 octet counting).
 */
public final class Syslog implements Outputs.Output {

    /** Message formats. */
    public enum Format { RFC5424, CEF }

    static final int FACILITY_SECURITY = 4; // security/authorization messages (RFC 5424, 4: auth)
    private final String host;
    private final int port;
    private final boolean tcp;
    private final Format format;
    /** TLS (RFC 5425) over the TCP connection; null for plain TCP or UDP. */
    private final javax.net.ssl.SSLSocketFactory tls;
    private final String hostname;
    private DatagramSocket udp;
    private Socket socket;

    Syslog(String host, int port, boolean tcp, Format format) {
        this(host, port, tcp, format, null);
    }

    Syslog(String host, int port, boolean tcp, Format format, javax.net.ssl.SSLSocketFactory tls) {
        this.host = host;
        this.port = port;
        this.tcp = tcp;
        this.format = format;
        this.tls = tls;
        String h;
        try {
            h = java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            h = "vigil";
        }
        this.hostname = h.isEmpty() ? "-" : h.replace(' ', '_');
    }

    static Syslog parse(String spec) {
        URI u;
        try {
            u = URI.create(spec);
        } catch (IllegalArgumentException e) {
            u = null;
        }
        if (u == null || u.getHost() == null
                || !("udp".equals(u.getScheme()) || "tcp".equals(u.getScheme()) || "tls".equals(u.getScheme()))) {
            throw new IllegalArgumentException("syslog '" + spec + "': expected udp://HOST:PORT, tcp://HOST:PORT or "
                    + "tls://HOST:PORT[?ca=CA.pem]");
        }
        String q = u.getQuery() == null ? "" : u.getQuery();
        Format f = q.contains("format=cef") ? Format.CEF : Format.RFC5424;
        boolean secure = "tls".equals(u.getScheme());
        javax.net.ssl.SSLSocketFactory factory = null;
        if (secure) {
            String ca = null;
            for (String kv : q.split("&")) {
                if (kv.startsWith("ca=")) {
                    ca = kv.substring(3);
                }
            }
            factory = tlsFactory(ca, spec);
        }
        int dflt = secure ? 6514 : 514;
        return new Syslog(u.getHost(), u.getPort() < 0 ? dflt : u.getPort(), !"udp".equals(u.getScheme()), f, factory);
    }

    /** Trusts the system's certificate authorities, or only the PEM certificates in {@code caFile}. */
    static javax.net.ssl.SSLSocketFactory tlsFactory(String caFile, String spec) {
        try {
            if (caFile == null) {
                return (javax.net.ssl.SSLSocketFactory) javax.net.ssl.SSLSocketFactory.getDefault();
            }
            java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            java.security.cert.CertificateFactory cf = java.security.cert.CertificateFactory.getInstance("X.509");
            int i = 0;
            try (java.io.InputStream in = java.nio.file.Files.newInputStream(java.nio.file.Path.of(caFile))) {
                for (java.security.cert.Certificate c : cf.generateCertificates(in)) {
                    ks.setCertificateEntry("ca" + i++, c);
                }
            }
            if (i == 0) {
                throw new IllegalArgumentException("syslog '" + spec + "': no certificate in " + caFile);
            }
            javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(
                    javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx.getSocketFactory();
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalArgumentException("syslog '" + spec + "': cannot use the CA file " + caFile + ": " + e.getMessage());
        }
    }

    @Override
    public String name() {
        return "syslog:" + (tls != null ? "tls" : tcp ? "tcp" : "udp") + "://" + host + ":" + port
                + (format == Format.CEF ? "?format=cef" : "");
    }

    /** Syslog severity of a finding severity. */
    static int severity(String s) {
        return switch (s) {
            case "critical" -> 2;
            case "high" -> 3;
            case "medium" -> 4;
            case "low" -> 5;
            default -> 6;
        };
    }

    /** CEF severity (0 to 10). */
    static int cefSeverity(String s) {
        return switch (s) {
            case "critical" -> 10;
            case "high" -> 8;
            case "medium" -> 5;
            case "low" -> 3;
            default -> 1;
        };
    }

    static String sdEscape(String s) {
        return s == null ? "" : s.replace("\\", "\\\\").replace("\"", "\\\"").replace("]", "\\]");
    }

    static String cefHeader(String s) {
        return s == null ? "" : s.replace("\\", "\\\\").replace("|", "\\|");
    }

    static String cefValue(String s) {
        return s == null ? "" : s.replace("\\", "\\\\").replace("=", "\\=").replace("\n", "\\n").replace("\r", "\\r");
    }

    /** The message for an alert, without transport framing. */
    String format(AlertRow a, Instant now) {
        int pri = FACILITY_SECURITY * 8 + severity(a.severity());
        String head = "<" + pri + ">1 " + now.truncatedTo(java.time.temporal.ChronoUnit.MICROS) + " " + hostname + " vigil - ";
        if (format == Format.CEF) {
            String cef = "CEF:0|Vigil|Vigil|0.1|" + cefHeader(a.type()) + "|" + cefHeader(a.title()) + "|"
                    + cefSeverity(a.severity()) + "|externalId=" + cefValue(a.id()) + " dvchost=" + cefValue(a.deviceId())
                    + " cs1Label=status cs1=" + cefValue(a.status()) + " start=" + cefValue(a.firstEvidence())
                    + " rt=" + a.created();
            return head + "alert - " + cef;
        }
        return head + "alert [vigil@32473 id=\"" + sdEscape(a.id()) + "\" type=\"" + sdEscape(a.type()) + "\" severity=\""
                + sdEscape(a.severity()) + "\" device=\"" + sdEscape(a.deviceId()) + "\" status=\"" + sdEscape(a.status())
                + "\" first_evidence=\"" + sdEscape(a.firstEvidence()) + "\"] \uFEFF" + a.title();
    }

    /** The message for a tier change: warning when trust drops, notice when it comes back. */
    String format(dev.vigil.detect.trust.TrustScorer.TierChange c, Instant now) {
        boolean worse = rank(c.to()) > rank(c.from());
        int pri = FACILITY_SECURITY * 8 + (worse ? 4 : 5);
        String head = "<" + pri + ">1 " + now.truncatedTo(java.time.temporal.ChronoUnit.MICROS) + " " + hostname + " vigil - ";
        String text = "Device " + c.device() + " moved from " + c.from() + " to " + c.to() + " (trust " + c.score() + ")";
        if (format == Format.CEF) {
            return head + "tier_change - CEF:0|Vigil|Vigil|0.1|trust.tier_change|" + cefHeader(text) + "|" + (worse ? 7 : 3)
                    + "|dvchost=" + cefValue(c.device()) + " cs1Label=from cs1=" + cefValue(c.from()) + " cs2Label=to cs2="
                    + cefValue(c.to()) + " cn1Label=trust cn1=" + c.score() + " msg=" + cefValue(String.join(",", c.causes()));
        }
        return head + "tier_change [vigil@32473 device=\"" + sdEscape(c.device()) + "\" from=\"" + sdEscape(c.from()) + "\" to=\""
                + sdEscape(c.to()) + "\" score=\"" + c.score() + "\" causes=\"" + sdEscape(String.join(",", c.causes())) + "\"] \uFEFF"
                + text;
    }

    /** The message for a notice about Vigil itself. */
    String format(Notice n, Instant now) {
        int pri = FACILITY_SECURITY * 8 + severity(n.severity());
        String head = "<" + pri + ">1 " + now.truncatedTo(java.time.temporal.ChronoUnit.MICROS) + " " + hostname + " vigil - ";
        StringBuilder sd = new StringBuilder();
        StringBuilder ext = new StringBuilder();
        n.fields().forEach((k, v) -> {
            sd.append(' ').append(k).append("=\"").append(sdEscape(String.valueOf(v))).append('"');
            ext.append(' ').append(k).append('=').append(cefValue(String.valueOf(v)));
        });
        if (format == Format.CEF) {
            return head + n.kind() + " - CEF:0|Vigil|Vigil|0.1|" + cefHeader(n.kind()) + "|" + cefHeader(n.text()) + "|"
                    + cefSeverity(n.severity()) + "|msg=" + cefValue(n.text()) + ext;
        }
        return head + n.kind() + " [vigil@32473 kind=\"" + sdEscape(n.kind()) + "\"" + sd + "] \uFEFF" + n.text();
    }

    static int rank(String tier) {
        return switch (tier) {
            case "quarantined" -> 2;
            case "restricted" -> 1;
            default -> 0;
        };
    }

    @Override
    public void send(dev.vigil.detect.trust.TrustScorer.TierChange c) throws IOException {
        write(format(c, Instant.now()).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void send(Notice n) throws IOException {
        write(format(n, Instant.now()).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public synchronized void send(AlertRow a) throws IOException {
        write(format(a, Instant.now()).getBytes(StandardCharsets.UTF_8));
    }

    private synchronized void write(byte[] msg) throws IOException {
        if (!tcp) {
            if (udp == null) {
                udp = new DatagramSocket();
            }
            udp.send(new DatagramPacket(msg, Math.min(msg.length, 65_000), new InetSocketAddress(host, port)));
            return;
        }
        try {
            if (socket == null || socket.isClosed()) {
                Socket plain = new Socket();
                plain.connect(new InetSocketAddress(host, port), 5000);
                if (tls != null) {
                    // RFC 5425: TLS, the server's name checked against its certificate
                    javax.net.ssl.SSLSocket ssl = (javax.net.ssl.SSLSocket) tls.createSocket(plain, host, port, true);
                    javax.net.ssl.SSLParameters p = ssl.getSSLParameters();
                    p.setEndpointIdentificationAlgorithm("HTTPS");
                    p.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
                    ssl.setSSLParameters(p);
                    ssl.startHandshake();
                    socket = ssl;
                } else {
                    socket = plain;
                }
            }
            OutputStream out = socket.getOutputStream();
            out.write((msg.length + " ").getBytes(StandardCharsets.US_ASCII));
            out.write(msg);
            out.flush();
        } catch (IOException e) {
            if (socket != null) {
                socket.close();
            }
            socket = null;
            throw e;
        }
    }

    @Override
    public synchronized void close() {
        if (udp != null) {
            udp.close();
        }
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException e) {
            // closing anyway
        }
    }
}
