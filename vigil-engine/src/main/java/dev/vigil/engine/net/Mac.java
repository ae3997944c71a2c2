package dev.vigil.engine.net;

/**
 * A 48-bit IEEE 802 MAC address held in the low bits of a long.
 *
 * @param bits the address, most significant byte first (the OUI in bits 47..24)
 */
public record Mac(long bits) implements Comparable<Mac>, java.io.Serializable {

    /** Stands for "no layer-2 address was seen"; never a real address (it has bits above 47). */
    public static final long NONE = -1L;

    /** Written out, the same as a record's own (see {@link Ip#equals}). */
    @Override
    public boolean equals(Object o) {
        return o instanceof Mac m && m.bits == bits;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(bits);
    }

    public static Mac of(long bits) {
        return new Mac(bits & 0xffff_ffff_ffffL);
    }

    /** Reads six bytes at {@code off}. The caller has checked the bounds. */
    public static long read(byte[] b, int off) {
        return ((long) (b[off] & 0xff) << 40) | ((long) (b[off + 1] & 0xff) << 32)
                | ((long) (b[off + 2] & 0xff) << 24) | ((long) (b[off + 3] & 0xff) << 16)
                | ((long) (b[off + 4] & 0xff) << 8) | (b[off + 5] & 0xff);
    }

    /** Parses "aa:bb:cc:dd:ee:ff", "aa-bb-…", "aabb.ccdd.eeff", and one-digit groups ("0:e:f3:…"). */
    public static Mac parse(String text) {
        String s = text.trim();
        String[] parts = s.split("[:\\-]");
        long v = 0;
        if (parts.length == 6) {
            for (String p : parts) {
                if (p.isEmpty() || p.length() > 2) {
                    throw new IllegalArgumentException("not a MAC address: " + text);
                }
                v = (v << 8) | Integer.parseInt(p, 16);
            }
            return new Mac(v);
        }
        String hex = s.replace(".", "").replace(":", "").replace("-", "");
        if (hex.length() != 12) {
            throw new IllegalArgumentException("not a MAC address: " + text);
        }
        return new Mac(Long.parseLong(hex, 16));
    }

    public static boolean isGroup(long bits) {
        return (bits & 0x0100_0000_0000L) != 0;
    }

    /** Locally administered (the U/L bit): randomized phone MACs and virtual interfaces. */
    public static boolean isLocallyAdministered(long bits) {
        return (bits & 0x0200_0000_0000L) != 0;
    }

    /** A unicast station address that can name a device. */
    public static boolean isStation(long bits) {
        return bits != NONE && bits != 0 && !isGroup(bits);
    }

    public boolean isGroup() {
        return isGroup(bits);
    }

    public boolean isLocallyAdministered() {
        return isLocallyAdministered(bits);
    }

    public int oui() {
        return (int) (bits >>> 24);
    }

    public static String format(long bits) {
        char[] c = new char[17];
        for (int i = 0; i < 6; i++) {
            int b = (int) (bits >>> (40 - 8 * i)) & 0xff;
            c[i * 3] = HEX[b >>> 4];
            c[i * 3 + 1] = HEX[b & 0xf];
            if (i < 5) {
                c[i * 3 + 2] = ':';
            }
        }
        return new String(c);
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    @Override
    public int compareTo(Mac o) {
        return Long.compare(bits, o.bits);
    }

    @Override
    public String toString() {
        return format(bits);
    }
}
