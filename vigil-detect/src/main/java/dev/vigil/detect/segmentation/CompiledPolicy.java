package dev.vigil.detect.segmentation;

import dev.vigil.engine.net.Ip;
import java.util.List;
import java.util.Map;

/**
 * A policy as disjoint regions per source, at one moment: what an enforcement point renders, and a
 * model of it that answers like the rendered ruleset does ({@link #evaluate}). Each device's
 * addresses that the policy treats alike form a source group; addresses of no device share one
 * anonymous group whose regions carry source ranges. Timed elements (exceptions that expire,
 * rules on DNS names whose bindings expire) are looked up before the permanent ones, which are
 * computed as if the timed rules were absent, so that when one times out the rest still says what
 * the policy says.
 *
 * @param policy the policy's name
 * @param revision its revision
 * @param at the moment it was compiled for (nanoseconds)
 * @param groups the source groups of devices
 * @param anonymous the group of addresses of no device
 * @param groupOf the group of each device address
 * @param quarantines quarantines in force at {@code at}
 * @param profile what quarantined devices may reach
 */
public record CompiledPolicy(String policy, String revision, long at, List<SourceGroup> groups, SourceGroup anonymous,
        Map<Ip, SourceGroup> groupOf, List<Quarantine> quarantines, QuarantineProfile profile) {

    /** Permanent elements: they never expire. */
    public static final long FOREVER = Long.MAX_VALUE;

    /**
     * One element of a region.
     *
     * @param box the flows it covers
     * @param allow its verdict
     * @param rule the rule it comes from, or null for a zone's default
     * @param reason what the counters and comments call it ("rule cams-nvr", "default deny: zone cameras")
     * @param expires when it stops applying (nanoseconds), or {@link #FOREVER}
     * @param note what else explains it (the DNS name of a binding), or null
     */
    public record Element(Box box, boolean allow, String rule, String reason, long expires, String note) {
    }

    /**
     * @param id a short name, unique in the policy (an enforcement point's chain name)
     * @param device the device's id, or null for the anonymous group
     * @param addresses the device addresses in the group (empty for the anonymous group)
     * @param zones the zones its sources are in
     * @param timed timed elements, looked up first
     * @param permanent permanent elements
     * @param defaultAllow the verdict when no element holds the flow
     * @param defaultReason what the default is called
     */
    public record SourceGroup(String id, String device, List<Ip> addresses, List<String> zones, List<Element> timed,
            List<Element> permanent, boolean defaultAllow, String defaultReason) {
    }

    /**
     * What the compiled policy does with a flow at {@code now} (at or after {@link #at}): the element
     * that decides (null for a default or the quarantine) and the reason.
     */
    public record Outcome(boolean allowed, Element element, String reason, SourceGroup group) {
    }

    public Outcome evaluate(Ip src, Ip dst, int proto, int port, long now) {
        int p = Service.normalPort(proto, port);
        for (Quarantine q : quarantines) {
            if (q.activeAt(now) && q.addresses().contains(src)) {
                String as = profile.permits(dst, proto, p);
                return new Outcome(as != null, null, "quarantine: " + (as == null ? "blocked" : as), null);
            }
        }
        for (Quarantine q : quarantines) {
            if (q.activeAt(now) && q.addresses().contains(dst)) {
                return new Outcome(false, null, "quarantine: destination", null);
            }
        }
        SourceGroup g = groupOf.getOrDefault(src, anonymous);
        for (Element e : g.timed()) {
            if (now < e.expires() && e.box().contains(src, dst, proto, p)) {
                return new Outcome(e.allow(), e, e.reason(), g);
            }
        }
        for (Element e : g.permanent()) {
            if (e.box().contains(src, dst, proto, p)) {
                return new Outcome(e.allow(), e, e.reason(), g);
            }
        }
        return new Outcome(g.defaultAllow(), null, g.defaultReason(), g);
    }

    /** Every element of every group. */
    public long elementCount() {
        long n = anonymous.timed().size() + anonymous.permanent().size();
        for (SourceGroup g : groups) {
            n += g.timed().size() + g.permanent().size();
        }
        return n;
    }
}
