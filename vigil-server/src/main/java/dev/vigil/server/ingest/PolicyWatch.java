package dev.vigil.server.ingest;

import dev.vigil.detect.findings.Finding;
import dev.vigil.detect.segmentation.DnsAnswer;
import dev.vigil.engine.flow.FlowEnded;
import dev.vigil.engine.net.Ip;
import dev.vigil.store.policy.PolicyStore;
import java.util.List;

/**
 * What the segmentation service takes from each window: its flows as a policy judges them, the DNS
 * answers seen (so rules on names follow the addresses), and one by one the flows of the addresses it
 * is checking a quarantine of. Before a window is committed it may add findings to it
 * ({@code policy.violation}, {@code enforcement.failed}), committed and assessed with the rest.
 */
public interface PolicyWatch {

    /** No policy service: nothing is watched or added. */
    PolicyWatch NONE = new PolicyWatch() {
        @Override
        public boolean watches(Ip ip) {
            return false;
        }

        @Override
        public boolean wantsAnswers() {
            return false;
        }

        @Override
        public void answers(List<DnsAnswer> answers, Ip from) {
        }

        @Override
        public List<Finding> judge(List<dev.vigil.detect.inventory.Device> devices, List<PolicyStore.FlowRow> flows,
                List<FlowEnded> watched, long windowEnd) {
            return List.of();
        }
    };

    /** Whether this address's flows are wanted one by one (called for every flow ending; must not allocate). */
    boolean watches(Ip ip);

    /** Whether DNS answers are wanted. */
    boolean wantsAnswers();

    /** DNS answers a window saw as it reads them, and the server that gave them. */
    void answers(List<DnsAnswer> answers, Ip from);

    /**
     * A window about to be committed.
     *
     * @param devices the devices the window saw (not in the store yet)
     * @param flows its flows summed per client, server, protocol and port
     * @param watched the flows of watched addresses, one by one
     * @param windowEnd its last packet's time (epoch ns)
     * @return findings to commit with the window
     */
    List<Finding> judge(List<dev.vigil.detect.inventory.Device> devices, List<PolicyStore.FlowRow> flows, List<FlowEnded> watched,
            long windowEnd);
}
