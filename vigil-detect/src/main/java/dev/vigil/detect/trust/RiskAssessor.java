package dev.vigil.detect.trust;

import dev.vigil.detect.findings.Finding;
import dev.vigil.detect.findings.FindingCatalog;
import dev.vigil.detect.findings.Severity;
import dev.vigil.detect.inventory.Device;
import java.util.ArrayList;
import java.util.List;

/**
 * Risk = likelihood × impact, each 1 to 5. Impact comes from what the device is (its type, or the
 * criticality and tags the organisation gave it) and where it sits (reachable from the Internet, on a
 * network shared with computers). Likelihood comes from its worst finding, raised when an exploit is
 * known to be used (KEV) or the device is reachable from the Internet; evidence of compromise makes
 * it certain. Pure.
 */
public final class RiskAssessor {

    /**
     * @param likelihood 1 (nothing found) to 5 (compromise seen)
     * @param impact 1 to 5
     * @param score likelihood × impact, 1 to 25
     * @param level low, medium, high or critical
     * @param reasons why, in words
     */
    public record Risk(int likelihood, double impact, double score, String level, List<String> reasons) {
    }

    private final TrustConfig config;
    private final FindingCatalog catalog;

    public RiskAssessor(TrustConfig config, FindingCatalog catalog) {
        this.config = config;
        this.catalog = catalog;
    }

    /**
     * @param flat the device shares its network with computers (a flat network)
     */
    public Risk assess(Device d, List<Finding> findings, Assets.Asset asset, boolean flat) {
        List<String> reasons = new ArrayList<>();
        double impact = config.number("impact." + d.type(), config.number("impact.unknown"));
        String kind = d.type().replace('_', ' ');
        reasons.add(("aeiou".indexOf(kind.isEmpty() ? 'x' : kind.charAt(0)) >= 0 ? "an " : "a ") + kind + " (impact "
                + fmt(impact) + ")");
        if (asset != null) {
            double crit = switch (asset.criticality() == null ? "" : asset.criticality()) {
                case "critical" -> 5;
                case "high" -> 4;
                case "medium" -> 3;
                case "low" -> 1;
                default -> 0;
            };
            if (asset.tags().contains("medical") || asset.tags().contains("safety") || asset.tags().contains("industrial")) {
                crit = Math.max(crit, 5);
            } else if (asset.tags().contains("sensitive-data")) {
                crit = Math.max(crit, 4);
            }
            if (crit > impact) {
                impact = crit;
                reasons.add("marked " + (asset.criticality() == null ? String.join(", ", asset.tags())
                        : asset.criticality() + (asset.tags().isEmpty() ? "" : ", " + String.join(", ", asset.tags())))
                        + " (impact " + fmt(impact) + ")");
            }
        }
        boolean internet = findings.stream().anyMatch(f -> catalog.signals(f, "internet_reachable"));
        if (internet) {
            impact += config.number("impact.internet_reachable");
            reasons.add("reachable from the Internet");
        }
        if (flat && !"computer".equals(d.type())) {
            impact += config.number("impact.flat_network");
            reasons.add("on a network shared with computers");
        }
        impact = Math.min(5, Math.max(1, impact));

        Severity worst = null;
        boolean kev = false;
        boolean compromise = false;
        for (Finding f : findings) {
            if (worst == null || f.severity().compareTo(worst) > 0) {
                worst = f.severity();
            }
            kev |= catalog.signals(f, "known_exploited");
            compromise |= catalog.compromise(f);
        }
        double likelihood = config.number("likelihood." + (worst == null ? "none" : worst.label()));
        if (worst != null) {
            reasons.add("worst finding " + worst.label());
        }
        if (kev) {
            likelihood += config.number("likelihood.kev");
            reasons.add("a vulnerability exploited in the wild (CISA KEV)");
        }
        if (internet && worst != null) {
            likelihood += config.number("likelihood.internet_reachable");
        }
        if (compromise) {
            likelihood = 5;
            reasons.add("behaviour of a compromised device");
        }
        int l = (int) Math.max(1, Math.min(5, Math.round(likelihood)));
        double score = Math.round(l * impact * 10) / 10.0;
        String level = score >= config.number("risk.critical") ? "critical" : score >= config.number("risk.high") ? "high"
                : score >= config.number("risk.medium") ? "medium" : "low";
        return new Risk(l, impact, score, level, reasons);
    }

    private static String fmt(double x) {
        return x == Math.rint(x) ? String.valueOf((int) x) : String.valueOf(x);
    }
}
