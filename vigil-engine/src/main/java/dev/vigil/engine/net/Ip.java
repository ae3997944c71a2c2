package dev.vigil.engine.net;

/**
 * An IPv4 or IPv6 address as two longs. IPv4 is held IPv4-mapped ({@code ::ffff:a.b.c.d}, RFC 4291
 * §2.5.5.2) so that flow keys and maps treat both families the same way.
 *
 * @param hi the high 64 bits of the 128-bit address
 * @param lo the low 64 bits
 */
public record Ip(long hi, long lo) implements Comparable<Ip>, java.io.Serializable {

    /** High word of every IPv4-mapped address. */
    public static final long V4_HI = 0L;
    /** Mask of the low word's upper half that marks an IPv4-mapped address. */
    public static final long V4_MARK = 0x0000_ffff_0000_0000L;

    /** The unspecified IPv4 address 0.0.0.0. */
    public static final Ip V4_ANY = ofV4(0);
    /** The IPv4 limited broadcast 255.255.255.255. */
    public static final Ip V4_BROADCAST = ofV4(0xffffffff);

    public static Ip ofV4(int addr) {
        return new Ip(V4_HI, V4_MARK | (addr & 0xffffffffL));
    }

    /** The low word that {@link #ofV4} would store, for code that keeps addresses as longs. */
    public static long v4Lo(int addr) {
        return V4_MARK | (addr & 0xffffffffL);
    }

    public static boolean isV4(long hi, long lo) {
        return hi == V4_HI && (lo & 0xffff_ffff_0000_0000L) == V4_MARK;
    }

    public boolean isV4() {
        return isV4(hi, lo);
    }

    /** The IPv4 address as an int; only meaningful when {@link #isV4()}. */
    public int v4() {
        return (int) lo;
    }

    public static Ip ofBytes(byte[] b) {
        if (b.length == 4) {
            return ofV4(((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff));
        }
        if (b.length != 16) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + b.length);
        }
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 8; i++) {
            hi = (hi << 8) | (b[i] & 0xff);
            lo = (lo << 8) | (b[i + 8] & 0xff);
        }
        return new Ip(hi, lo);
    }

    /** A literal address, or null when the text is not one (never a name lookup). */
    public static Ip tryParse(String text) {
        try {
            return text == null ? null : parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Parses a literal address ("192.168.1.2", "fe80::1"); never does a name lookup ({@link IpLiteral}). */
    public static Ip parse(String text) {
        Ip ip = IpLiteral.parse(text.trim());
        if (ip == null) {
            throw new IllegalArgumentException("not an IP address: " + text);
        }
        return ip;
    }

    public byte[] toBytes() {
        if (isV4()) {
            int v = v4();
            return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
        }
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (hi >>> (56 - 8 * i));
            b[i + 8] = (byte) (lo >>> (56 - 8 * i));
        }
        return b;
    }

    public boolean isMulticast() {
        if (isV4()) {
            return (v4() >>> 28) == 0xe;
        }
        return (hi >>> 56) == 0xff;
    }

    public boolean isBroadcast() {
        return isV4() && v4() == 0xffffffff;
    }

    public boolean isUnspecified() {
        return isV4() ? v4() == 0 : hi == 0 && lo == 0;
    }

    public boolean isLoopback() {
        return isV4() ? (v4() >>> 24) == 127 : hi == 0 && lo == 1;
    }

    public boolean isLinkLocal() {
        if (isV4()) {
            return (v4() >>> 16) == 0xa9fe;
        }
        return (hi >>> 54) == (0xfe80L >>> 6);
    }

    /**
     * Private or otherwise non-global unicast: RFC 1918, RFC 6598 shared (CGNAT), link-local,
     * IPv6 unique-local (RFC 4193) and link-local. These are never Internet destinations.
     */
    public boolean isPrivate() {
        if (isV4()) {
            int v = v4();
            int a = v >>> 24;
            int b = (v >>> 16) & 0xff;
            return a == 10 || (a == 172 && b >= 16 && b <= 31) || (a == 192 && b == 168)
                    || (a == 100 && b >= 64 && b <= 127) || (a == 169 && b == 254);
        }
        long top = hi >>> 56;
        return (top & 0xfe) == 0xfc || isLinkLocal();
    }

    /** Unicast, not unspecified, not loopback, not broadcast. */
    public boolean isUnicastHost() {
        return !isMulticast() && !isBroadcast() && !isUnspecified() && !isLoopback();
    }

    // equals and hashCode written out, the same as a record's own (hashCode 31 × hi's + lo's): the
    // generated ones go through method handles, which the first JIT tier calls rather than inlines,
    // and addresses are the most used map key of the inventory and the detectors

    @Override
    public boolean equals(Object o) {
        return o instanceof Ip ip && ip.hi == hi && ip.lo == lo;
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(hi) + Long.hashCode(lo);
    }

    @Override
    public int compareTo(Ip o) {
        int c = Long.compareUnsigned(hi, o.hi);
        return c != 0 ? c : Long.compareUnsigned(lo, o.lo);
    }

    @Override
    public String toString() {
        if (isV4()) {
            int v = v4();
            return (v >>> 24) + "." + ((v >>> 16) & 0xff) + "." + ((v >>> 8) & 0xff) + "." + (v & 0xff);
        }
        return formatV6(hi, lo);
    }

    /** RFC 5952 text: lower case, longest run of zero groups compressed. */
    private static String formatV6(long hi, long lo) {
        int[] g = new int[8];
        for (int i = 0; i < 4; i++) {
            g[i] = (int) ((hi >>> (48 - 16 * i)) & 0xffff);
            g[i + 4] = (int) ((lo >>> (48 - 16 * i)) & 0xffff);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }
}
