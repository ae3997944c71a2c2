package dev.vigil.detect.inventory;

import dev.vigil.engine.net.Cidr;
import java.util.List;

/**
 * What the inventory is told rather than learns.
 *
 * @param localNetworks address blocks of the monitored networks, in addition to the private
 *     ranges and what ARP, DHCP and neighbour discovery reveal
 * @param limits memory bounds
 * @param rules classification rules
 */
public record InventoryConfig(List<Cidr> localNetworks, InventoryLimits limits, Rules rules) {

    public static final InventoryConfig DEFAULT = new InventoryConfig(List.of(), InventoryLimits.DEFAULT,
            Rules.bundled());

    public InventoryConfig withLocalNetworks(List<Cidr> nets) {
        return new InventoryConfig(List.copyOf(nets), limits, rules);
    }
}
