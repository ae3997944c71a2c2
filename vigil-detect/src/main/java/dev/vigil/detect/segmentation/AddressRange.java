package dev.vigil.detect.segmentation;

import dev.vigil.engine.net.Cidr;
import dev.vigil.engine.net.Ip;

/**
 * A closed interval of addresses in the one 128-bit space where IPv4 lives IPv4-mapped
 * ({@code ::ffff:a.b.c.d}, as {@link Ip} holds it).
 *
 * @param first the lowest address
 * @param last the highest address, not below {@code first}
 */
public record AddressRange(Ip first, Ip last) {

    /** Every address, both families. */
    public static final AddressRange ALL = new AddressRange(new Ip(0, 0), new Ip(-1L, -1L));
    /** Every IPv4 address. */
    public static final AddressRange V4 = new AddressRange(Ip.ofV4(0), Ip.ofV4(0xffffffff));

    public AddressRange {
        if (first.compareTo(last) > 0) {
            throw new IllegalArgumentException("empty range " + first + "-" + last);
        }
    }

    public static AddressRange of(Ip ip) {
        return new AddressRange(ip, ip);
    }

    public static AddressRange of(Cidr c) {
        Ip base = c.base();
        int bits = base.isV4() ? c.prefix() + 96 : c.prefix();
        long hiHost = bits >= 64 ? 0 : bits == 0 ? -1L : -1L >>> bits;
        long loHost = bits <= 64 ? -1L : bits >= 128 ? 0 : -1L >>> (bits - 64);
        return new AddressRange(base, new Ip(base.hi() | hiHost, base.lo() | loHost));
    }

    public boolean contains(Ip ip) {
        return first.compareTo(ip) <= 0 && ip.compareTo(last) <= 0;
    }

    public boolean isV4() {
        return V4.contains(first) && V4.contains(last);
    }

    public boolean single() {
        return first.equals(last);
    }

    /** The part of this range in {@code other}, or null when they do not meet. */
    public AddressRange intersect(AddressRange other) {
        Ip lo = max(first, other.first);
        Ip hi = min(last, other.last);
        return lo.compareTo(hi) <= 0 ? new AddressRange(lo, hi) : null;
    }

    static Ip max(Ip a, Ip b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    static Ip min(Ip a, Ip b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** The address after {@code ip} (the caller makes sure there is one). */
    public static Ip next(Ip ip) {
        long lo = ip.lo() + 1;
        return new Ip(lo == 0 ? ip.hi() + 1 : ip.hi(), lo);
    }

    /** The address before {@code ip} (the caller makes sure there is one). */
    public static Ip prev(Ip ip) {
        long lo = ip.lo() - 1;
        return new Ip(ip.lo() == 0 ? ip.hi() - 1 : ip.hi(), lo);
    }

    @Override
    public String toString() {
        return single() ? first.toString() : first + "-" + last;
    }
}
