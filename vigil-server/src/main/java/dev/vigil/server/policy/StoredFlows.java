package dev.vigil.server.policy;

import dev.vigil.engine.flow.EndReason;
import dev.vigil.engine.flow.FlowEnded;
import dev.vigil.engine.flow.FlowMeta;
import dev.vigil.engine.flow.Transport;
import dev.vigil.engine.net.Ip;
import dev.vigil.engine.net.Mac;
import dev.vigil.store.policy.PolicyStore;
import java.util.ArrayList;
import java.util.List;

/**
 * The service's flows, summed per client, server, protocol and port, as the flows a simulation
 * judges: each one stands for its count, at the time of its first flow (a policy that changes with
 * time, an exception expiring, judges the sum by when it began).
 *
 * @param rows the rows, in the order of {@code flows}
 */
record StoredFlows(List<FlowEnded> flows, long[] weights, List<PolicyStore.FlowRow> rows) {

    static StoredFlows of(List<PolicyStore.FlowRow> rows) {
        List<FlowEnded> flows = new ArrayList<>(rows.size());
        List<PolicyStore.FlowRow> kept = new ArrayList<>(rows.size());
        long[] w = new long[rows.size()];
        for (PolicyStore.FlowRow r : rows) {
            Ip src = Ip.tryParse(r.src());
            Ip dst = Ip.tryParse(r.dst());
            if (src == null || dst == null) {
                continue;
            }
            Mac mac = null;
            if (r.srcMac() != null) {
                try {
                    mac = Mac.parse(r.srcMac());
                } catch (IllegalArgumentException e) {
                    mac = null;
                }
            }
            FlowMeta m = new FlowMeta(kept.size(), Transport.of(r.proto()), r.proto(), src, 0, dst, r.port(), mac, null, null);
            w[kept.size()] = r.flows();
            kept.add(r);
            flows.add(new FlowEnded(r.last() * 1_000_000L, m, EndReason.END_OF_INPUT, r.first() * 1_000_000L, r.flows(),
                    r.answered(), 0, 0, 0, 0, "", "", null, 0));
        }
        return new StoredFlows(flows, java.util.Arrays.copyOf(w, kept.size()), kept);
    }
}
