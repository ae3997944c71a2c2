package dev.vigil.server.policy;

import dev.vigil.detect.segmentation.Observations;
import dev.vigil.detect.segmentation.PolicyException;
import dev.vigil.detect.segmentation.mud.LearnedPolicy;
import dev.vigil.detect.segmentation.mud.MudJson;
import dev.vigil.detect.segmentation.mud.MudLearner;
import dev.vigil.engine.event.EventJson;
import dev.vigil.engine.flow.FlowEnded;
import dev.vigil.store.Stores;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Least privilege learned from what the service stored: its flows (each stored sum counted as its
 * flows in the evidence), the inventory, and the DNS answers its windows saw since it started (so
 * destinations are named where an answer explains them). The same learner and policy form as
 * {@code vigil policy learn}.
 */
public final class StoreLearning {

    /**
     * A learned draft.
     *
     * @param mud each device's RFC 8520 file, by device id
     * @param models model files learned
     * @param flows the flows learned from
     */
    public record Learned(Segmentation.Submitted draft, Map<String, String> mud, int models, long flows) {
    }

    private StoreLearning() {
    }

    /**
     * @param sinceMillis the period's start (epoch ms, packet time): flows last seen before it are left out
     * @param untilMillis its end: flows first seen at or after it are left out (Long.MAX_VALUE: now)
     */
    static Learned learn(Segmentation seg, Stores stores, SeenAnswers answers, long sinceMillis, long untilMillis, String author)
            throws PolicyException {
        StoredFlows sf = StoredFlows.of(stores.policies().flows(sinceMillis, untilMillis, StoreSimulation.MAX_ROWS));
        Observations obs = new Observations();
        obs.flows(sf.flows());
        answers.into(obs);
        obs.devices(stores.devices().inventories());
        MudLearner.Learned l = new MudLearner(MudLearner.Options.defaults(), FlowEnded::clientPackets).learn(obs);
        String since = (sinceMillis > 0 ? " since " + EventJson.time(sinceMillis * 1_000_000L) : "")
                + (untilMillis < Long.MAX_VALUE ? " until " + EventJson.time(untilMillis * 1_000_000L) : "");
        if (l.devices().isEmpty()) {
            throw new PolicyException("learned", 0, "no flow of any device is stored" + since + ": nothing to learn");
        }
        long flows = 0;
        for (long w : sf.weights()) {
            flows += w;
        }
        LearnedPolicy.Result r = LearnedPolicy.of(l, "learned", List.of("Learned by vigil serve from " + flows
                + " flows stored" + since + ".",
                "One zone per device, each allowed what it was seen doing, and nothing else. Simulate it against",
                "the stored flows, then approve it. See docs/policy.md."));
        Map<String, String> mud = new TreeMap<>();
        l.devices().forEach((id, f) -> mud.put(id, MudJson.write(f)));
        return new Learned(seg.submit("learned.policy", r.text(), author), mud, l.models().size(), flows);
    }
}
