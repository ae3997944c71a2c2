package dev.vigil.detect.segmentation;

import dev.vigil.engine.net.Ip;
import java.util.ArrayList;
import java.util.List;

/**
 * A region of flows: source addresses × destination addresses × IP protocols × destination ports,
 * each a closed interval. Regions of a compiled policy are lists of disjoint boxes, which is what
 * an interval set of concatenations (nftables' {@code ip saddr . ip daddr . meta l4proto . th dport})
 * holds.
 */
public record Box(AddressRange src, AddressRange dst, int protoLo, int protoHi, int portLo, int portHi) {

    public Box {
        if (protoLo > protoHi || portLo > portHi) {
            throw new IllegalArgumentException("empty box");
        }
    }

    public static Box of(AddressRange src, AddressRange dst, Service s) {
        return new Box(src, dst, s.protoLo(), s.protoHi(), s.portLo(), s.portHi());
    }

    public boolean contains(Ip s, Ip d, int proto, int port) {
        return src.contains(s) && dst.contains(d) && proto >= protoLo && proto <= protoHi && port >= portLo
                && port <= portHi;
    }

    /** The common part, or null. */
    public Box intersect(Box o) {
        AddressRange s = src.intersect(o.src);
        AddressRange d = s == null ? null : dst.intersect(o.dst);
        int pl = Math.max(protoLo, o.protoLo);
        int ph = Math.min(protoHi, o.protoHi);
        int ql = Math.max(portLo, o.portLo);
        int qh = Math.min(portHi, o.portHi);
        if (d == null || pl > ph || ql > qh) {
            return null;
        }
        return new Box(s, d, pl, ph, ql, qh);
    }

    /** This box less another, as at most eight disjoint boxes. */
    public List<Box> minus(Box o) {
        Box i = intersect(o);
        if (i == null) {
            return List.of(this);
        }
        List<Box> out = new ArrayList<>(8);
        // peel off, one dimension at a time, what lies outside the intersection
        AddressRange s = src;
        if (s.first().compareTo(i.src.first()) < 0) {
            out.add(new Box(new AddressRange(s.first(), AddressRange.prev(i.src.first())), dst, protoLo, protoHi, portLo, portHi));
        }
        if (s.last().compareTo(i.src.last()) > 0) {
            out.add(new Box(new AddressRange(AddressRange.next(i.src.last()), s.last()), dst, protoLo, protoHi, portLo, portHi));
        }
        AddressRange d = dst;
        if (d.first().compareTo(i.dst.first()) < 0) {
            out.add(new Box(i.src, new AddressRange(d.first(), AddressRange.prev(i.dst.first())), protoLo, protoHi, portLo, portHi));
        }
        if (d.last().compareTo(i.dst.last()) > 0) {
            out.add(new Box(i.src, new AddressRange(AddressRange.next(i.dst.last()), d.last()), protoLo, protoHi, portLo, portHi));
        }
        if (protoLo < i.protoLo) {
            out.add(new Box(i.src, i.dst, protoLo, i.protoLo - 1, portLo, portHi));
        }
        if (protoHi > i.protoHi) {
            out.add(new Box(i.src, i.dst, i.protoHi + 1, protoHi, portLo, portHi));
        }
        if (portLo < i.portLo) {
            out.add(new Box(i.src, i.dst, i.protoLo, i.protoHi, portLo, i.portLo - 1));
        }
        if (portHi > i.portHi) {
            out.add(new Box(i.src, i.dst, i.protoLo, i.protoHi, i.portHi + 1, portHi));
        }
        return out;
    }

    /** Whether the boxes share a flow (no allocation: the hot test of {@link #subtract}). */
    public boolean overlaps(Box o) {
        return protoLo <= o.protoHi && o.protoLo <= protoHi && portLo <= o.portHi && o.portLo <= portHi
                && src.first().compareTo(o.src.last()) <= 0 && o.src.first().compareTo(src.last()) <= 0
                && dst.first().compareTo(o.dst.last()) <= 0 && o.dst.first().compareTo(dst.last()) <= 0;
    }

    /** {@code boxes} less every box of {@code taken}. */
    public static List<Box> subtract(List<Box> boxes, List<Box> taken) {
        List<Box> cur = boxes;
        for (Box t : taken) {
            boolean any = false;
            for (Box b : cur) {
                if (b.overlaps(t)) {
                    any = true;
                    break;
                }
            }
            if (!any) {
                continue;
            }
            List<Box> next = new ArrayList<>(cur.size());
            for (Box b : cur) {
                next.addAll(b.minus(t));
            }
            cur = next;
            if (cur.isEmpty()) {
                break;
            }
        }
        return cur;
    }
}
