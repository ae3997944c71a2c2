package dev.vigil.engine.net;

/**
 * An address block ("192.168.1.0/24", "fd00::/8").
 *
 * @param base the first address of the block
 * @param prefix prefix length in bits, counted in the address's own family (0..32 or 0..128)
 */
public record Cidr(Ip base, int prefix) {

    public Cidr {
        int max = base.isV4() ? 32 : 128;
        if (prefix < 0 || prefix > max) {
            throw new IllegalArgumentException("prefix /" + prefix + " out of range for " + base);
        }
    }

    public static Cidr parse(String text) {
        String s = text.trim();
        int slash = s.indexOf('/');
        Ip ip = Ip.parse(slash < 0 ? s : s.substring(0, slash));
        int max = ip.isV4() ? 32 : 128;
        int prefix;
        try {
            prefix = slash < 0 ? max : Integer.parseInt(s.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a CIDR block: " + text, e);
        }
        if (prefix < 0 || prefix > max) {
            throw new IllegalArgumentException("not a CIDR block: " + text);
        }
        return new Cidr(mask(ip, prefix), prefix);
    }

    /** The block of {@code prefix} bits around {@code ip}. */
    public static Cidr around(Ip ip, int prefix) {
        return new Cidr(mask(ip, prefix), prefix);
    }

    private static Ip mask(Ip ip, int prefix) {
        int bits = ip.isV4() ? prefix + 96 : prefix;
        long hiMask = bits >= 64 ? -1L : bits == 0 ? 0 : -1L << (64 - bits);
        long loMask = bits <= 64 ? 0 : bits >= 128 ? -1L : -1L << (128 - bits);
        return new Ip(ip.hi() & hiMask, ip.lo() & loMask);
    }

    public boolean contains(Ip ip) {
        if (ip.isV4() != base.isV4()) {
            return false;
        }
        return mask(ip, prefix).equals(base);
    }

    @Override
    public String toString() {
        return base + "/" + prefix;
    }
}
