package dev.vigil.detect.inventory;

import dev.vigil.engine.net.Mac;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Who held an address when. The stations an address was bound to (ARP, DHCP, neighbour discovery,
 * LLDP, CDP) or sent from, other than routers, are its candidate holders; candidates whose times of
 * use overlap share one tenancy (a VM and its host, a spoofer and its victim: the holder is the one
 * bound last, else the one that sent most), and candidates one after the other are separate
 * tenancies: a lease that went to another device, or two captures years apart in which two devices
 * used one address. What was seen of the address without a candidate's MAC (routed traffic, flow
 * logs without layer 2) goes to the tenancy of its time.
 */
final class AddressOwners {

    /**
     * One tenancy: the holder (a MAC) and the states of the address it takes, or no holder
     * ({@link Mac#NONE}) for what nobody on the link held.
     */
    record Tenancy(long owner, List<AddressState> states) {
    }

    private AddressOwners() {
    }

    /**
     * The tenancies of one address.
     *
     * @param head the address's first state (its chain holds the rest)
     * @param local the address is on the monitored networks
     * @param anyLocal the input shows local addresses at all (else stations own their public addresses)
     * @param routers stations that forward for other networks (they own only what is bound to them)
     */
    static List<Tenancy> of(AddressState head, boolean local, boolean anyLocal, Set<Long> routers) {
        List<AddressState> chain = head.chain();
        boolean ownable = local || !anyLocal;
        List<AddressState> candidates = new ArrayList<>();
        for (AddressState a : chain) {
            if (a.mac != Mac.NONE && (a.bound || ownable && !routers.contains(a.mac) && (a.source || a.addressed > 0))) {
                candidates.add(a);
            }
        }
        candidates.sort(Comparator.comparingLong((AddressState a) -> a.firstSeen).thenComparingLong(a -> a.mac));
        boolean anySent = chain.stream().anyMatch(a -> a.source);
        List<Tenancy> out = new ArrayList<>();
        List<AddressState> group = new ArrayList<>();
        long groupEnd = Long.MIN_VALUE;
        for (AddressState a : candidates) {
            if (!group.isEmpty() && a.firstSeen > groupEnd) {
                out.add(new Tenancy(holder(group, anySent), group));
                group = new ArrayList<>();
            }
            group.add(a);
            groupEnd = Math.max(groupEnd, a.lastSeen);
        }
        if (!group.isEmpty()) {
            out.add(new Tenancy(holder(group, anySent), group));
        }
        List<Tenancy> held = new ArrayList<>();
        List<AddressState> unheld = new ArrayList<>();
        for (Tenancy t : out) {
            if (t.owner() != Mac.NONE) {
                held.add(t);
            } else {
                unheld.addAll(t.states());
            }
        }
        for (AddressState a : chain) {
            if (!candidates.contains(a)) {
                unheld.add(a);
            }
        }
        // what no holder's MAC carried belongs to the holder of its time
        List<AddressState> nobody = new ArrayList<>();
        for (AddressState a : unheld) {
            Tenancy t = held.isEmpty() ? null : nearest(held, a);
            if (t != null) {
                t.states().add(a);
            } else {
                nobody.add(a);
            }
        }
        if (!nobody.isEmpty()) {
            held.add(new Tenancy(Mac.NONE, nobody));
        }
        return held;
    }

    /**
     * The holder of overlapping candidates: the one bound last; else the one that sent most (ties to
     * the lower MAC); else, when nothing was ever sent from the address, the one most sent to.
     */
    private static long holder(List<AddressState> group, boolean anySent) {
        AddressState best = null;
        for (AddressState a : group) {
            if (a.bound && (best == null || a.boundAt > best.boundAt)) {
                best = a;
            }
        }
        if (best != null) {
            return best.mac;
        }
        for (AddressState a : group) {
            if (a.source && (best == null || a.sent > best.sent || a.sent == best.sent && a.mac < best.mac)) {
                best = a;
            }
        }
        if (best == null && !anySent) {
            for (AddressState a : group) {
                if (best == null || a.addressed > best.addressed || a.addressed == best.addressed && a.mac < best.mac) {
                    best = a;
                }
            }
        }
        return best == null ? Mac.NONE : best.mac;
    }

    /** The tenancy whose time of use holds (or is closest to) the state's. */
    private static Tenancy nearest(List<Tenancy> held, AddressState a) {
        if (held.size() == 1) {
            return held.get(0);
        }
        long mid = a.firstSeen == Long.MAX_VALUE ? Long.MIN_VALUE : a.firstSeen / 2 + a.lastSeen / 2;
        Tenancy best = null;
        long bestGap = Long.MAX_VALUE;
        for (Tenancy t : held) {
            long from = Long.MAX_VALUE;
            long to = Long.MIN_VALUE;
            for (AddressState s : t.states()) {
                from = Math.min(from, s.firstSeen);
                to = Math.max(to, s.lastSeen);
            }
            long gap = mid == Long.MIN_VALUE ? 0 : mid < from ? from - mid : mid > to ? mid - to : 0;
            if (gap < bestGap) {
                best = t;
                bestGap = gap;
            }
        }
        return best;
    }

    /** The state of an address in use at {@code ts}: a station's whose time of use holds it, else the nearest. */
    static AddressState at(AddressState head, long ts) {
        AddressState best = null;
        long bestGap = Long.MAX_VALUE;
        for (AddressState a = head; a != null; a = a.next) {
            long gap = a.firstSeen == Long.MAX_VALUE ? Long.MAX_VALUE - 1
                    : ts < a.firstSeen ? a.firstSeen - ts : ts > a.lastSeen ? ts - a.lastSeen : 0;
            if (gap < bestGap || gap == bestGap && best != null && best.mac == Mac.NONE && a.mac != Mac.NONE) {
                best = a;
                bestGap = gap;
            }
        }
        return best;
    }
}
