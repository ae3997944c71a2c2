package dev.vigil.detect.segmentation;

import dev.vigil.engine.net.Cidr;
import dev.vigil.engine.net.Ip;
import java.util.ArrayList;
import java.util.List;

/**
 * A named group of endpoints: those that pass every selector. A zone of subnets alone also holds
 * addresses of no device (a finance subnet, a server range); a zone that names device attributes
 * holds devices only.
 *
 * @param name the zone's name
 * @param selectors conditions, all of which must pass
 * @param line the line of the policy file that defines it
 */
public record Zone(String name, List<Selector> selectors, int line) {

    public Zone {
        selectors = List.copyOf(selectors);
    }

    public boolean contains(Subject s, Ip address) {
        for (Selector sel : selectors) {
            if (!sel.test(s, address)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The addresses of no device this zone holds, as ranges: none when a selector needs a device
     * attribute; else the subnets of its {@code subnet=} selectors (all addresses when it has
     * none), less those of its {@code subnet!=} selectors.
     */
    public List<AddressRange> anonymousRanges() {
        List<AddressRange> in = List.of(AddressRange.ALL);
        for (Selector sel : selectors) {
            if (sel.attribute() != Selector.Attribute.SUBNET) {
                if (!sel.negated()) {
                    return List.of();
                }
                continue;
            }
            List<AddressRange> blocks = new ArrayList<>();
            for (Cidr c : sel.blocks()) {
                blocks.add(AddressRange.of(c));
            }
            in = sel.negated() ? Ranges.subtract(in, blocks) : Ranges.intersect(in, blocks);
        }
        return in;
    }

    /** Whether membership waits for a stable classification. */
    public boolean classified() {
        return selectors.stream().anyMatch(s -> s.attribute().classified());
    }
}
