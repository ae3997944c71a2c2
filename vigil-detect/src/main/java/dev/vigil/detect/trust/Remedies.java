package dev.vigil.detect.trust;

import dev.vigil.detect.findings.Finding;
import dev.vigil.detect.findings.FindingCatalog;
import dev.vigil.detect.findings.FindingType;
import dev.vigil.detect.findings.RemedyText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The actions that remove findings: a device's findings grouped by the catalogue action that fixes
 * each ("change the default password on telnet", "update firmware 1.1.3 → 1.1.4 (fixes CVE-…, in
 * KEV)", "isolate and reflash"), in the words the catalogue gives them. Findings whose action has
 * the same key are one action; its words take each placeholder from the first of its findings that
 * has a value for it, and its {@code {items}} from all of them.
 */
final class Remedies {

    private Remedies() {
    }

    /** What to do, and the findings it removes. */
    record Remedy(String text, List<Finding> fixes) {
    }

    /** One finding and the alternative of its type that applies to it. */
    private record Part(Finding finding, FindingType.Remedy remedy) {

        /** A placeholder's value from this finding: the finding itself, its evidence, the alternative's values. */
        String value(String name) {
            if (name.equals("@type")) {
                return finding.type();
            }
            if (name.equals("@title")) {
                return finding.title();
            }
            Object v = finding.evidence().get(name);
            return v != null ? String.valueOf(v) : remedy.with().get(name);
        }
    }

    /** The actions for one device, in the order their first finding comes: key → (text, findings). */
    static Map<String, Remedy> group(List<Finding> findings, FindingCatalog catalog) {
        Map<String, List<Part>> byKey = new LinkedHashMap<>();
        Map<String, FindingType.Action> actions = new LinkedHashMap<>();
        for (Finding f : findings) {
            FindingType.Remedy r = catalog.remedy(f);
            if (r == null) {
                continue;
            }
            Part part = new Part(f, r);
            FindingType.Action a = catalog.action(r.action());
            String key = RemedyText.fill(a.key(), part::value);
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(part);
            actions.putIfAbsent(key, a);
        }
        Map<String, Remedy> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<Part>> e : byKey.entrySet()) {
            List<Part> parts = e.getValue();
            String text = RemedyText.fill(actions.get(e.getKey()).text(), name -> name.equals("items") ? items(parts)
                    : parts.stream().map(p -> p.value(name)).filter(v -> v != null).findFirst().orElse(null));
            out.put(e.getKey(), new Remedy(text, new ArrayList<>(parts.stream().map(Part::finding).toList())));
        }
        return out;
    }

    /** What each finding of an action adds to its list, sorted, or null when none adds anything. */
    private static String items(List<Part> parts) {
        TreeSet<String> items = new TreeSet<>();
        for (Part p : parts) {
            if (p.remedy().item() != null) {
                items.add(RemedyText.fill(p.remedy().item(), p::value));
            }
        }
        return items.isEmpty() ? null : String.join(", ", items);
    }
}
