package dev.vigil.engine.proto.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What the fields of an HTTP message say, read without trusting them: versions and status codes
 * (RFC 9112 §2.3, §4), Content-Length (RFC 9110 §8.6: a list of equal values is one), chunk sizes
 * (RFC 9112 §7.1), Basic and Digest credentials (RFC 7617, RFC 7616), the HTML title. Anything that
 * does not parse is null or -1, never an exception.
 */
final class HttpFields {

    private HttpFields() {
    }

    static boolean isVersion(String v) {
        return v.startsWith("HTTP/") || v.startsWith("RTSP/");
    }

    static int parseStatus(String s) {
        if (s.length() != 3) {
            return -1;
        }
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static Long length(Map<String, String> h) {
        String v = h.get("content-length");
        if (v == null) {
            return null;
        }
        int comma = v.indexOf(',');
        try {
            long n = Long.parseLong((comma < 0 ? v : v.substring(0, comma)).trim());
            return n < 0 ? null : n;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static long chunkSize(byte[] b, int from, int lf) {
        long size = 0;
        int digits = 0;
        for (int i = from; i < lf; i++) {
            int c = b[i] & 0xff;
            int d = Character.digit(c, 16);
            if (d < 0) {
                if (c == ';' || c == ' ' || c == '\t' || c == '\r') {
                    break;
                }
                return -1;
            }
            if (++digits > 15) {
                return -1;
            }
            size = size * 16 + d;
        }
        return digits == 0 ? -1 : size;
    }

    static String basic(String param) {
        try {
            return new String(Base64.getDecoder().decode(param.trim()), StandardCharsets.ISO_8859_1);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String digestParam(String param, String name) {
        for (String part : param.split(",")) {
            String t = part.trim();
            int eq = t.indexOf('=');
            if (eq > 0 && t.substring(0, eq).trim().equalsIgnoreCase(name)) {
                String v = t.substring(eq + 1).trim();
                return v.startsWith("\"") && v.endsWith("\"") && v.length() >= 2 ? v.substring(1, v.length() - 1) : v;
            }
        }
        return null;
    }

    static Map<String, String> redacted(Map<String, String> h) {
        if (!h.containsKey("authorization") && !h.containsKey("proxy-authorization") && !h.containsKey("cookie")
                && !h.containsKey("set-cookie")) {
            return h;
        }
        Map<String, String> m = new LinkedHashMap<>(h);
        m.replaceAll((k, v) -> k.equals("authorization") || k.equals("proxy-authorization") || k.equals("cookie")
                || k.equals("set-cookie") ? "(redacted)" : v);
        return m;
    }

    static String title(String html) {
        String lower = html.toLowerCase(Locale.ROOT);
        int t = lower.indexOf("<title");
        if (t < 0) {
            return null;
        }
        int gt = lower.indexOf('>', t);
        int close = lower.indexOf("</title", gt + 1);
        if (gt < 0 || close < 0) {
            return null;
        }
        String s = html.substring(gt + 1, close).replaceAll("\\s+", " ").trim();
        return s.isEmpty() ? null : s.length() > 200 ? s.substring(0, 200) : s;
    }
}
