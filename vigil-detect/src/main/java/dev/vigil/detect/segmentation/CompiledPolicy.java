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
     * @param key what counters call it: "GROUP#pN" for the N-th permanent element of a group,
     *     "GROUP#t:RULE" for the timed elements of a rule (they come and go with DNS answers)
     */
    public record Element(Box box, boolean allow, String rule, String reason, long expires, String note, String key) {
    }

    /**
     * @param id a short name, unique in the policy (an enforcement point's chain name)
     * @param device the device's id, or null for the anonymous group
     * @param addresses the device addresses in the group (empty for the anonymous group)
     * @param zones the zones its sources are in
     * @param timed timed elements, looked up first
     * @param permanent permanent elements, in the order of the rules that made them
     * @param pending the timed rules, each with how many permanent elements the rules before it made
     * @param defaultAllow the verdict when no element holds the flow
     * @param defaultReason what the default is called
     */
    public record SourceGroup(String id, String device, List<Ip> addresses, List<String> zones, List<Element> timed,
            List<Element> permanent, List<Pending> pending, boolean defaultAllow, String defaultReason) {
    }

    /**
     * A timed rule as a group sees it, for judging flows long after {@link #at}.
     *
     * @param rule the rule
     * @param before how many permanent elements of the group the rules before it made
     */
    public record Pending(Rule rule, int before) {
    }

    /**
     * What the compiled policy does with a flow at {@code now} (at or after {@link #at}): the element
     * that decides (null for a default or the quarantine) and the reason.
     */
    public record Outcome(boolean allowed, Element element, String reason, SourceGroup group) {

        /**
         * What counters call the decision: the element's key, "GROUP#default" for a group's default,
         * "quarantine#dhcp|dns|notice|blocked|destination" for the quarantine.
         */
        public String key() {
            if (group == null) {
                return "quarantine#" + reason.substring(reason.indexOf(": ") + 2);
            }
            return element == null ? group.id() + "#default" : element.key();
        }
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

    /**
     * What the policy does with a flow at any moment, with timed rules judged at {@code now} from
     * the context's DNS bindings, exceptions and quarantines instead of from the elements made at
     * {@link #at}: how the simulator replays a long window without recompiling at every DNS answer.
     * A timed rule decides a flow when it matches and no permanent rule before it holds the flow,
     * the same first-match the timed elements encode.
     */
    public Outcome evaluateLive(Ip src, Ip dst, int proto, int port, long now, Decider decider) {
        int p = Service.normalPort(proto, port);
        PolicyContext ctx = decider.context();
        if (ctx.quarantined(src, now) != null) {
            String as = profile.permits(dst, proto, p);
            return new Outcome(as != null, null, "quarantine: " + (as == null ? "blocked" : as), null);
        }
        if (ctx.quarantined(dst, now) != null) {
            return new Outcome(false, null, "quarantine: destination", null);
        }
        SourceGroup g = groupOf.getOrDefault(src, anonymous);
        for (Pending t : g.pending()) {
            Rule r = t.rule();
            if (!r.liveAt(now) || !r.offers(proto, p) || !decider.matches(r, src, dst, now)) {
                continue;
            }
            boolean earlier = false;
            for (int i = 0; i < t.before() && !earlier; i++) {
                earlier = g.permanent().get(i).box().contains(src, dst, proto, p);
            }
            if (!earlier) {
                return new Outcome(r.allow(), new Element(null, r.allow(), r.name(), "rule " + r.name(), FOREVER, null,
                        g.id() + "#t:" + r.name()),
                        "rule " + r.name(), g);
            }
        }
        for (Element e : g.permanent()) {
            if (e.box().contains(src, dst, proto, p)) {
                return new Outcome(e.allow(), e, e.reason(), g);
            }
        }
        return new Outcome(g.defaultAllow(), null, g.defaultReason(), g);
    }
}
