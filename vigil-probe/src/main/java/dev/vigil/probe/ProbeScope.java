package dev.vigil.probe;

import dev.vigil.engine.net.Cidr;
import dev.vigil.engine.net.Ip;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the probe may act: the blocks the operator named with --scope, minus the passive-only ones
 * (OT ranges, medical devices) where it must never send anything. Scopes larger than
 * {@link #MAX_ADDRESSES} addresses per block, and the unspecified, multicast and broadcast
 * addresses, are refused outright.
 */
public final class ProbeScope {

    /** The largest IPv4 block accepted (a /16); IPv6 blocks must be /112 or smaller. */
    public static final long MAX_ADDRESSES = 65_536;

    /** Whether an address may be probed. */
    public enum Verdict {
        ALLOWED, OUT_OF_SCOPE, PASSIVE_ONLY
    }

    private final List<Cidr> scope;
    private final List<Cidr> passiveOnly;

    public ProbeScope(List<Cidr> scope, List<Cidr> passiveOnly) {
        if (scope.isEmpty()) {
            throw new IllegalArgumentException("an explicit --scope is required; the probe acts on nothing else");
        }
        for (Cidr c : scope) {
            if (size(c) > MAX_ADDRESSES) {
                throw new IllegalArgumentException("scope " + c + " is larger than " + MAX_ADDRESSES
                        + " addresses; name the blocks you own more precisely");
            }
        }
        this.scope = List.copyOf(scope);
        this.passiveOnly = List.copyOf(passiveOnly);
    }

    public static ProbeScope parse(List<String> scope, List<String> passiveOnly) {
        return new ProbeScope(scope.stream().map(ProbeScope::cidr).toList(),
                passiveOnly.stream().map(ProbeScope::cidr).toList());
    }

    private static Cidr cidr(String s) {
        try {
            return Cidr.parse(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + s + "' is not an address block (CIDR)");
        }
    }

    static long size(Cidr c) {
        int hostBits = (c.base().isV4() ? 32 : 128) - c.prefix();
        return hostBits >= 62 ? Long.MAX_VALUE : 1L << hostBits;
    }

    public Verdict check(Ip ip) {
        if (ip == null || ip.isUnspecified() || ip.isMulticast() || ip.isBroadcast()) {
            return Verdict.OUT_OF_SCOPE;
        }
        boolean in = false;
        for (Cidr c : scope) {
            if (c.contains(ip)) {
                in = true;
                break;
            }
        }
        if (!in) {
            return Verdict.OUT_OF_SCOPE;
        }
        for (Cidr c : passiveOnly) {
            if (c.contains(ip)) {
                return Verdict.PASSIVE_ONLY;
            }
        }
        return Verdict.ALLOWED;
    }

    /** Every host address of the scope (IPv4 network and broadcast addresses left out of blocks above /31). */
    public List<Ip> hosts() {
        List<Ip> out = new ArrayList<>();
        for (Cidr c : scope) {
            long n = size(c);
            for (long i = 0; i < n; i++) {
                if (c.base().isV4() && c.prefix() < 31 && (i == 0 || i == n - 1)) {
                    continue;
                }
                Ip ip = new Ip(c.base().hi(), c.base().lo() + i);
                if (!out.contains(ip)) {
                    out.add(ip);
                }
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "scope " + scope + (passiveOnly.isEmpty() ? "" : ", passive-only " + passiveOnly);
    }
}
