package dev.vigil.detect.segmentation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Set operations on lists of address ranges; results are sorted, disjoint and merged. */
public final class Ranges {

    private Ranges() {
    }

    /** Sorts and merges overlapping or adjacent ranges. */
    public static List<AddressRange> normal(List<AddressRange> ranges) {
        List<AddressRange> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparing(AddressRange::first));
        List<AddressRange> out = new ArrayList<>();
        for (AddressRange r : sorted) {
            if (!out.isEmpty()) {
                AddressRange last = out.get(out.size() - 1);
                boolean touches = last.last().equals(AddressRange.ALL.last())
                        || r.first().compareTo(AddressRange.next(last.last())) <= 0;
                if (touches) {
                    out.set(out.size() - 1, new AddressRange(last.first(), AddressRange.max(last.last(), r.last())));
                    continue;
                }
            }
            out.add(r);
        }
        return out;
    }

    public static List<AddressRange> intersect(List<AddressRange> a, List<AddressRange> b) {
        List<AddressRange> out = new ArrayList<>();
        for (AddressRange x : a) {
            for (AddressRange y : b) {
                AddressRange i = x.intersect(y);
                if (i != null) {
                    out.add(i);
                }
            }
        }
        return normal(out);
    }

    public static List<AddressRange> subtract(List<AddressRange> a, List<AddressRange> b) {
        List<AddressRange> cur = normal(a);
        for (AddressRange y : normal(b)) {
            List<AddressRange> next = new ArrayList<>();
            for (AddressRange x : cur) {
                if (x.intersect(y) == null) {
                    next.add(x);
                    continue;
                }
                if (x.first().compareTo(y.first()) < 0) {
                    next.add(new AddressRange(x.first(), AddressRange.prev(y.first())));
                }
                if (x.last().compareTo(y.last()) > 0) {
                    next.add(new AddressRange(AddressRange.next(y.last()), x.last()));
                }
            }
            cur = next;
        }
        return cur;
    }

    public static boolean contains(List<AddressRange> ranges, dev.vigil.engine.net.Ip ip) {
        for (AddressRange r : ranges) {
            if (r.contains(ip)) {
                return true;
            }
        }
        return false;
    }
}
