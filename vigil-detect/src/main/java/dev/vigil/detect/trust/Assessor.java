package dev.vigil.detect.trust;

import dev.vigil.detect.findings.Finding;
import dev.vigil.detect.findings.FindingCatalog;
import dev.vigil.detect.inventory.Device;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Trust, risk and remediation for every device of an analysis, the estate-wide plan and the
 * programme metrics, judged as of the end of the observation.
 */
public final class Assessor {

    /** What Vigil concludes about one device. */
    public record DeviceAssessment(TrustScorer.Trust trust, RiskAssessor.Risk risk, List<RemediationPlanner.Action> actions,
            Assets.Asset asset) {
    }

    /**
     * @param devices by device id
     * @param plan every action across the estate, the biggest risk reduction first
     * @param metrics programme metrics
     * @param tierChanges every change of tier, in time order
     * @param tiers devices per tier
     * @param riskLevels devices per risk level
     * @param riskMatrix devices by likelihood (rows 1-5) and impact (columns 1-5)
     */
    public record Assessment(Map<String, DeviceAssessment> devices, List<RemediationPlanner.Action> plan,
            SecurityMetrics.Metrics metrics, List<TrustScorer.TierChange> tierChanges, Map<String, Long> tiers,
            Map<String, Long> riskLevels, int[][] riskMatrix) {
    }

    private final TrustConfig config;
    private final FindingCatalog catalog;
    private final Assets assets;

    public Assessor(TrustConfig config, FindingCatalog catalog, Assets assets) {
        this.config = config;
        this.catalog = catalog;
        this.assets = assets;
    }

    public Assessment assess(List<Device> devices, List<Finding> findings, long now) {
        Map<String, List<Finding>> byDevice = new HashMap<>();
        for (Finding f : findings) {
            byDevice.computeIfAbsent(f.device().id(), k -> new ArrayList<>()).add(f);
        }
        Set<String> computerNets = new HashSet<>();
        for (Device d : devices) {
            if ("computer".equals(d.type())) {
                for (Device.Address a : d.ips()) {
                    computerNets.add(net(a.ip()));
                }
            }
        }
        TrustScorer scorer = new TrustScorer(config, catalog);
        RiskAssessor risk = new RiskAssessor(config, catalog);
        Map<String, DeviceAssessment> out = new LinkedHashMap<>();
        List<RemediationPlanner.Action> plan = new ArrayList<>();
        List<TrustScorer.TierChange> changes = new ArrayList<>();
        Map<String, Long> tiers = new TreeMap<>();
        Map<String, Long> levels = new TreeMap<>();
        int[][] matrix = new int[5][5];
        for (Device d : devices) {
            List<Finding> fs = byDevice.getOrDefault(d.id(), List.of());
            Assets.Asset asset = assets.of(d);
            boolean flat = d.ips().stream().anyMatch(a -> computerNets.contains(net(a.ip())));
            TrustScorer.Trust trust = scorer.assess(d, fs, now);
            RiskAssessor.Risk r = risk.assess(d, fs, asset, flat);
            List<RemediationPlanner.Action> actions = RemediationPlanner.plan(d, fs, new RemediationPlanner.Valuer() {
                @Override
                public double risk(List<Finding> subset) {
                    return risk.assess(d, subset, asset, flat).score();
                }

                @Override
                public double trust(List<Finding> subset) {
                    return scorer.score(d, subset, now, null);
                }

                @Override
                public double impact() {
                    return r.impact();
                }
            });
            out.put(d.id(), new DeviceAssessment(trust, r, actions, asset));
            plan.addAll(actions);
            changes.addAll(trust.changes());
            tiers.merge(trust.tier(), 1L, Long::sum);
            levels.merge(r.level(), 1L, Long::sum);
            matrix[r.likelihood() - 1][(int) Math.round(r.impact()) - 1]++;
        }
        plan.sort((a, b) -> Double.compare(b.priority(), a.priority()) != 0 ? Double.compare(b.priority(), a.priority())
                : Double.compare(b.riskBefore(), a.riskBefore()) != 0 ? Double.compare(b.riskBefore(), a.riskBefore())
                : Double.compare(b.trustGain(), a.trustGain()) != 0 ? Double.compare(b.trustGain(), a.trustGain())
                : a.device().compareTo(b.device()));
        changes.sort((a, b) -> a.time().compareTo(b.time()) != 0 ? a.time().compareTo(b.time()) : a.device().compareTo(b.device()));
        return new Assessment(out, plan, SecurityMetrics.compute(devices, byDevice, catalog), changes, tiers, levels, matrix);
    }

    private static String net(String ip) {
        int dot = ip.lastIndexOf('.');
        return ip.contains(":") || dot < 0 ? ip : ip.substring(0, dot);
    }
}
