package dev.vigil.engine.net;

/**
 * Reads IP address literals, and nothing else: IPv4 dotted quads (four decimal parts of at most
 * three digits, each at most 255) and IPv6 text (RFC 4291 §2.2: eight groups of one to four hex
 * digits, at most one "::", an IPv4 tail in the last 32 bits). Unlike {@code InetAddress.getByName}
 * it never asks a resolver about text that is not a literal ({@code 999.1.1.1}, {@code zz:zz}),
 * takes no BSD shorthand ({@code 1.2.3}) and no zone ({@code fe80::1%eth0}): text from packets and
 * logs must not make Vigil send DNS queries.
 */
final class IpLiteral {

    private IpLiteral() {
    }

    /** The address, or null when the text is not a literal. */
    static Ip parse(String s) {
        if (s.isEmpty() || s.length() > 45) {
            return null;
        }
        if (s.indexOf(':') < 0) {
            long v4 = v4(s);
            return v4 < 0 ? null : Ip.ofV4((int) v4);
        }
        return v6(s);
    }

    /** A dotted quad as an unsigned 32-bit value, or -1. */
    private static long v4(String s) {
        long v = 0;
        int parts = 0;
        int i = 0;
        int n = s.length();
        while (i <= n) {
            int start = i;
            int part = 0;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9' && i - start < 3) {
                part = part * 10 + (s.charAt(i) - '0');
                i++;
            }
            if (i == start || part > 255 || ++parts > 4) {
                return -1;
            }
            v = (v << 8) | part;
            if (i == n) {
                break;
            }
            if (s.charAt(i) != '.') {
                return -1;
            }
            i++;
        }
        return parts == 4 ? v : -1;
    }

    private static Ip v6(String s) {
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        int[] head = new int[8];
        int[] tail = new int[8];
        int h = gap < 0 ? groups(s, head) : gap == 0 ? 0 : groups(s.substring(0, gap), head);
        int t = gap < 0 ? 0 : gap + 2 == s.length() ? 0 : groups(s.substring(gap + 2), tail);
        if (h < 0 || t < 0 || (gap < 0 ? h != 8 : h + t > 7)) {
            return null;
        }
        int[] g = new int[8];
        System.arraycopy(head, 0, g, 0, h);
        System.arraycopy(tail, 0, g, 8 - t, t);
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 4; i++) {
            hi = (hi << 16) | g[i];
            lo = (lo << 16) | g[i + 4];
        }
        return new Ip(hi, lo);
    }

    /**
     * Reads colon-separated groups (the last may be a dotted quad, which counts as two) into
     * {@code out}; returns how many, or -1 when one is not a group.
     */
    private static int groups(String s, int[] out) {
        int n = 0;
        int start = 0;
        while (true) {
            int colon = s.indexOf(':', start);
            String part = colon < 0 ? s.substring(start) : s.substring(start, colon);
            if (colon < 0 && part.indexOf('.') >= 0) {
                long v4 = v4(part);
                if (v4 < 0 || n > 6) {
                    return -1;
                }
                out[n++] = (int) (v4 >>> 16);
                out[n++] = (int) (v4 & 0xffff);
                return n;
            }
            if (part.isEmpty() || part.length() > 4 || n == 8) {
                return -1;
            }
            int v = 0;
            for (int i = 0; i < part.length(); i++) {
                int d = Character.digit(part.charAt(i), 16);
                if (d < 0) {
                    return -1;
                }
                v = (v << 4) | d;
            }
            out[n++] = v;
            if (colon < 0) {
                return n;
            }
            start = colon + 1;
        }
    }
}
