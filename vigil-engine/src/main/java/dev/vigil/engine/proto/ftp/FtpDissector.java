package dev.vigil.engine.proto.ftp;

import dev.vigil.engine.dissect.DissectorContext;
import dev.vigil.engine.dissect.StreamDissector;
import dev.vigil.engine.event.Secret;
import dev.vigil.engine.wire.Bytes;
import java.util.Locale;

/**
 * The FTP control connection (RFC 959): line by line, commands from the client and numbered
 * replies (multi-line replies per §4.2) from the server. Stops when AUTH TLS is accepted.
 */
final class FtpDissector implements StreamDissector {

    static final int MAX_LINE = 1024;
    static final int MAX_COMMANDS = 512;

    private boolean bannerSeen;
    private String user;
    private Secret password;
    private boolean awaiting;
    private boolean tls;
    private int commands;
    private String multiline;

    @Override
    public int onData(DissectorContext ctx, boolean fromClient, byte[] b, int off, int len) {
        int p = off;
        int end = off + len;
        while (p < end && !tls) {
            int lf = Bytes.indexOfLf(b, p, end);
            if (lf < 0) {
                return end - p > MAX_LINE ? len : p - off;
            }
            int lineEnd = lf > p && b[lf - 1] == '\r' ? lf - 1 : lf;
            String line = Bytes.latin1(b, p, Math.min(lineEnd - p, MAX_LINE));
            p = lf + 1;
            if (fromClient) {
                command(ctx, line);
            } else {
                reply(ctx, line);
            }
        }
        return tls ? len : p - off;
    }

    private void command(DissectorContext ctx, String line) {
        commands++;
        int sp = line.indexOf(' ');
        String verb = (sp < 0 ? line : line.substring(0, sp)).toUpperCase(Locale.ROOT);
        String arg = sp < 0 ? "" : line.substring(sp + 1);
        switch (verb) {
            case "USER" -> {
                if (awaiting && user != null) {
                    login(ctx, "unknown", 0);
                }
                user = arg;
                password = null;
                awaiting = true;
            }
            case "PASS" -> {
                password = new Secret(arg);
                awaiting = true;
            }
            case "RETR", "STOR", "STOU", "APPE" -> ctx.emit(new FtpTransfer(ctx.ts(), ctx.flow(), verb, arg));
            default -> {
            }
        }
    }

    private void reply(DissectorContext ctx, String line) {
        if (line.length() < 3 || !Character.isDigit(line.charAt(0))) {
            return;
        }
        String code = line.substring(0, 3);
        boolean continues = line.length() > 3 && line.charAt(3) == '-';
        if (multiline != null) {
            if (!line.startsWith(multiline + " ")) {
                return;
            }
            multiline = null;
        } else if (continues) {
            multiline = code;
        }
        int c;
        try {
            c = Integer.parseInt(code);
        } catch (NumberFormatException e) {
            return;
        }
        if (c == 220 && !bannerSeen) {
            bannerSeen = true;
            String text = line.length() > 4 ? line.substring(4).trim() : "";
            ctx.emit(new FtpBanner(ctx.ts(), ctx.flow(), text));
            return;
        }
        if (continues) {
            return;
        }
        if (c == 234) {
            tls = true;
            return;
        }
        if (!awaiting || user == null) {
            return;
        }
        if (c == 230) {
            login(ctx, "success", c);
        } else if (c == 530 || (c >= 500 && password != null)) {
            login(ctx, "failure", c);
        }
    }

    private void login(DissectorContext ctx, String outcome, int code) {
        ctx.emit(new FtpLogin(ctx.ts(), ctx.flow(), user, password, outcome, code));
        awaiting = false;
        user = null;
        password = null;
    }

    @Override
    public void onEnd(DissectorContext ctx) {
        if (awaiting && user != null && password != null) {
            login(ctx, "unknown", 0);
        }
    }

    @Override
    public boolean onGap(DissectorContext ctx, boolean fromClient, long missing) {
        return true;
    }

    @Override
    public boolean wantsMore() {
        return !tls && commands < MAX_COMMANDS;
    }
}
