package dev.vigil.engine.proto.mail;

import dev.vigil.engine.dissect.DissectorContext;
import dev.vigil.engine.dissect.StreamDissector;
import dev.vigil.engine.event.Secret;
import dev.vigil.engine.wire.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * One mail session, line by line: the greeting, then login commands and SASL exchanges until a
 * login succeeds, the session turns to TLS, or mail itself starts (SMTP MAIL FROM), after which
 * nothing of interest to Vigil follows and inspection ends.
 */
final class MailDissector implements StreamDissector {

    static final int MAX_LINE = 2048;
    static final int MAX_COMMANDS = 256;

    /** Where a SASL exchange stands: which client line comes next. */
    private enum Sasl {
        NONE, PLAIN, LOGIN_USER, LOGIN_PASS, OTHER
    }

    private final MailProtocol.Kind kind;
    private final String protocol;
    private boolean bannerSeen;
    private boolean done;
    private boolean startTls;
    private int commands;
    private Sasl sasl = Sasl.NONE;
    private String tag;
    private String mechanism;
    private String user;
    private Secret password;
    private boolean awaiting;

    MailDissector(MailProtocol.Kind kind) {
        this.kind = kind;
        this.protocol = kind.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public int onData(DissectorContext ctx, boolean fromClient, byte[] b, int off, int len) {
        int p = off;
        int end = off + len;
        while (p < end && !done) {
            int lf = Bytes.indexOfLf(b, p, end);
            if (lf < 0) {
                return end - p > MAX_LINE ? len : p - off;
            }
            int lineEnd = lf > p && b[lf - 1] == '\r' ? lf - 1 : lf;
            String line = Bytes.latin1(b, p, Math.min(lineEnd - p, MAX_LINE));
            p = lf + 1;
            if (fromClient) {
                command(line);
            } else {
                reply(ctx, line);
            }
        }
        return done ? len : p - off;
    }

    private void command(String line) {
        commands++;
        if (sasl != Sasl.NONE) {
            saslResponse(line.trim());
            return;
        }
        String[] w = line.split(" ", 4);
        if (kind == MailProtocol.Kind.IMAP) {
            if (w.length < 2) {
                return;
            }
            String verb = w[1].toUpperCase(Locale.ROOT);
            String rest = line.substring(Math.min(line.length(), w[0].length() + w[1].length() + 2));
            switch (verb) {
                case "LOGIN" -> {
                    String[] creds = imapStrings(rest);
                    if (creds != null) {
                        begin(w[0], "LOGIN", creds[0], new Secret(creds[1]));
                    }
                }
                case "AUTHENTICATE" -> authenticate(w[0], w.length > 2 ? w[2] : "", w.length > 3 ? w[3] : null);
                case "STARTTLS" -> {
                    tag = w[0];
                    startTls = true;
                }
                default -> {
                }
            }
            return;
        }
        String verb = w[0].toUpperCase(Locale.ROOT);
        switch (verb) {
            case "USER" -> {
                if (kind == MailProtocol.Kind.POP3 && w.length > 1) {
                    user = line.substring(5);
                    mechanism = "USER";
                }
            }
            case "PASS" -> {
                if (kind == MailProtocol.Kind.POP3 && user != null) {
                    password = new Secret(line.length() > 5 ? line.substring(5) : "");
                    awaiting = true;
                }
            }
            case "APOP" -> {
                if (kind == MailProtocol.Kind.POP3 && w.length > 1) {
                    begin(null, "APOP", w[1], null);
                }
            }
            case "AUTH" -> authenticate(null, w.length > 1 ? w[1] : "", w.length > 2 ? w[2] : null);
            case "STARTTLS", "STLS" -> startTls = true;
            case "MAIL" -> {
                // the message itself follows: nothing more about logins in this session
                if (kind == MailProtocol.Kind.SMTP) {
                    done = true;
                }
            }
            default -> {
            }
        }
    }

    private void authenticate(String imapTag, String mech, String initial) {
        String m = mech.toUpperCase(Locale.ROOT);
        begin(imapTag, m, null, null);
        awaiting = false;
        switch (m) {
            case "PLAIN" -> {
                if (initial != null && !initial.equals("=")) {
                    plain(initial);
                } else {
                    sasl = Sasl.PLAIN;
                }
            }
            case "LOGIN" -> {
                if (initial != null && !initial.equals("=")) {
                    user = decode(initial);
                    sasl = Sasl.LOGIN_PASS;
                } else {
                    sasl = Sasl.LOGIN_USER;
                }
            }
            default -> {
                sasl = Sasl.OTHER;
                awaiting = true;
            }
        }
    }

    private void saslResponse(String line) {
        if (line.equals("*")) {
            // the client cancelled the exchange (RFC 4954 §4)
            sasl = Sasl.NONE;
            awaiting = false;
            return;
        }
        switch (sasl) {
            case PLAIN -> plain(line);
            case LOGIN_USER -> {
                user = decode(line);
                sasl = Sasl.LOGIN_PASS;
            }
            case LOGIN_PASS -> {
                String pw = decode(line);
                password = pw == null ? null : new Secret(pw);
                sasl = Sasl.NONE;
                awaiting = true;
            }
            default -> {
                // challenge-response: nothing in clear
            }
        }
    }

    /** SASL PLAIN: authzid NUL authcid NUL passwd (RFC 4616 §2). */
    private void plain(String b64) {
        sasl = Sasl.NONE;
        awaiting = true;
        String s = decode(b64);
        if (s == null) {
            return;
        }
        int a = s.indexOf('\0');
        int c = a < 0 ? -1 : s.indexOf('\0', a + 1);
        if (c < 0) {
            return;
        }
        user = s.substring(a + 1, c);
        password = new Secret(s.substring(c + 1));
    }

    private void begin(String imapTag, String mech, String u, Secret pw) {
        tag = imapTag;
        mechanism = mech;
        user = u;
        password = pw;
        awaiting = true;
    }

    private void reply(DissectorContext ctx, String line) {
        if (!bannerSeen) {
            String text = greeting(line);
            if (text != null) {
                bannerSeen = true;
                ctx.emit(new MailBanner(ctx.ts(), ctx.flow(), protocol, text));
                return;
            }
        }
        Boolean ok = verdict(line);
        if (ok == null) {
            return;
        }
        if (startTls) {
            startTls = false;
            if (ok) {
                done = true;
            }
            return;
        }
        if (!awaiting || sasl == Sasl.PLAIN || sasl == Sasl.LOGIN_USER || sasl == Sasl.LOGIN_PASS) {
            return;
        }
        sasl = Sasl.NONE;
        login(ctx, ok ? "success" : "failure");
        if (ok) {
            done = true;
        }
    }

    private String greeting(String line) {
        return switch (kind) {
            case SMTP -> line.startsWith("220") ? line.substring(Math.min(4, line.length())).trim() : null;
            case POP3 -> line.startsWith("+OK") ? line.substring(3).trim() : null;
            case IMAP -> line.startsWith("* OK") ? line.substring(4).trim() : null;
        };
    }

    /** True for a positive final reply, false for a negative one, null for anything else. */
    private Boolean verdict(String line) {
        switch (kind) {
            case SMTP -> {
                if (line.length() < 3 || (line.length() > 3 && line.charAt(3) == '-')) {
                    return null;
                }
                char c = line.charAt(0);
                if (line.startsWith("334")) {
                    return null;
                }
                return c == '2' ? Boolean.TRUE : c == '5' || c == '4' ? Boolean.FALSE : null;
            }
            case POP3 -> {
                return line.startsWith("+OK") ? Boolean.TRUE : line.startsWith("-ERR") ? Boolean.FALSE : null;
            }
            default -> {
                if (tag == null || !line.startsWith(tag + " ")) {
                    return null;
                }
                String status = line.substring(tag.length() + 1).toUpperCase(Locale.ROOT);
                return status.startsWith("OK") ? Boolean.TRUE
                        : status.startsWith("NO") || status.startsWith("BAD") ? Boolean.FALSE : null;
            }
        }
    }

    private void login(DissectorContext ctx, String outcome) {
        ctx.emit(new MailLogin(ctx.ts(), ctx.flow(), protocol, mechanism, user, password, outcome));
        awaiting = false;
        mechanism = null;
        user = null;
        password = null;
    }

    /** IMAP LOGIN arguments: two astrings, atoms or quoted strings (RFC 9051 §9); literals are not followed. */
    static String[] imapStrings(String s) {
        String[] out = new String[2];
        int i = 0;
        for (int k = 0; k < 2; k++) {
            while (i < s.length() && s.charAt(i) == ' ') {
                i++;
            }
            if (i >= s.length() || s.charAt(i) == '{') {
                return null;
            }
            StringBuilder v = new StringBuilder();
            if (s.charAt(i) == '"') {
                i++;
                while (i < s.length() && s.charAt(i) != '"') {
                    char c = s.charAt(i++);
                    if (c == '\\' && i < s.length()) {
                        c = s.charAt(i++);
                    }
                    v.append(c);
                }
                i++;
            } else {
                while (i < s.length() && s.charAt(i) != ' ') {
                    v.append(s.charAt(i++));
                }
            }
            out[k] = v.toString();
        }
        return out;
    }

    private static String decode(String b64) {
        try {
            return new String(Base64.getMimeDecoder().decode(b64.trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public void onEnd(DissectorContext ctx) {
        if (awaiting && (user != null || password != null)) {
            login(ctx, "unknown");
        }
    }

    @Override
    public boolean onGap(DissectorContext ctx, boolean fromClient, long missing) {
        return true;
    }

    @Override
    public boolean wantsMore() {
        return !done && commands < MAX_COMMANDS;
    }
}
