package dev.vigil.detect.trust;

import dev.vigil.detect.findings.Finding;
import dev.vigil.detect.findings.FindingCatalog;
import dev.vigil.detect.inventory.Device;
import dev.vigil.detect.inventory.DeviceNames;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What to fix first. A device's findings are grouped into the actions that remove them
 * ({@link Remedies}). The device's plan is all of them: its risk and trust once every action is
 * done. Each action is valued by its share of what the plan removes, in proportion to the risk its
 * own findings carry: two severe problems each get half of the drop, where valuing each alone would
 * leave the other's risk standing and show no drop at all. Across the estate, a compromised device's
 * actions come first, then weaknesses attackers are known to use (CISA KEV, the passwords IoT
 * botnets try), then what is already exposed (a password seen in clear text, a device attacked now),
 * then hardening; within each, the biggest cut in risk.
 */
public final class RemediationPlanner {

    /** How soon, in the order the plan ranks them. */
    public enum Urgency {
        COMPROMISE, EXPLOITED, EXPOSED, HARDENING;

        @com.fasterxml.jackson.annotation.JsonValue
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One action on one device.
     *
     * @param device device id
     * @param name what the device is called ({@link DeviceNames#name})
     * @param address its main address, or null
     * @param action what to do
     * @param resolves finding types it removes
     * @param urgency compromise, exploited, exposed or hardening: the first rank across the estate
     * @param riskBefore the device's risk now
     * @param riskAfter its risk once this action is done, by this action's share of the plan
     * @param trustGain trust points it gives back, by its share of the plan
     * @param priority the risk it removes plus its trust gain weighted by the device's impact (25 trust
     *     points on an impact-1 device count as one point of risk): the rank within its urgency
     */
    public record Action(String device, String name, String address, String action, List<String> resolves,
            Urgency urgency, double riskBefore, double riskAfter, double trustGain, double priority) {

        public double reduction() {
            return Math.round((riskBefore - riskAfter) * 10) / 10.0;
        }
    }

    /**
     * A device's whole plan.
     *
     * @param riskBefore its risk now
     * @param riskAfter its risk once every action is done (what no action removes stays)
     * @param trustBefore its trust now
     * @param trustAfter its trust once every action is done
     * @param actions its actions, most urgent first (written once, as the device's {@code actions})
     */
    public record Plan(double riskBefore, double riskAfter, double trustBefore, double trustAfter,
            @com.fasterxml.jackson.annotation.JsonIgnore List<Action> actions) {
    }

    /** The order of the estate's plan: urgency, then priority, then the riskier device. */
    public static final Comparator<Action> ORDER = Comparator.comparing(Action::urgency)
            .thenComparing(Comparator.comparingDouble(Action::priority).reversed())
            .thenComparing(Comparator.comparingDouble(Action::riskBefore).reversed())
            .thenComparing(Comparator.comparingDouble(Action::trustGain).reversed()).thenComparing(Action::device)
            .thenComparing(Action::action);

    private RemediationPlanner() {
    }

    /** The plan of one device. */
    static Plan plan(Device d, List<Finding> findings, Valuer valuer, FindingCatalog catalog) {
        Map<String, Remedies.Remedy> remedies = Remedies.group(findings, catalog);
        double riskBefore = valuer.risk(findings);
        double trustBefore = valuer.trust(findings);
        List<Finding> left = new ArrayList<>(findings);
        remedies.values().forEach(r -> left.removeAll(r.fixes()));
        double riskAfter = valuer.risk(left);
        double trustAfter = valuer.trust(left);
        double riskAlone = valuer.risk(List.of());
        double trustAlone = valuer.trust(List.of());
        // what each action's findings weigh on their own: its share of the plan
        double[] riskShare = new double[remedies.size()];
        double[] trustShare = new double[remedies.size()];
        int i = 0;
        for (Remedies.Remedy r : remedies.values()) {
            riskShare[i] = Math.max(0, valuer.risk(r.fixes()) - riskAlone);
            trustShare[i] = Math.max(0, trustAlone - valuer.trust(r.fixes()));
            i++;
        }
        normalise(riskShare);
        normalise(trustShare);
        List<Action> out = new ArrayList<>();
        String name = DeviceNames.name(d);
        String address = DeviceNames.mainIp(d);
        double impact = valuer.impact();
        i = 0;
        for (Map.Entry<String, Remedies.Remedy> e : remedies.entrySet()) {
            Remedies.Remedy r = e.getValue();
            double cut = round((riskBefore - riskAfter) * riskShare[i]);
            double gain = TrustScorer.round((trustAfter - trustBefore) * trustShare[i]);
            double priority = round(cut + impact * gain / 25);
            out.add(new Action(d.id(), name, address, r.text(), r.fixes().stream().map(Finding::type).distinct().toList(),
                    urgency(r.fixes(), catalog), riskBefore, round(riskBefore - cut), gain, priority));
            i++;
        }
        out.sort(ORDER);
        return new Plan(riskBefore, riskAfter, trustBefore, trustAfter, List.copyOf(out));
    }

    /** The most urgent of the findings an action removes. */
    static Urgency urgency(List<Finding> fixes, FindingCatalog catalog) {
        Urgency u = Urgency.HARDENING;
        for (Finding f : fixes) {
            Urgency x = catalog.compromise(f) ? Urgency.COMPROMISE
                    : Urgency.valueOf(catalog.get(f.type()).urgency().toUpperCase(java.util.Locale.ROOT));
            if (x.compareTo(u) < 0) {
                u = x;
            }
        }
        return u;
    }

    /** Shares that add up to one; equal shares when nothing weighs anything. */
    private static void normalise(double[] w) {
        double sum = 0;
        for (double x : w) {
            sum += x;
        }
        for (int i = 0; i < w.length; i++) {
            w[i] = sum > 0 ? w[i] / sum : 1.0 / w.length;
        }
    }

    private static double round(double x) {
        return Math.round(x * 10) / 10.0;
    }

    /** Values a device's risk and trust for a set of its findings. */
    interface Valuer {
        double risk(List<Finding> findings);

        double trust(List<Finding> findings);

        double impact();
    }
}
