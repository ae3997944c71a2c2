package dev.vigil.detect.inventory;

import dev.vigil.detect.intel.Vendors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns a device's observations into attributes. Each rule match is a piece of evidence; within one
 * source family (all domain names, all host names, …) only the strongest piece counts for a value,
 * and families combine as a noisy-OR, so one chatty source cannot outvote independent ones.
 * Confidence is the winner's score lowered by half the runner-up's: conflicting evidence lowers
 * confidence instead of flipping the answer, and a runner-up close to the winner, or a type that
 * rests on a MAC block or cloud domain alone, marks the value doubtful.
 */
final class Classifier {

    static final List<String> ATTRIBUTES = List.of("type", "vendor", "model", "os", "firmware");

    private final Rules rules;
    private final Map<String, List<Object[]>> cache = new HashMap<>();

    Classifier(Rules rules) {
        this.rules = rules;
    }

    /** The evidence rules find in an observation (cached: the same strings recur across devices). */
    List<Evidence> evidence(String source, String observed, String firstSeen) {
        String key = source + '\u0000' + observed;
        List<Object[]> hits = cache.get(key);
        if (hits == null) {
            hits = new ArrayList<>(2);
            List<Rule> candidates = Rules.DOMAIN_SOURCES.contains(source) ? rules.forDomain(observed)
                    : rules.forSource(source);
            for (Rule r : candidates) {
                String v = r.apply(observed);
                if (v != null) {
                    hits.add(new Object[] {r, v});
                }
            }
            if (cache.size() < 100_000) {
                cache.put(key, hits);
            }
        }
        if (hits.isEmpty()) {
            return List.of();
        }
        List<Evidence> out = new ArrayList<>(hits.size());
        for (Object[] h : hits) {
            Rule r = (Rule) h[0];
            out.add(new Evidence(source, observed, r.attribute(), (String) h[1], r.weight(), r.line(), firstSeen));
        }
        return out;
    }

    /**
     * Families that say who made the network chip or which cloud the device calls, not what it is:
     * for the type they are weak evidence, discounted by the strongest thing the device says about
     * itself that disagrees (a bulb on a plug maker's cloud, a switch in an industrial vendor's block).
     */
    static final Set<String> CONTEXT_FAMILIES = Set.of("oui", "domain");
    /** A runner-up at least this share of the winner's score makes the winner doubtful. */
    static final double CLOSE = 0.6;
    /** A type that rests on context alone is doubtful below this score (a MAC block, a multi-product cloud). */
    static final double SURE = 0.6;

    /** Scores every attribute from the evidence; the type from {@code typeEvidence}. */
    Map<String, Device.Attribute> attributes(List<Evidence> evidence, List<Evidence> typeEvidence) {
        Map<String, Device.Attribute> out = new LinkedHashMap<>();
        for (String attr : ATTRIBUTES) {
            boolean type = attr.equals("type");
            // value key -> family -> strongest weight; and the display spelling of each value
            Map<String, Map<String, Double>> byValue = new TreeMap<>();
            Map<String, String> display = new HashMap<>();
            for (Evidence e : type ? typeEvidence : evidence) {
                if (!e.attribute().equals(attr)) {
                    continue;
                }
                String v = normalise(attr, e.value());
                if (v == null) {
                    continue;
                }
                String k = v.toLowerCase(Locale.ROOT);
                display.putIfAbsent(k, v);
                byValue.computeIfAbsent(k, x -> new HashMap<>()).merge(family(e.source()), e.weight(), Math::max);
            }
            Map<String, Double> selfBest = new HashMap<>();
            byValue.forEach((v, fams) -> fams.forEach((f, w) -> {
                if (!CONTEXT_FAMILIES.contains(f)) {
                    selfBest.merge(v, w, Math::max);
                }
            }));
            List<Device.Candidate> candidates = new ArrayList<>();
            for (Map.Entry<String, Map<String, Double>> e : byValue.entrySet()) {
                double against = 0;
                for (Map.Entry<String, Double> o : selfBest.entrySet()) {
                    if (type && !o.getKey().equals(e.getKey())) {
                        against = Math.max(against, o.getValue());
                    }
                }
                double miss = 1;
                for (Map.Entry<String, Double> f : e.getValue().entrySet()) {
                    miss *= 1 - (CONTEXT_FAMILIES.contains(f.getKey()) ? f.getValue() * (1 - against) : f.getValue());
                }
                candidates.add(new Device.Candidate(display.get(e.getKey()), round(1 - miss)));
            }
            candidates.sort(Comparator.comparingDouble(Device.Candidate::score).reversed()
                    .thenComparing(Device.Candidate::value));
            if (candidates.isEmpty()) {
                out.put(attr, new Device.Attribute(type ? "unknown" : null, 0, List.of(), false));
                continue;
            }
            double best = candidates.get(0).score();
            double second = runnerUp(attr, candidates);
            double confidence = round(Math.max(0, best * (1 - 0.5 * second)));
            String winner = candidates.get(0).value().toLowerCase(Locale.ROOT);
            boolean onlyContext = type && CONTEXT_FAMILIES.containsAll(byValue.get(winner).keySet()) && best < SURE;
            boolean doubtful = best > 0 && second >= CLOSE * best || onlyContext;
            out.put(attr, new Device.Attribute(candidates.get(0).value(), confidence,
                    List.copyOf(candidates.subList(0, Math.min(candidates.size(), 5))), doubtful));
        }
        return out;
    }

    /**
     * The best score of a value that disagrees with the winner. For a model, one that names the same
     * product more or less precisely agrees ("C3560", the IOS image's platform, inside the chassis'
     * "WS-C3560-24PS-S"): it neither lowers the confidence nor makes the winner doubtful.
     */
    static double runnerUp(String attr, List<Device.Candidate> candidates) {
        String winner = candidates.get(0).value().toLowerCase(Locale.ROOT);
        for (int i = 1; i < candidates.size(); i++) {
            String v = candidates.get(i).value().toLowerCase(Locale.ROOT);
            if (attr.equals("model") && v.length() >= 3 && (winner.contains(v) || v.contains(winner))) {
                continue;
            }
            return candidates.get(i).score();
        }
        return 0;
    }

    static String family(String source) {
        if (Rules.DOMAIN_SOURCES.contains(source)) {
            return "domain";
        }
        int dot = source.indexOf('.');
        return dot < 0 ? source : source.substring(0, dot);
    }

    private static String normalise(String attr, String v) {
        if (v == null || v.isBlank()) {
            return null;
        }
        return switch (attr) {
            case "vendor" -> Vendors.canonical(v);
            case "type" -> v.toLowerCase(Locale.ROOT);
            default -> v.trim();
        };
    }

    static double round(double d) {
        return Math.round(d * 100) / 100.0;
    }
}
