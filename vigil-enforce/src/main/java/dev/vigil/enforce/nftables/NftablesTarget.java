package dev.vigil.enforce.nftables;

import dev.vigil.detect.segmentation.CompiledPolicy;
import dev.vigil.detect.segmentation.Quarantine;
import dev.vigil.enforce.Applied;
import dev.vigil.enforce.EnforcementException;
import dev.vigil.enforce.EnforcementScope;
import dev.vigil.enforce.EnforcementTarget;
import dev.vigil.enforce.KernelCounters;
import dev.vigil.engine.net.Ip;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The nftables enforcement point of one network namespace: the table {@code inet vigil} and
 * nothing else. Applying checks the scope, skips a ruleset whose content is already in force,
 * validates the new one with {@code nft -c}, replaces the table in one {@code nft -f} transaction
 * (the kernel applies a batch whole or not at all) and reads back what is in force.
 */
public final class NftablesTarget implements EnforcementTarget {

    private final String netns;
    private final EnforcementScope scope;
    final Nft nft;
    /** The timed elements last put in force, by their text, so a refresh adds only what is new. */
    private final Set<String> timedInForce = new HashSet<>();

    /**
     * @param netns the network namespace to act in, or null for the host's (then the scope must say "host")
     * @param scope where this target may act
     * @param scratch where nft scripts are written before they run
     */
    public NftablesTarget(String netns, EnforcementScope scope, Path scratch) {
        this.netns = netns;
        this.scope = scope;
        this.nft = new Nft(netns, scratch);
    }

    @Override
    public String describe() {
        return "nftables table " + NftRenderer.TABLE + " in " + (netns == null ? "the host's network namespace"
                : "network namespace " + netns) + (scope.interfaces().isEmpty() ? ""
                : " (interfaces " + String.join(", ", scope.interfaces()) + ")");
    }

    @Override
    public Applied apply(CompiledPolicy policy, long now) throws EnforcementException {
        scope.check(netns);
        long t0 = System.nanoTime();
        NftRenderer.Rendered r = NftRenderer.render(policy, scope.interfaces(), now);
        KernelCounters live = info();
        if (r.content().equals(live.content())) {
            rememberTimed(policy, now);
            return new Applied("unchanged", live.revision(), live.content(), r.elements(), System.nanoTime() - t0);
        }
        String script = r.replaceScript();
        Nft.Result check = nft.script(script, true);
        if (check.exit() != 0) {
            throw new EnforcementException("nft -c refused the ruleset, nothing changed: " + Nft.firstLine(check));
        }
        Nft.Result done = nft.script(script, false);
        if (done.exit() != 0) {
            throw new EnforcementException("nft -f failed, the previous ruleset stays in force: " + Nft.firstLine(done));
        }
        KernelCounters now2 = info();
        if (!r.content().equals(now2.content())) {
            throw new EnforcementException("after nft -f the kernel holds content " + now2.content() + ", not "
                    + r.content() + ": another writer changed the table");
        }
        rememberTimed(policy, now);
        return new Applied("applied", now2.revision(), now2.content(), r.elements(), System.nanoTime() - t0);
    }

    @Override
    public Applied quarantine(Quarantine q, long now) throws EnforcementException {
        return hold(q, now, true);
    }

    @Override
    public Applied release(Quarantine q) throws EnforcementException {
        return hold(q, 0, false);
    }

    /**
     * Puts a quarantine's addresses in the quarantine sets, or takes them out. Add, delete (and add
     * again): one transaction that works whether or not the address was held, and gives a held
     * address its new timeout.
     */
    private Applied hold(Quarantine q, long now, boolean hold) throws EnforcementException {
        scope.check(netns);
        long t0 = System.nanoTime();
        StringBuilder s = new StringBuilder();
        for (Ip a : q.addresses()) {
            String set = NftRenderer.TABLE + " quarantine" + (a.isV4() ? "4" : "6");
            s.append("add element ").append(set).append(" { ").append(a).append(" }\n");
            s.append("delete element ").append(set).append(" { ").append(a).append(" }\n");
            if (hold) {
                s.append("add element ").append(set).append(" { ").append(NftRenderer.quarantineElement(q, a, now)).append(" }\n");
            }
        }
        run(s.toString(), (hold ? "quarantine of " : "release of ") + q.device());
        KernelCounters k = info();
        return new Applied("updated", k.revision(), k.content(), q.addresses().size(), System.nanoTime() - t0);
    }

    @Override
    public Applied refreshTimed(CompiledPolicy policy, long now) throws EnforcementException {
        scope.check(netns);
        long t0 = System.nanoTime();
        KernelCounters k = info();
        if (!policy.revision().equals(k.revision())) {
            throw new EnforcementException("the ruleset in force is revision " + k.revision() + ", not " + policy.revision()
                    + ": apply the policy first");
        }
        StringBuilder s = new StringBuilder();
        long added = 0;
        for (TimedElement t : timed(policy, now)) {
            if (timedInForce.add(t.key())) {
                s.append("add element ").append(NftRenderer.TABLE).append(' ').append(t.set()).append(" { ")
                        .append(t.text().render()).append(" }\n");
                added++;
            }
        }
        if (added > 0) {
            run(s.toString(), "DNS-driven update");
        }
        return new Applied(added > 0 ? "updated" : "unchanged", k.revision(), k.content(), added, System.nanoTime() - t0);
    }

    @Override
    public KernelCounters counters() throws EnforcementException {
        Nft.Result r = nft.run("-j", "list", "table", "inet", "vigil");
        if (r.exit() != 0) {
            if (r.err().contains("No such file or directory")) {
                return new KernelCounters(null, null, java.util.Map.of());
            }
            throw new EnforcementException("nft -j list table inet vigil failed: " + Nft.firstLine(r));
        }
        return NftCounters.parse(r.out());
    }

    /** What is in force (revision and content, from the table's info element), without reading every counter. */
    KernelCounters info() throws EnforcementException {
        return listed("set", "info");
    }

    @Override
    public KernelCounters quarantineCounters() throws EnforcementException {
        KernelCounters out = listed("chain", "quarantine_out");
        KernelCounters in = listed("chain", "quarantine_in");
        java.util.Map<String, KernelCounters.Counter> all = new java.util.HashMap<>(out.byKey());
        all.putAll(in.byKey());
        return new KernelCounters(out.revision(), out.content(), java.util.Map.copyOf(all));
    }

    /** One object of the table as nft -j lists it; an absent table reads as nothing in force. */
    private KernelCounters listed(String kind, String name) throws EnforcementException {
        Nft.Result r = nft.run("-j", "list", kind, "inet", "vigil", name);
        if (r.exit() != 0) {
            if (r.err().contains("No such file or directory")) {
                return new KernelCounters(null, null, java.util.Map.of());
            }
            throw new EnforcementException("nft -j list " + kind + " inet vigil " + name + " failed: " + Nft.firstLine(r));
        }
        return NftCounters.parse(r.out());
    }

    /** Reads a table of any owner, for checking it was left as it was. */
    public String list(String family, String table) throws EnforcementException {
        Nft.Result r = nft.run("list", "table", family, table);
        if (r.exit() != 0) {
            throw new EnforcementException("nft list table " + family + " " + table + " failed: " + Nft.firstLine(r));
        }
        return r.out();
    }

    private void run(String script, String what) throws EnforcementException {
        Nft.Result check = nft.script(script, true);
        if (check.exit() != 0) {
            throw new EnforcementException("nft -c refused the " + what + ", nothing changed: " + Nft.firstLine(check));
        }
        Nft.Result r = nft.script(script, false);
        if (r.exit() != 0) {
            throw new EnforcementException("nft -f failed for the " + what + ", nothing changed: " + Nft.firstLine(r));
        }
    }

    private record TimedElement(String set, NftElements.Text text) {
        String key() {
            return set + " " + text.value() + " " + text.comment();
        }
    }

    private void rememberTimed(CompiledPolicy policy, long now) {
        timedInForce.clear();
        for (TimedElement t : timed(policy, now)) {
            timedInForce.add(t.key());
        }
    }

    private static List<TimedElement> timed(CompiledPolicy policy, long now) {
        List<TimedElement> out = new ArrayList<>();
        List<CompiledPolicy.SourceGroup> all = new ArrayList<>(policy.groups());
        all.add(policy.anonymous());
        for (CompiledPolicy.SourceGroup g : all) {
            for (CompiledPolicy.Element e : g.timed()) {
                if (e.expires() <= now) {
                    continue;
                }
                String f = e.box().dst().isV4() ? "4" : "6";
                String tag = e.allow() ? "a" : "d";
                for (NftElements.Text t : NftElements.of(e, true, true, now)) {
                    out.add(new TimedElement(g.id() + "_t" + tag + f, t));
                }
                for (NftElements.Text t : NftElements.of(e, true, false, now)) {
                    out.add(new TimedElement(g.id() + "_t" + tag + "p" + f, t));
                }
            }
        }
        return out;
    }
}
