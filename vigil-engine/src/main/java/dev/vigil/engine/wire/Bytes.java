package dev.vigil.engine.wire;

import java.nio.charset.StandardCharsets;

/**
 * Unchecked big- and little-endian reads for the packet decoder, which checks a header's length
 * once and then reads its fields. Everything else goes through {@link WireReader}.
 */
public final class Bytes {

    private Bytes() {
    }

    public static int u8(byte[] b, int off) {
        return b[off] & 0xff;
    }

    public static int u16(byte[] b, int off) {
        return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
    }

    public static int u16le(byte[] b, int off) {
        return (b[off] & 0xff) | ((b[off + 1] & 0xff) << 8);
    }

    public static int i32(byte[] b, int off) {
        return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
    }

    public static int i32le(byte[] b, int off) {
        return (b[off] & 0xff) | ((b[off + 1] & 0xff) << 8) | ((b[off + 2] & 0xff) << 16) | ((b[off + 3] & 0xff) << 24);
    }

    public static long u32(byte[] b, int off) {
        return i32(b, off) & 0xffffffffL;
    }

    public static long i64(byte[] b, int off) {
        return ((long) i32(b, off) << 32) | (i32(b, off + 4) & 0xffffffffL);
    }

    /** True when {@code b[off..off+prefix.length)} equals {@code prefix}, ASCII case-insensitively. */
    public static boolean startsWithIgnoreCase(byte[] b, int off, int len, String prefix) {
        int n = prefix.length();
        if (len < n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            int c = b[off + i] & 0xff;
            int p = prefix.charAt(i);
            if (c != p && toLower(c) != toLower(p)) {
                return false;
            }
        }
        return true;
    }

    public static boolean startsWith(byte[] b, int off, int len, String prefix) {
        int n = prefix.length();
        if (len < n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if ((b[off + i] & 0xff) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int toLower(int c) {
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }

    /** Index of the first {@code \r\n\r\n} (or {@code \n\n}) in the slice, or -1; returns the index after it. */
    public static int endOfHeaders(byte[] b, int off, int len) {
        int end = off + len;
        for (int i = off; i < end; i++) {
            if (b[i] == '\n') {
                if (i + 1 < end && b[i + 1] == '\n') {
                    return i + 2;
                }
                if (i + 2 < end && b[i + 1] == '\r' && b[i + 2] == '\n') {
                    return i + 3;
                }
            }
        }
        return -1;
    }

    /** Index of the next {@code \n} at or after {@code from}, or -1. */
    public static int indexOfLf(byte[] b, int from, int end) {
        for (int i = from; i < end; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /**
     * A hash of {@code [off, off+len)} spread over its low bits, for direct-mapped caches of wire
     * bytes ({@code hash & (slots - 1)}); the cache compares the bytes themselves on a hit.
     */
    public static int hash(byte[] b, int off, int len) {
        int h = len;
        for (int i = off, end = off + len; i < end; i++) {
            h = 31 * h + b[i];
        }
        return h ^ (h >>> 16);
    }

    public static String latin1(byte[] b, int off, int len) {
        return new String(b, off, len, StandardCharsets.ISO_8859_1);
    }

    /**
     * A counted or fixed-size text field as people read it (CDP, industrial identity replies): stops
     * at the first NUL, control characters become a space, runs of spaces one, bytes past ASCII '?',
     * trimmed; null when nothing is left.
     */
    public static String text(byte[] b, int off, int len) {
        StringBuilder sb = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            int c = b[off + i] & 0xff;
            if (c == 0) {
                break;
            }
            if (c <= ' ' || c == 0x7f) {
                if (!sb.isEmpty() && sb.charAt(sb.length() - 1) != ' ') {
                    sb.append(' ');
                }
            } else {
                sb.append(c < 0x7f ? (char) c : '?');
            }
        }
        int n = sb.length();
        if (n > 0 && sb.charAt(n - 1) == ' ') {
            sb.setLength(n - 1);
        }
        return sb.isEmpty() ? null : sb.toString();
    }

    /** Printable ASCII share of a slice (tab, CR, LF count as printable). */
    public static boolean mostlyPrintable(byte[] b, int off, int len, double share) {
        if (len == 0) {
            return false;
        }
        int printable = 0;
        for (int i = off; i < off + len; i++) {
            int c = b[i] & 0xff;
            if ((c >= 0x20 && c < 0x7f) || c == '\r' || c == '\n' || c == '\t') {
                printable++;
            }
        }
        return printable >= share * len;
    }

    public static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length * 2);
        for (byte x : b) {
            sb.append(Character.forDigit((x >>> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
        }
        return sb.toString();
    }
}
