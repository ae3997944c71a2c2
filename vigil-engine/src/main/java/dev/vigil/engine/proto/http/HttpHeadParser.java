package dev.vigil.engine.proto.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses a message head (RFC 9112 §2.1): start line, then "name: value" lines up to an empty
 * line. Bytes are read as ISO-8859-1, so nothing can fail to decode; at most {@link #MAX_HEADERS}
 * fields are kept.
 */
public final class HttpHeadParser {

    static final int MAX_HEADERS = 64;
    static final int MAX_VALUE = 2048;

    private HttpHeadParser() {
    }

    /** Parses {@code [off, off+len)}, which holds the head (the final empty line is optional). */
    public static HttpHead parse(byte[] b, int off, int len) {
        int end = off + len;
        int p = off;
        int lf = indexOf(b, p, end);
        String start = line(b, p, lf < 0 ? end : lf);
        p = lf < 0 ? end : lf + 1;
        Map<String, String> headers = new LinkedHashMap<>();
        String lastName = null;
        while (p < end) {
            lf = indexOf(b, p, end);
            int lineEnd = lf < 0 ? end : lf;
            String line = line(b, p, lineEnd);
            p = lf < 0 ? end : lf + 1;
            if (line.isEmpty()) {
                break;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && lastName != null) {
                String prev = headers.get(lastName);
                headers.put(lastName, cap(prev + " " + line.trim()));
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT);
            String value = cap(line.substring(colon + 1).trim());
            String prev = headers.get(name);
            if (prev != null) {
                headers.put(name, cap(prev + ", " + value));
            } else if (headers.size() < MAX_HEADERS) {
                headers.put(name, value);
            }
            lastName = name;
        }
        return new HttpHead(start, headers);
    }

    private static String cap(String s) {
        return s.length() > MAX_VALUE ? s.substring(0, MAX_VALUE) : s;
    }

    private static int indexOf(byte[] b, int from, int end) {
        for (int i = from; i < end; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static String line(byte[] b, int from, int to) {
        if (to > from && b[to - 1] == '\r') {
            to--;
        }
        StringBuilder sb = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            int c = b[i] & 0xff;
            sb.append(c >= 0x20 || c == '\t' ? (char) c : '?');
        }
        return sb.toString();
    }
}
