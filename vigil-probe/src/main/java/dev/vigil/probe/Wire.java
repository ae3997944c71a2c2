package dev.vigil.probe;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** Reading what a service says, bounded in size and time. */
final class Wire {

    static final int MAX_TEXT = 8192;

    private Wire() {
    }

    /** Reads until {@code stop} matches the text so far, the peer closes, the text is full, or time runs out. */
    static String readUntil(Socket s, Pattern stop, long millis) throws IOException {
        InputStream in = s.getInputStream();
        StringBuilder text = new StringBuilder();
        long deadline = System.nanoTime() + millis * 1_000_000L;
        byte[] buf = new byte[2048];
        int original = s.getSoTimeout();
        try {
            while (text.length() < MAX_TEXT) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    break;
                }
                s.setSoTimeout((int) Math.max(1, Math.min(left, original > 0 ? original : left)));
                int n;
                try {
                    n = in.read(buf);
                } catch (SocketTimeoutException e) {
                    break;
                }
                if (n < 0) {
                    break;
                }
                text.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                if (stop != null && stop.matcher(text).find()) {
                    break;
                }
            }
        } finally {
            s.setSoTimeout(original);
        }
        return text.toString();
    }

    static void write(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
    }

    /** Printable one-line form of a banner, at most 200 characters. */
    static String oneLine(String s) {
        String t = s.replaceAll("[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f]", "").replaceAll("\\s+", " ").trim();
        return t.length() > 200 ? t.substring(0, 199) + "…" : t;
    }
}
