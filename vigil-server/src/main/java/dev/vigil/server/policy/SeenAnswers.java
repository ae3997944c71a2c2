package dev.vigil.server.policy;

import dev.vigil.detect.segmentation.DnsAnswer;
import dev.vigil.detect.segmentation.DnsView;
import dev.vigil.detect.segmentation.Observations;
import dev.vigil.engine.net.Ip;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The DNS answers the service's windows saw, the newest kept: what rules on names judge addresses by,
 * and what learning names destinations with. Bounded; the oldest go first.
 */
final class SeenAnswers {

    /** Answers kept at most. */
    static final int MAX_ANSWERS = 100_000;

    /** Servers that gave answers kept at most (what learning takes for the network's resolvers). */
    static final int MAX_ANSWERERS = 1_000;

    private final ArrayDeque<DnsAnswer> answers = new ArrayDeque<>();
    private final Set<Ip> answerers = new HashSet<>();

    synchronized void add(List<DnsAnswer> list, Ip from) {
        if (list.isEmpty()) {
            return;
        }
        if (answerers.size() < MAX_ANSWERERS) {
            answerers.add(from);
        }
        for (DnsAnswer a : list) {
            if (answers.size() >= MAX_ANSWERS) {
                answers.removeFirst();
            }
            answers.addLast(a);
        }
    }

    /** The bindings the answers make, each holding for its TTL plus {@code marginSeconds}. */
    synchronized DnsView view(long marginSeconds) {
        DnsView v = new DnsView(marginSeconds);
        v.addAll(List.copyOf(answers));
        return v;
    }

    synchronized void into(Observations o) {
        o.answers(List.copyOf(answers), List.copyOf(answerers));
    }
}
