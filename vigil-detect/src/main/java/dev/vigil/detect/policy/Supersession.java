package dev.vigil.detect.policy;

import dev.vigil.detect.findings.Finding;
import dev.vigil.detect.findings.FindingCatalog;
import dev.vigil.detect.findings.FindingType;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Findings that say better what another one about the same device says, by the catalogue's
 * {@code supersedes} (the same device and peer address: a flood to random ports also looks like a
 * port scan of its victim, and a flood's bytes like a large upload to it; the flood is what
 * happened) and {@code supersedes_on_device} (whatever the peer: a reflection or flood victim's
 * generic inbound attack is the named one). One event, one finding: one analysis drops the
 * replaced finding; the service removes its stored row when the better one arrives in a later
 * window. Pure.
 */
public final class Supersession {

    /** The evidence field where a finding without a peer names the address it is about ("ip:port"). */
    static final String DESTINATION = "destination";

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

    /** The types a finding of this type replaces for its device, whatever their peer (empty for most). */
    public List<String> replacesOnDevice(String type) {
        return catalog.has(type) ? catalog.get(type).supersedesOnDevice() : List.of();
    }

    /** The findings without those a better one of the same device (and peer address) replaces. */
    public List<Finding> apply(List<Finding> all) {
        Set<String> better = new HashSet<>();
        for (Finding f : all) {
            if (!catalog.has(f.type())) {
                continue;
            }
            FindingType t = catalog.get(f.type());
            for (String replaced : t.supersedesOnDevice()) {
                better.add(replaced + "|" + f.device().id());
            }
            if (f.peer() != null) {
                for (String replaced : t.supersedes()) {
                    better.add(replaced + "|" + f.device().id() + "|" + f.peer().ip());
                }
            }
        }
        if (better.isEmpty()) {
            return all;
        }
        return all.stream().filter(f -> !better.contains(f.type() + "|" + f.device().id())
                && (peerAddress(f) == null || !better.contains(f.type() + "|" + f.device().id() + "|" + peerAddress(f)))).toList();
    }

    /** The peer's address, or for a finding that names its destination only in evidence, that address. */
    static String peerAddress(Finding f) {
        if (f.peer() != null) {
            return f.peer().ip();
        }
        Object d = f.evidence() == null ? null : f.evidence().get(DESTINATION);
        return d instanceof String s ? s.replaceFirst(":\\d+$", "") : null;
    }
}
