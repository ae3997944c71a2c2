package dev.vigil.detect.trust;

import dev.vigil.detect.findings.Finding;
import dev.vigil.detect.findings.FindingCatalog;
import dev.vigil.detect.inventory.Device;
import dev.vigil.engine.event.EventJson;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Trust, risk and remediation for every device, the estate-wide plan and the programme metrics. Each
 * device is judged as of its own last evidence, not the newest packet of all inputs: a capture from
 * years ago analysed with today's keeps what its devices showed.
 */
public final class Assessor {

    /**
     * What Vigil concludes about one device.
     *
     * @param actions its actions, most urgent first (the same as {@code plan.actions})
     * @param plan all of its actions together: its risk and trust once they are done
     */
    public record DeviceAssessment(TrustScorer.Trust trust, RiskAssessor.Risk risk, List<RemediationPlanner.Action> actions,
            RemediationPlanner.Plan plan, Assets.Asset asset) {
    }

    /**
     * @param devices by device id
     * @param plan every action across the estate, most urgent first
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

    private final FindingCatalog catalog;
    private final Assets assets;
    private final TrustScorer scorer;
    private final RiskAssessor risk;

    public Assessor(TrustConfig config, FindingCatalog catalog, Assets assets) {
        this.catalog = catalog;
        this.assets = assets;
        this.scorer = new TrustScorer(config, catalog);
        this.risk = new RiskAssessor(config, catalog);
    }

    /** One analysis: every detection is open. */
    public Assessment assess(List<Device> devices, List<Finding> findings, long now) {
        return assess(devices, findings, now, f -> true);
    }

    /**
     * @param now the time a device without evidence times of its own is judged at
     * @param open which findings are unresolved (the service: those whose alert is not resolved)
     */
    public Assessment assess(List<Device> devices, List<Finding> findings, long now, Predicate<Finding> open) {
        Map<String, List<Finding>> byDevice = new HashMap<>();
        for (Finding f : findings) {
            byDevice.computeIfAbsent(f.device().id(), k -> new ArrayList<>()).add(f);
        }
        Set<String> computerNets = computerNets(devices.stream().filter(d -> "computer".equals(d.type()))
                .flatMap(d -> d.ips().stream().map(Device.Address::ip)).toList());
        Map<String, DeviceAssessment> out = new LinkedHashMap<>();
        List<RemediationPlanner.Action> plan = new ArrayList<>();
        List<TrustScorer.TierChange> changes = new ArrayList<>();
        Map<String, Long> tiers = new TreeMap<>();
        Map<String, Long> levels = new TreeMap<>();
        int[][] matrix = new int[5][5];
        for (Device d : devices) {
            DeviceAssessment da = device(d, byDevice.getOrDefault(d.id(), List.of()), now, open, computerNets);
            out.put(d.id(), da);
            plan.addAll(da.actions());
            changes.addAll(da.trust().changes());
            tiers.merge(da.trust().tier(), 1L, Long::sum);
            levels.merge(da.risk().level(), 1L, Long::sum);
            matrix[da.risk().likelihood() - 1][(int) Math.round(da.risk().impact()) - 1]++;
        }
        plan.sort(RemediationPlanner.ORDER);
        changes.sort((a, b) -> a.time().compareTo(b.time()) != 0 ? a.time().compareTo(b.time()) : a.device().compareTo(b.device()));
        return new Assessment(out, plan, SecurityMetrics.compute(devices, byDevice, catalog), changes, tiers, levels, matrix);
    }

    /**
     * One device: its trust as of its own last evidence, its risk and its plan.
     *
     * @param now when the device has no evidence time of its own
     * @param computerNets the networks computers are on ({@link #computerNets})
     */
    public DeviceAssessment device(Device d, List<Finding> fs, long now, Predicate<Finding> open, Set<String> computerNets) {
        long own = ownTime(d, fs, now);
        Assets.Asset asset = assets.of(d);
        boolean flat = d.ips().stream().anyMatch(a -> computerNets.contains(net(a.ip())));
        TrustScorer.Trust trust = scorer.assess(d, fs, own, open);
        RiskAssessor.Risk r = risk.assess(d, fs, asset, flat);
        RemediationPlanner.Plan plan = RemediationPlanner.plan(d, fs, new RemediationPlanner.Valuer() {
            @Override
            public double risk(List<Finding> subset) {
                return risk.assess(d, subset, asset, flat).score();
            }

            @Override
            public double trust(List<Finding> subset) {
                return scorer.score(d, subset, own, null);
            }

            @Override
            public double impact() {
                return r.impact();
            }
        }, catalog);
        return new DeviceAssessment(trust, r, plan.actions(), plan, asset);
    }

    /** The device's own last evidence: its last packet, or its latest finding if later; else {@code now}. */
    static long ownTime(Device d, List<Finding> fs, long now) {
        long t = d.lastSeen() == null ? 0 : EventJson.nanos(d.lastSeen());
        for (Finding f : fs) {
            t = Math.max(t, EventJson.nanos(f.lastSeen()));
        }
        return t == 0 ? now : t;
    }

    /** The /24 networks (or IPv6 addresses) the given computer addresses are on: a device there sits on a flat network. */
    public static Set<String> computerNets(Collection<String> computerIps) {
        Set<String> nets = new HashSet<>();
        computerIps.forEach(ip -> nets.add(net(ip)));
        return nets;
    }

    private static String net(String ip) {
        int dot = ip.lastIndexOf('.');
        return ip.contains(":") || dot < 0 ? ip : ip.substring(0, dot);
    }
}
