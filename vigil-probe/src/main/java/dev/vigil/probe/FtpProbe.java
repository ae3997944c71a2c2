package dev.vigil.probe;

import java.io.IOException;
import java.net.Socket;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** FTP (RFC 959): the 220 greeting; USER/PASS, 230 is success and 530 failure. */
final class FtpProbe implements ServiceProbe {

    private static final Pattern REPLY_END = Pattern.compile("(?m)^\\d{3} [^\\r\\n]*\\r?\\n");

    @Override
    public String name() {
        return "ftp";
    }

    @Override
    public Banner grab(Socket s, String host, int port) throws IOException {
        String text = Wire.readUntil(s, REPLY_END, 4000);
        Map<String, Object> d = new LinkedHashMap<>();
        boolean ready = text.startsWith("220");
        if (ready) {
            Wire.write(s, "QUIT\r\n");
        }
        return new Banner(Wire.oneLine(text), d, ready, ready ? null : "no 220 greeting");
    }

    @Override
    public Outcome login(Socket s, String host, int port, String user, String password) throws IOException {
        if (!Wire.readUntil(s, REPLY_END, 4000).startsWith("220")) {
            return Outcome.UNKNOWN;
        }
        Wire.write(s, "USER " + user + "\r\n");
        String r = last(Wire.readUntil(s, REPLY_END, 4000));
        if (r.startsWith("230")) {
            return Outcome.SUCCESS;
        }
        if (!r.startsWith("331")) {
            return r.startsWith("5") ? Outcome.FAILURE : Outcome.UNKNOWN;
        }
        Wire.write(s, "PASS " + password + "\r\n");
        r = last(Wire.readUntil(s, REPLY_END, 5000));
        Wire.write(s, "QUIT\r\n");
        return r.startsWith("230") ? Outcome.SUCCESS : r.startsWith("5") ? Outcome.FAILURE : Outcome.UNKNOWN;
    }

    private static String last(String reply) {
        String[] lines = reply.split("\\r?\\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            if (lines[i].length() >= 4 && lines[i].charAt(3) == ' ') {
                return lines[i];
            }
        }
        return reply;
    }
}
