package dev.vigil.engine.proto.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses a message head (RFC 9112 §2.1): start line, then "name: value" lines up to an empty
 * line. Bytes are read as ISO-8859-1, so nothing can fail to decode; at most {@link #MAX_HEADERS}
 * fields are kept. {@link #parseKnown} keeps only the fields Vigil reads, without making strings
 * of the others (the fast path for HTTP, where heads are many).
 */
public final class HttpHeadParser {

    static final int MAX_HEADERS = 64;
    static final int MAX_VALUE = 2048;

    /** Header fields that identify software and devices, frame bodies, or carry credentials. */
    public static final java.util.Set<String> KNOWN = java.util.Set.of("host", "user-agent", "server", "content-type",
            "content-length", "transfer-encoding", "connection", "authorization", "proxy-authorization",
            "www-authenticate", "location", "x-powered-by", "cookie", "set-cookie", "referer", "via",
            "x-forwarded-for", "upgrade", "cseq", "content-encoding", "accept-language", "x-requested-with", "soapaction");

    /** Known names indexed by length, so a header line is compared with few candidates. */
    private static final byte[][][] KNOWN_BY_LENGTH = new byte[32][][];
    private static final String[][] NAMES_BY_LENGTH = new String[32][];

    static {
        for (String k : KNOWN.stream().sorted().toList()) {
            int n = k.length();
            byte[][] old = KNOWN_BY_LENGTH[n];
            String[] oldNames = NAMES_BY_LENGTH[n];
            int size = old == null ? 0 : old.length;
            byte[][] grown = new byte[size + 1][];
            String[] grownNames = new String[size + 1];
            if (old != null) {
                System.arraycopy(old, 0, grown, 0, size);
                System.arraycopy(oldNames, 0, grownNames, 0, size);
            }
            grown[size] = k.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            grownNames[size] = k;
            KNOWN_BY_LENGTH[n] = grown;
            NAMES_BY_LENGTH[n] = grownNames;
        }
    }

    private HttpHeadParser() {
    }

    /** Parses a head keeping only the {@link #KNOWN} fields. */
    public static HttpHead parseKnown(byte[] b, int off, int len) {
        int end = off + len;
        int lf = indexOf(b, off, end);
        String start = line(b, off, lf < 0 ? end : lf);
        int p = lf < 0 ? end : lf + 1;
        Map<String, String> headers = new LinkedHashMap<>(8);
        while (p < end) {
            lf = indexOf(b, p, end);
            int lineEnd = lf < 0 ? end : lf;
            int next = lf < 0 ? end : lf + 1;
            int contentEnd = lineEnd > p && b[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
            if (contentEnd == p) {
                break;
            }
            int colon = -1;
            for (int i = p; i < contentEnd; i++) {
                if (b[i] == ':') {
                    colon = i;
                    break;
                }
            }
            if (colon > p && b[p] != ' ' && b[p] != '\t') {
                String name = known(b, p, colon);
                if (name != null) {
                    int v = colon + 1;
                    while (v < contentEnd && (b[v] == ' ' || b[v] == '\t')) {
                        v++;
                    }
                    int ve = contentEnd;
                    while (ve > v && (b[ve - 1] == ' ' || b[ve - 1] == '\t')) {
                        ve--;
                    }
                    String value = line(b, v, Math.min(ve, v + MAX_VALUE));
                    String prev = headers.get(name);
                    headers.put(name, prev == null ? value : cap(prev + ", " + value));
                }
            }
            p = next;
        }
        return new HttpHead(start, headers);
    }

    /** The canonical known header name spelled by {@code b[from, to)} (any case), or null. */
    private static String known(byte[] b, int from, int to) {
        int n = to - from;
        while (n > 0 && (b[from + n - 1] == ' ' || b[from + n - 1] == '\t')) {
            n--;
        }
        if (n >= KNOWN_BY_LENGTH.length || KNOWN_BY_LENGTH[n] == null) {
            return null;
        }
        byte[][] candidates = KNOWN_BY_LENGTH[n];
        outer:
        for (int k = 0; k < candidates.length; k++) {
            byte[] name = candidates[k];
            for (int i = 0; i < n; i++) {
                int c = b[from + i];
                if (c >= 'A' && c <= 'Z') {
                    c += 32;
                }
                if (c != name[i]) {
                    continue outer;
                }
            }
            return NAMES_BY_LENGTH[n][k];
        }
        return null;
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
        boolean plain = true;
        for (int i = from; i < to; i++) {
            if (b[i] < 0x20 && b[i] != '\t') {
                plain = false;
                break;
            }
        }
        if (plain) {
            return new String(b, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        StringBuilder sb = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            int c = b[i] & 0xff;
            sb.append(c >= 0x20 || c == '\t' ? (char) c : '?');
        }
        return sb.toString();
    }
}
