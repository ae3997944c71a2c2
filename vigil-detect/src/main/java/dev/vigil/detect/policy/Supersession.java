package dev.vigil.detect.policy;

import dev.vigil.detect.findings.Finding;
import dev.vigil.detect.findings.FindingCatalog;
import dev.vigil.detect.findings.FindingType;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Findings that say better what another one about the same device and peer address says, by the
 * catalogue's {@code supersedes}: a flood to random ports also looks like a port scan of its victim,
 * and the flood is what happened. One analysis drops the replaced finding; the service removes its
 * stored row when the better one arrives in a later window. Pure.
 */
public final class Supersession {

    private static volatile Supersession bundled;

    private final FindingCatalog catalog;

    public Supersession(FindingCatalog catalog) {
        this.catalog = catalog;
    }

    public static Supersession bundled() {
        Supersession s = bundled;
        if (s == null) {
            s = new Supersession(FindingCatalog.bundled());
            bundled = s;
        }
        return s;
    }

    /** The types a finding of this type replaces for its device and peer (empty for most). */
    public List<String> replaces(String type) {
        return catalog.has(type) ? catalog.get(type).supersedes() : List.of();
    }

    /** The findings without those a better one of the same device and peer address replaces. */
    public List<Finding> apply(List<Finding> all) {
        Set<String> better = new HashSet<>();
        for (Finding f : all) {
            if (f.peer() == null || !catalog.has(f.type())) {
                continue;
            }
            FindingType t = catalog.get(f.type());
            for (String replaced : t.supersedes()) {
                better.add(replaced + "|" + f.device().id() + "|" + f.peer().ip());
            }
        }
        if (better.isEmpty()) {
            return all;
        }
        return all.stream().filter(f -> f.peer() == null
                || !better.contains(f.type() + "|" + f.device().id() + "|" + f.peer().ip())).toList();
    }
}
