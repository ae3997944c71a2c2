package dev.vigil.engine.proto.syslog;

import dev.vigil.engine.dissect.DatagramDissector;
import dev.vigil.engine.dissect.DissectorContext;
import dev.vigil.engine.dissect.StreamDissector;
import dev.vigil.engine.event.Event;
import dev.vigil.engine.proto.signature.ReadSignature;
import dev.vigil.engine.proto.signature.SignatureProtocol;
import dev.vigil.engine.wire.Bytes;
import java.util.Map;

/**
 * Syslog, recognised by its signature ("&lt;PRI&gt;", or an octet count before it over TCP), whose
 * first messages are read: the PRI part (RFC 5424 §6.2.1), then an RFC 5424 header (version 1,
 * timestamp, HOSTNAME, APP-NAME, …) or an RFC 3164 one ("Mmm dd hh:mm:ss HOSTNAME TAG:"), or
 * neither: many devices write their own form after the PRI (Cisco IOS "85: *Sep 22 …: %SYS-5-…",
 * FortiGate "date=… devname=… devid=…"), so the rest of the message is kept as text too. A device
 * says who it is in its first messages; a flow that goes on logging for days says nothing new, so
 * only the sender's first {@link #MAX_MESSAGES} messages of a flow are read (over TCP, framed as
 * RFC 6587 describes: an octet count, or one message per line).
 */
public final class SyslogProtocol extends ReadSignature {

    /** Messages read per flow (over TCP, both directions together). */
    public static final int MAX_MESSAGES = 32;
    /** Characters of message text kept. */
    public static final int MAX_TEXT = 240;

    private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

    private final DatagramDissector datagrams = DatagramDissector.firstOfFlow(MAX_MESSAGES, SyslogProtocol::read);

    public SyslogProtocol(SignatureProtocol signature) {
        super(signature);
    }

    /** One message, from its PRI part; ignored when it has none. */
    static void read(DissectorContext ctx, boolean fromClient, byte[] b, int off, int len) {
        int end = off + len;
        while (end > off && (b[end - 1] == '\n' || b[end - 1] == '\r' || b[end - 1] == 0)) {
            end--;
        }
        if (end - off < 3 || b[off] != '<') {
            return;
        }
        int pri = 0;
        int p = off + 1;
        while (p < end && p < off + 5 && b[p] >= '0' && b[p] <= '9') {
            pri = pri * 10 + (b[p++] - '0');
        }
        if (p == off + 1 || p >= end || b[p] != '>' || pri > 191) {
            return;
        }
        p++;
        int n = Math.min(end - p, MAX_TEXT * 2);
        String text = Bytes.text(b, p, n);
        if (text == null) {
            return;
        }
        // the header as written: RFC 3164 pads a one-digit day with a space, which text() would fold
        String raw = Bytes.latin1(b, p, n);
        String hostname = null;
        String app = null;
        String[] f = raw.split(" ", 7);
        if (f.length >= 3 && f[0].equals("1")) {
            // RFC 5424: VERSION TIMESTAMP HOSTNAME APP-NAME PROCID MSGID SD MSG
            hostname = name(f[2]);
            app = f.length > 3 && !f[3].equals("-") ? f[3] : null;
        } else if (bsdTimestamp(raw)) {
            // RFC 3164 §4.1.2: "Mmm dd hh:mm:ss" (a space pads a one-digit day), HOSTNAME, then the TAG
            String[] h = raw.substring(16).split(" ", 3);
            if (h.length >= 2 && name(h[0]) != null && tag(h[1]) != null) {
                hostname = name(h[0]);
                app = tag(h[1]);
            } else if (h.length >= 1) {
                app = tag(h[0]); // no HOSTNAME: "Oct 11 22:14:15 kernel: …"
            }
        } else {
            app = tag(f[0]);
        }
        if (text.length() > MAX_TEXT) {
            text = text.substring(0, MAX_TEXT);
        }
        ctx.emit(new SyslogMessage(ctx.ts(), ctx.flow(), fromClient, pri >> 3, pri & 7, hostname, app, text));
    }

    private static boolean bsdTimestamp(String t) {
        return t.length() > 16 && MONTHS.contains(t.substring(0, 3)) && MONTHS.indexOf(t.substring(0, 3)) % 3 == 0
                && t.charAt(3) == ' ' && t.charAt(6) == ' ' && t.charAt(9) == ':' && t.charAt(12) == ':'
                && t.charAt(15) == ' ';
    }

    /** A TAG ("sshd[42]:", "kernel:", "%ASA-6-302013:" is not one): letters first, a colon or '[' closing it. */
    private static String tag(String token) {
        int n = token.length();
        if (n < 2 || !Character.isLetter(token.charAt(0))) {
            return null;
        }
        int i = 0;
        while (i < n && i < 48 && (Character.isLetterOrDigit(token.charAt(i)) || "._-/".indexOf(token.charAt(i)) >= 0)) {
            i++;
        }
        return i > 0 && i < n && (token.charAt(i) == ':' || token.charAt(i) == '[') ? token.substring(0, i) : null;
    }

    /**
     * A HOSTNAME as the sender wrote it, when it names a host or is an address literal (RFC 5424
     * §6.2.4 allows either; a literal other than the sender's own marks a forwarded message): not
     * nil, not the loopback's name.
     */
    private static String name(String h) {
        if (h.isEmpty() || h.equals("-") || h.length() > 64 || h.equalsIgnoreCase("localhost")
                || !Character.isLetterOrDigit(h.charAt(0))) {
            return null;
        }
        if (h.indexOf(':') >= 0) {
            return dev.vigil.engine.net.Ip.tryParse(h) != null ? h : null;
        }
        for (int i = 0; i < h.length(); i++) {
            char c = h.charAt(i);
            if (!Character.isLetterOrDigit(c) && c != '.' && c != '-' && c != '_') {
                return null;
            }
        }
        return h;
    }





    @Override
    public StreamDissector newStreamDissector() {
        return new StreamDissector() {
            private int messages;

            @Override
            public int onData(DissectorContext ctx, boolean fromClient, byte[] b, int off, int len) {
                int p = off;
                int end = off + len;
                while (p < end && messages < MAX_MESSAGES) {
                    int n = octetCount(b, p, end);
                    int start;
                    int next;
                    if (n >= 0) {
                        start = p + digits(b, p, end) + 1;
                        if (end - start < n) {
                            break;
                        }
                        next = start + n;
                    } else {
                        int lf = Bytes.indexOfLf(b, p, end);
                        if (lf < 0) {
                            return end - p > 2048 ? len : p - off; // no line end in 2 KB: not framed as lines
                        }
                        start = p;
                        next = lf + 1;
                        n = lf - p;
                    }
                    messages++;
                    read(ctx, fromClient, b, start, n);
                    p = next;
                }
                return messages >= MAX_MESSAGES ? len : p - off;
            }

            @Override
            public boolean wantsMore() {
                return messages < MAX_MESSAGES;
            }
        };
    }

    /** RFC 6587 §3.4.1 octet counting: "123 &lt;…": the count, or -1 when the frame is not counted. */
    private static int octetCount(byte[] b, int p, int end) {
        int d = digits(b, p, end);
        if (d == 0 || d > 5 || p + d + 1 >= end || b[p + d] != ' ' || b[p + d + 1] != '<') {
            return -1;
        }
        return Integer.parseInt(Bytes.latin1(b, p, d));
    }

    private static int digits(byte[] b, int p, int end) {
        int i = p;
        while (i < end && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        return i - p;
    }

    @Override
    public DatagramDissector datagramDissector() {
        return datagrams;
    }

    @Override
    public Map<String, Class<? extends Event>> events() {
        return Map.of("syslog", SyslogMessage.class);
    }
}
