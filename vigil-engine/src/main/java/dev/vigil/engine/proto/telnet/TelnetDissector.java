package dev.vigil.engine.proto.telnet;

import dev.vigil.engine.dissect.DissectorContext;
import dev.vigil.engine.dissect.StreamDissector;
import dev.vigil.engine.event.Secret;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Telnet (RFC 854): strips option negotiation (IAC sequences, RFC 855 subnegotiation), follows the
 * server's prompts and records what the client typed at them, in line mode or one character at a
 * time, with backspace editing. The outcome of each attempt is judged from the server's next words.
 */
final class TelnetDissector implements StreamDissector {

    static final int MAX_ATTEMPTS = 16;
    static final int MAX_INPUT = 128;
    static final int TEXT_WINDOW = 512;

    private static final Pattern LOGIN_PROMPT = Pattern.compile("(?i)(?:login|user ?name|user|account)\\s*:\\s*$");
    private static final Pattern PASSWORD_PROMPT = Pattern.compile("(?i)pass(?:word|wd|code)?\\s*:\\s*$");
    private static final Pattern FAILURE = Pattern.compile(
            "(?i)(incorrect|fail|invalid|denied|bad password|wrong|not allowed|authentication error)");
    private static final Pattern SUCCESS_TEXT = Pattern.compile(
            "(?i)(last login|welcome|busybox|built-in shell|logged in|you have (new )?mail)");
    private static final Pattern SHELL_PROMPT = Pattern.compile("[#$>%]\\s*$");

    private enum State { IDLE, USER, PASSWORD, AWAIT }

    private static final int IAC = 255;

    private final int[] iac = new int[2];
    private final StringBuilder server = new StringBuilder();
    private final StringBuilder banner = new StringBuilder();
    private final StringBuilder input = new StringBuilder();
    private State state = State.IDLE;
    private boolean bannerDone;
    private String user;
    private Secret password;
    private int attempts;
    private boolean loggedIn;

    @Override
    public int onData(DissectorContext ctx, boolean fromClient, byte[] b, int off, int len) {
        int dir = fromClient ? 0 : 1;
        for (int i = off; i < off + len; i++) {
            int c = b[i] & 0xff;
            // RFC 854 command states: 0 data, 1 after IAC, 2 expecting an option byte, 3 in SB, 4 IAC within SB
            switch (iac[dir]) {
                case 0 -> {
                    if (c == IAC) {
                        iac[dir] = 1;
                    } else if (fromClient) {
                        typed(ctx, c);
                    } else {
                        printed(c);
                    }
                }
                case 1 -> iac[dir] = c == IAC ? 0 : c == 250 ? 3 : (c >= 251 && c <= 254) ? 2 : 0;
                case 2 -> iac[dir] = 0;
                case 3 -> iac[dir] = c == IAC ? 4 : 3;
                case 4 -> iac[dir] = c == 240 ? 0 : 3;
                default -> iac[dir] = 0;
            }
        }
        if (!fromClient) {
            serverSaid(ctx);
        }
        return len;
    }

    private void printed(int c) {
        if (c == '\r' || c == 0) {
            return;
        }
        char ch = c >= 0x20 && c < 0x7f || c == '\n' || c == '\t' ? (char) c : ' ';
        server.append(ch);
        if (server.length() > TEXT_WINDOW) {
            server.delete(0, server.length() - TEXT_WINDOW);
        }
        if (!bannerDone && banner.length() < 1024) {
            banner.append(ch);
        }
    }

    private void serverSaid(DissectorContext ctx) {
        String text = server.toString();
        if (state == State.AWAIT) {
            if (FAILURE.matcher(text).find()) {
                attempt(ctx, "failure");
            } else if (LOGIN_PROMPT.matcher(text).find()) {
                attempt(ctx, "failure");
            } else if (SUCCESS_TEXT.matcher(text).find() || SHELL_PROMPT.matcher(text).find()) {
                attempt(ctx, "success");
                loggedIn = true;
                return;
            }
        }
        if (LOGIN_PROMPT.matcher(text).find()) {
            emitBanner(ctx);
            state = State.USER;
            input.setLength(0);
            server.setLength(0);
        } else if (PASSWORD_PROMPT.matcher(text).find() && state != State.AWAIT) {
            emitBanner(ctx);
            state = State.PASSWORD;
            input.setLength(0);
            server.setLength(0);
        }
    }

    private void typed(DissectorContext ctx, int c) {
        if (state != State.USER && state != State.PASSWORD) {
            return;
        }
        if (c == '\r' || c == '\n') {
            if (input.isEmpty() && state == State.USER) {
                return;
            }
            if (state == State.USER) {
                user = input.toString();
                state = State.IDLE;
            } else {
                password = new Secret(input.toString());
                state = State.AWAIT;
                server.setLength(0);
            }
            input.setLength(0);
            return;
        }
        if (c == 0x08 || c == 0x7f) {
            if (!input.isEmpty()) {
                input.setLength(input.length() - 1);
            }
            return;
        }
        if (c >= 0x20 && c < 0x7f && input.length() < MAX_INPUT) {
            input.append((char) c);
        }
    }

    private void attempt(DissectorContext ctx, String outcome) {
        ctx.emit(new TelnetLogin(ctx.ts(), ctx.flow(), user, password, outcome));
        attempts++;
        user = null;
        password = null;
        state = State.IDLE;
        server.setLength(0);
    }

    private void emitBanner(DissectorContext ctx) {
        if (bannerDone) {
            return;
        }
        bannerDone = true;
        String text = banner.toString();
        String[] lines = text.split("\n");
        StringBuilder keep = new StringBuilder();
        for (int i = 0; i < lines.length - 1; i++) {
            // the last line is the prompt itself
            String l = lines[i].trim();
            if (!l.isEmpty()) {
                if (!keep.isEmpty()) {
                    keep.append(" | ");
                }
                keep.append(l);
            }
        }
        String s = keep.toString().replaceAll("\\s+", " ").trim();
        if (!s.isEmpty()) {
            ctx.emit(new TelnetBanner(ctx.ts(), ctx.flow(), s.length() > 256 ? s.substring(0, 256) : s));
        }
    }

    @Override
    public void onEnd(DissectorContext ctx) {
        if (state == State.AWAIT && password != null) {
            String text = server.toString().toLowerCase(Locale.ROOT);
            attempt(ctx, text.isBlank() ? "unknown" : SHELL_PROMPT.matcher(text).find() ? "success" : "unknown");
        }
    }

    @Override
    public boolean onGap(DissectorContext ctx, boolean fromClient, long missing) {
        input.setLength(0);
        return !loggedIn;
    }

    @Override
    public boolean wantsMore() {
        return !loggedIn && attempts < MAX_ATTEMPTS;
    }
}
