package dev.vigil.enforce;

import java.util.Map;

/**
 * The counters the enforcement point reports, by the key of the element or rule that holds them
 * (the keys of {@link dev.vigil.detect.segmentation.CompiledPolicy.Outcome#key()}), and what it says
 * is in force.
 *
 * @param revision the policy revision in force, or null when no Vigil ruleset is
 * @param content the content hash in force, or null
 * @param byKey packets and bytes per key
 */
public record KernelCounters(String revision, String content, Map<String, Counter> byKey) {

    /** One counter. */
    public record Counter(long packets, long bytes) {
    }

    public long packets(String key) {
        Counter c = byKey.get(key);
        return c == null ? 0 : c.packets();
    }

    /** Packets counted under keys that start with {@code prefix} ("quarantine#", "g3#"). */
    public long packetsUnder(String prefix) {
        return byKey.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToLong(e -> e.getValue().packets())
                .sum();
    }
}
