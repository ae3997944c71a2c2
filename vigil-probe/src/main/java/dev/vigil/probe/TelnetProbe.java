package dev.vigil.probe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Telnet (RFC 854): refuses every option the server proposes (RFC 1143's safe default), reads the
 * banner up to the login prompt, and logs in by answering the user and password prompts. A shell
 * prompt or a shell's greeting after the password is success; "incorrect", "failed" or another
 * login prompt is failure.
 */
final class TelnetProbe implements ServiceProbe {

    static final Pattern USER_PROMPT = Pattern.compile("(?i)(login|username|user name|user)\\s*:\\s*$");
    static final Pattern PASSWORD_PROMPT = Pattern.compile("(?i)password\\s*:\\s*$");
    static final Pattern PROMPT = Pattern.compile("(?i)((login|username|user name|user|password)\\s*:|[#$>%])\\s*$");
    static final Pattern FAILED = Pattern.compile("(?i)(incorrect|invalid|fail|denied|bad password|wrong|error)");
    static final Pattern SHELL = Pattern.compile("(?i)([#$>%]\\s*$|built-in shell|busybox|welcome|last login)");

    @Override
    public String name() {
        return "telnet";
    }

    @Override
    public Banner grab(Socket s, String host, int port) throws IOException {
        String text = read(s, PROMPT, 4000);
        Map<String, Object> d = new LinkedHashMap<>();
        boolean prompt = USER_PROMPT.matcher(text.stripTrailing() + " ").find() || PASSWORD_PROMPT.matcher(text).find()
                || USER_PROMPT.matcher(text).find();
        d.put("login_prompt", prompt);
        return new Banner(Wire.oneLine(text), d, prompt, prompt ? null : "no login prompt");
    }

    @Override
    public Outcome login(Socket s, String host, int port, String user, String password) throws IOException {
        String text = read(s, PROMPT, 4000);
        if (USER_PROMPT.matcher(text).find()) {
            send(s, user);
            text = read(s, PROMPT, 4000);
        }
        if (!PASSWORD_PROMPT.matcher(text).find()) {
            return Outcome.UNKNOWN;
        }
        send(s, password);
        String after = read(s, PROMPT, 5000);
        if (USER_PROMPT.matcher(after).find() || PASSWORD_PROMPT.matcher(after).find() || FAILED.matcher(after).find()) {
            return Outcome.FAILURE;
        }
        return SHELL.matcher(after).find() ? Outcome.SUCCESS : Outcome.UNKNOWN;
    }

    private static void send(Socket s, String line) throws IOException {
        OutputStream o = s.getOutputStream();
        o.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        o.flush();
    }

    /** Reads text, answering option negotiation with refusals, until {@code stop} matches or time runs out. */
    static String read(Socket s, Pattern stop, long millis) throws IOException {
        InputStream in = s.getInputStream();
        OutputStream out = s.getOutputStream();
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        long deadline = System.nanoTime() + millis * 1_000_000L;
        int original = s.getSoTimeout();
        int state = 0; // 0 data, 1 after IAC, 2 option byte of DO/DONT/WILL/WONT, 3 subnegotiation, 4 IAC in SB
        int verb = 0;
        try {
            while (text.size() < Wire.MAX_TEXT) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    break;
                }
                s.setSoTimeout((int) Math.max(1, left));
                int b;
                try {
                    b = in.read();
                } catch (SocketTimeoutException e) {
                    break;
                }
                if (b < 0) {
                    break;
                }
                switch (state) {
                    case 0 -> {
                        if (b == 255) {
                            state = 1;
                        } else if (b != 0) {
                            text.write(b);
                            if (in.available() == 0 && stop != null
                                    && stop.matcher(text.toString(StandardCharsets.ISO_8859_1)).find()) {
                                return text.toString(StandardCharsets.ISO_8859_1);
                            }
                        }
                    }
                    case 1 -> {
                        if (b >= 251 && b <= 254) {
                            verb = b;
                            state = 2;
                        } else if (b == 250) {
                            state = 3;
                        } else {
                            if (b == 255) {
                                text.write(255);
                            }
                            state = 0;
                        }
                    }
                    case 2 -> {
                        // DO x -> WONT x; WILL x -> DONT x; DONT/WONT need no answer
                        if (verb == 253) {
                            out.write(new byte[] {(byte) 255, (byte) 252, (byte) b});
                        } else if (verb == 251) {
                            out.write(new byte[] {(byte) 255, (byte) 254, (byte) b});
                        }
                        out.flush();
                        state = 0;
                    }
                    case 3 -> state = b == 255 ? 4 : 3;
                    default -> state = b == 240 ? 0 : 3;
                }
            }
        } finally {
            s.setSoTimeout(original);
        }
        return text.toString(StandardCharsets.ISO_8859_1);
    }
}
