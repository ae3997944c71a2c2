package dev.vigil.enforce.radius;

import dev.vigil.detect.segmentation.Policy;
import dev.vigil.detect.segmentation.PolicyContext;
import dev.vigil.detect.segmentation.Subject;
import dev.vigil.detect.segmentation.VlanPlan;

/** Where a MAC goes: the inventory device it belongs to and the VLAN its zone and tier give. */
@FunctionalInterface
public interface Placement {

    /**
     * @param device the inventory id, or null when the inventory does not know the MAC
     * @param assignment the VLAN and why, or null when the device is to be refused
     */
    record Placed(String device, VlanPlan.Assignment assignment) {
    }

    /** @param mac lower case with colons */
    Placed place(String mac);

    /** The policy's {@code vlan} statements over the devices of a context. */
    static Placement of(Policy policy, PolicyContext context) {
        return mac -> {
            Subject s = context.byMac(mac);
            return new Placed(s == null ? null : s.id(), policy.vlans().assign(policy, s));
        };
    }
}
