package dev.vigil.detect.segmentation;

import java.time.Instant;
import java.util.List;

/**
 * One entry of a policy: flows started by {@code from} towards {@code to} on one of the services
 * are allowed or denied. An exception is a rule made from a named template, with an owner and an
 * expiry after which it no longer applies.
 *
 * @param name the entry's name, unique in the policy; counters and comments carry it
 * @param allow allow, or deny
 * @param from who starts the flow
 * @param to whom it goes to
 * @param services what it may carry
 * @param line the line of the policy file
 * @param exemption the exception's owner, template and expiry, or null for an ordinary rule
 */
public record Rule(String name, boolean allow, Target from, Target to, List<Service> services, int line,
        Exemption exemption) {

    public Rule {
        services = List.copyOf(services);
    }

    /**
     * @param template the template it was made from
     * @param owner who asked for it and answers for it
     * @param expires when it stops applying
     */
    public record Exemption(String template, String owner, Instant expires) {
    }

    /** Whether the rule applies at {@code atNanos} (an exception only until its expiry). */
    public boolean liveAt(long atNanos) {
        return exemption == null || atNanos < nanos(exemption.expires());
    }

    static long nanos(Instant t) {
        return Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L) + t.getNano();
    }

    public boolean offers(int proto, int port) {
        for (Service s : services) {
            if (s.matches(proto, port)) {
                return true;
            }
        }
        return false;
    }
}
