package dev.vigil.enforce.nftables;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.enforce.EnforcementException;
import dev.vigil.enforce.KernelCounters;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what the kernel says from {@code nft -j list table inet vigil} (libnftables-json(5)): the
 * counters of set elements and rules, summed by the key at the end of their comment, and the
 * revision and content the table's info element names.
 */
final class NftCounters {

    static final Pattern KEY = Pattern.compile("\\[([^\\]]+)]$");
    static final Pattern INFO = Pattern.compile("revision=(\\S+) content=(\\S+)");

    private NftCounters() {
    }

    static KernelCounters parse(String json) throws EnforcementException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new EnforcementException("nft -j printed something that is not JSON: " + e.getOriginalMessage());
        }
        Map<String, KernelCounters.Counter> by = new HashMap<>();
        String revision = null;
        String content = null;
        for (JsonNode item : root.path("nftables")) {
            JsonNode set = item.get("set");
            if (set != null) {
                for (JsonNode e : set.path("elem")) {
                    JsonNode el = e.get("elem");
                    if (el == null) {
                        continue;
                    }
                    String comment = el.path("comment").asText("");
                    if (set.path("name").asText().equals("info")) {
                        Matcher m = INFO.matcher(comment);
                        if (m.find()) {
                            revision = m.group(1);
                            content = m.group(2);
                        }
                    }
                    add(by, comment, el.get("counter"));
                }
            }
            JsonNode rule = item.get("rule");
            if (rule != null) {
                for (JsonNode x : rule.path("expr")) {
                    if (x.has("counter")) {
                        add(by, rule.path("comment").asText(""), x.get("counter"));
                    }
                }
            }
        }
        return new KernelCounters(revision, content, Map.copyOf(by));
    }

    private static void add(Map<String, KernelCounters.Counter> by, String comment, JsonNode counter) {
        Matcher m = KEY.matcher(comment);
        if (counter == null || !m.find()) {
            return;
        }
        KernelCounters.Counter c = new KernelCounters.Counter(counter.path("packets").asLong(), counter.path("bytes").asLong());
        by.merge(m.group(1), c, (a, b) -> new KernelCounters.Counter(a.packets() + b.packets(), a.bytes() + b.bytes()));
    }
}
