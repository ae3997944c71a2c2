package dev.vigil.detect.trust;

import dev.vigil.detect.findings.Finding;
import dev.vigil.detect.findings.FindingCatalog;
import dev.vigil.detect.findings.FindingType;
import dev.vigil.detect.inventory.Device;
import dev.vigil.detect.policy.Tier;
import dev.vigil.detect.policy.TierPolicy;
import dev.vigil.engine.event.EventJson;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The trust score of a device, 0 to 100, from explainable factors: configuration hygiene, known
 * vulnerabilities, behaviour, identity confidence and history. Each finding costs its catalogue
 * points times its factor's weight and a severity multiplier, decayed by the type's half-life since
 * it was last seen; repeats of one type add a quarter of their cost each (at most doubling it), and
 * each factor's loss is capped. Replaying a device's findings in time order gives
 * its trust history, and tiers with hysteresis turn the history into tier changes. A device with an
 * open detection (one nobody resolved) is never trusted, whatever its score: decay makes an old
 * detection cheap, not answered. Time is the device's own: the caller judges each device as of its
 * own last evidence, so a device of an old capture analysed with newer ones keeps what it showed.
 * Pure.
 */
public final class TrustScorer {

    /**
     * One finding's part in a factor.
     *
     * @param points points lost before decay (catalogue points × weight × severity)
     * @param decay share still counted (1 when just seen; halves every half-life)
     */
    public record Contribution(String type, String severity, double points, double decay, double lost, String lastSeen) {
    }

    /** One factor: what it cost (or, for history, gave back) and why. */
    public record Factor(String name, double points, double cap, List<Contribution> findings) {
    }

    /** A point of a device's trust history. */
    public record Point(String time, double score, String tier) {
    }

    /**
     * A change of tier: an event for the policy layer, with the findings that caused it.
     *
     * @param device device id
     * @param causes finding types that arrived and moved the score
     */
    public record TierChange(String device, String time, String from, String to, double score, List<String> causes) {
    }

    /**
     * A device's trust: the score now, its tier, the factors, the history and the tier changes.
     *
     * @param openDetections the detection types, open and unresolved, that keep the device from the
     *     trusted tier (empty when none)
     */
    public record Trust(double score, String tier, List<Factor> factors, List<Point> history, List<TierChange> changes,
            List<String> openDetections) {
    }

    /** What each repeat of a finding type on one device adds to its first occurrence's cost. */
    static final double REPEAT_SHARE = 0.25;

    private final TrustConfig config;
    private final FindingCatalog catalog;
    private final TierPolicy tiers;

    public TrustScorer(TrustConfig config, FindingCatalog catalog) {
        this.config = config;
        this.catalog = catalog;
        this.tiers = config.tiers();
    }

    /** The factor a finding type feeds (the catalogue's {@code factor}). */
    String factor(String type) {
        return catalog.get(type).factor();
    }

    /** The score at {@code now} (nanoseconds) from these findings of the device, with its factors. */
    public double score(Device device, List<Finding> findings, long now, List<Factor> factorsOut) {
        Map<String, List<Contribution>> by = new LinkedHashMap<>();
        for (String f : List.of("hygiene", "vulnerability", "behavior", "identity")) {
            by.put(f, new ArrayList<>());
        }
        long lastDetection = Long.MIN_VALUE;
        for (Finding f : findings) {
            long first = EventJson.nanos(f.firstSeen());
            if (first > now) {
                continue;
            }
            long last = Math.min(EventJson.nanos(f.lastSeen()), now);
            FindingType t = catalog.get(f.type());
            String factor = factor(f.type());
            double points = t.points() * config.number("factor." + factor + ".weight")
                    * config.number("severity." + f.severity().label());
            double halfLife = Math.max(1, t.halfLifeDays()) * 86_400e9;
            double decay = Math.pow(0.5, Math.max(0, now - last) / halfLife);
            by.get(factor).add(new Contribution(f.type(), f.severity().label(), round(points), round(decay),
                    round(points * decay), f.lastSeen()));
            if (factor.equals("behavior")) {
                lastDetection = Math.max(lastDetection, last);
            }
        }
        double score = 100;
        List<Factor> factors = new ArrayList<>();
        for (Map.Entry<String, List<Contribution>> e : by.entrySet()) {
            double cap = config.number("factor." + e.getKey() + ".cap");
            // repeats of one type (the same weakness towards many peers) add a quarter each, up to twice one
            Map<String, double[]> byType = new LinkedHashMap<>();
            for (Contribution c : e.getValue()) {
                double[] m = byType.computeIfAbsent(c.type(), k -> new double[2]);
                m[0] = Math.max(m[0], c.lost());
                m[1] += c.lost();
            }
            double lost = 0;
            for (double[] m : byType.values()) {
                lost += Math.min(2 * m[0], m[0] + REPEAT_SHARE * (m[1] - m[0]));
            }
            if (e.getKey().equals("identity") && device.confidence() < config.number("identity.min_confidence")) {
                double p = config.number("identity.low_confidence_points");
                e.getValue().add(new Contribution("classification_confidence_" + round(device.confidence()), "info", p, 1, p,
                        null));
                lost += p;
            }
            lost = Math.min(cap, lost);
            e.getValue().sort(Comparator.comparingDouble(Contribution::lost).reversed());
            factors.add(new Factor(e.getKey(), lost == 0 ? 0 : -round(lost), cap, List.copyOf(e.getValue())));
            score -= lost;
        }
        // history: time observed since the later of first sight and the last detection
        long since = Math.max(EventJson.nanos(device.firstSeen()), lastDetection == Long.MIN_VALUE ? Long.MIN_VALUE : lastDetection);
        double days = Math.max(0, (now - since) / 86_400e9);
        double bonus = Math.min(config.number("history.cap"), Math.floor(days) * config.number("history.points_per_day"));
        factors.add(new Factor("history", round(bonus), config.number("history.cap"), List.of()));
        score = Math.max(0, Math.min(100, score + bonus));
        if (factorsOut != null) {
            factorsOut.addAll(factors);
        }
        return round(score);
    }

    /** True for a finding that is a detection and still open. */
    boolean openDetection(Finding f, Predicate<Finding> open) {
        return "detection".equals(catalog.get(f.type()).category()) && open.test(f);
    }

    /** The device's trust at {@code now}, every detection open (one analysis). */
    public Trust assess(Device device, List<Finding> findings, long now) {
        return assess(device, findings, now, f -> true);
    }

    /**
     * The device's trust at {@code now} (its own last evidence), its history replayed from its
     * findings in time order.
     *
     * @param open which of its findings are unresolved (the service: an alert not resolved)
     */
    public Trust assess(Device device, List<Finding> findings, long now, Predicate<Finding> open) {
        TreeSet<Long> times = new TreeSet<>();
        times.add(EventJson.nanos(device.firstSeen()));
        for (Finding f : findings) {
            times.add(Math.min(now, EventJson.nanos(f.firstSeen())));
        }
        times.add(now);
        List<Point> history = new ArrayList<>();
        List<TierChange> changes = new ArrayList<>();
        Tier tier = null;
        for (long t : times) {
            if (t > now) {
                break;
            }
            double s = score(device, findings, t, null);
            boolean held = findings.stream().anyMatch(f -> EventJson.nanos(f.firstSeen()) <= t && openDetection(f, open));
            Tier next = TierPolicy.held(tiers.next(tier, s), held);
            if (tier != null && next != tier) {
                List<String> causes = findings.stream().filter(f -> EventJson.nanos(f.firstSeen()) == t || EventJson.nanos(f.firstSeen()) <= t
                        && EventJson.nanos(f.firstSeen()) > previous(times, t)).map(Finding::type).distinct().toList();
                changes.add(new TierChange(device.id(), EventJson.time(t), tier.label(), next.label(), s, causes));
            }
            if (history.isEmpty() || history.get(history.size() - 1).score() != s || tier != next) {
                history.add(new Point(EventJson.time(t), s, next.label()));
            }
            tier = next;
        }
        List<Factor> factors = new ArrayList<>();
        double score = score(device, findings, now, factors);
        List<String> holding = findings.stream().filter(f -> EventJson.nanos(f.firstSeen()) <= now && openDetection(f, open))
                .map(Finding::type).distinct().sorted().toList();
        Tier last = tier == null ? TierPolicy.held(tiers.next(null, score), !holding.isEmpty()) : tier;
        return new Trust(score, last.label(), factors, history, changes, holding);
    }

    private static long previous(TreeSet<Long> times, long t) {
        Long p = times.lower(t);
        return p == null ? Long.MIN_VALUE : p;
    }

    static double round(double x) {
        return Math.round(x * 100) / 100.0;
    }
}
