package dev.vigil.enforce.nftables;

import dev.vigil.detect.segmentation.CompiledPolicy;
import dev.vigil.detect.segmentation.Quarantine;
import dev.vigil.engine.net.Ip;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Renders a compiled policy as the table {@code inet vigil}. Its forward chain returns early for
 * traffic outside the scope's interfaces, sends quarantined sources and destinations to their own
 * chains (before conntrack's shortcut, so established flows are cut too), lets established flows
 * through, and dispatches new ones by source address through a verdict map to one chain per source
 * group: timed sets first, then the permanent allow and deny sets, then the group's default with a
 * counter. Addresses of no device go to the anonymous chain, whose sets also carry the source.
 * Every element has a counter and a comment naming its rule and key.
 */
public final class NftRenderer {

    public static final String TABLE = "inet vigil";
    /** Marks conntrack entries a quarantined device may keep (its DNS, DHCP and notice-page flows). */
    static final String QUARANTINE_MARK = "0x56494751";

    /**
     * @param table the table's definition ({@code table inet vigil { … }})
     * @param content the hash of what it holds, timeouts aside: equal for equal content
     * @param elements how many elements it holds
     */
    public record Rendered(String table, String content, long elements, String revision) {

        /** The transaction that replaces the table (creating it first, so the delete cannot fail). */
        public String replaceScript() {
            return "table " + TABLE + "\ndelete table " + TABLE + "\n" + table;
        }
    }

    private final StringBuilder out = new StringBuilder();
    private final StringBuilder canon = new StringBuilder();
    private long elements;
    private final long now;

    private NftRenderer(long now) {
        this.now = now;
    }

    /**
     * @param interfaces the interfaces in scope (empty: all)
     * @param now the moment timeouts count from (nanoseconds)
     */
    public static Rendered render(CompiledPolicy cp, List<String> interfaces, long now) {
        NftRenderer r = new NftRenderer(now);
        String body = r.table(cp, interfaces);
        String content = sha(r.canon.toString() + body.replaceAll(" timeout [0-9dhms]+", ""));
        String info = "\tset info {\n\t\ttype inet_service\n\t\telements = { 0 comment \"" + NftElements.comment(
                "vigil policy=" + cp.policy() + " revision=" + cp.revision() + " content=" + content) + "\" }\n\t}\n";
        return new Rendered(body.replace("\t#INFO#\n", info), content, r.elements, cp.revision());
    }

    static String sha(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private String table(CompiledPolicy cp, List<String> interfaces) {
        out.append("table ").append(TABLE).append(" {\n");
        out.append("\tcomment \"").append(NftElements.comment("Vigil policy " + cp.policy() + " revision " + cp.revision()
                + ": written by vigil policy apply; do not edit")).append("\"\n");
        out.append("\t#INFO#\n");
        quarantineSets(cp);
        List<String> v4 = new ArrayList<>();
        List<String> v6 = new ArrayList<>();
        for (CompiledPolicy.SourceGroup g : cp.groups()) {
            for (Ip a : g.addresses()) {
                String e = a + " comment \"" + NftElements.comment(g.device() + " " + String.join(",", g.zones())) + "\" : jump "
                        + g.id();
                (a.isV4() ? v4 : v6).add(e);
            }
        }
        map("src4", "ipv4_addr", v4);
        map("src6", "ipv6_addr", v6);
        for (CompiledPolicy.SourceGroup g : cp.groups()) {
            group(g, g.addresses().get(0).isV4() ? "4" : "6", false);
        }
        group(cp.anonymous(), "4", true);
        quarantineChains(cp);
        out.append("\tchain forward {\n\t\ttype filter hook forward priority filter; policy accept;\n");
        if (!interfaces.isEmpty()) {
            String set = "{ " + String.join(", ", interfaces.stream().map(i -> "\"" + i + "\"").toList()) + " }";
            out.append("\t\tiifname != ").append(set).append(" oifname != ").append(set).append(" return\n");
        }
        out.append("\t\tip saddr @quarantine4 jump quarantine_out\n\t\tip6 saddr @quarantine6 jump quarantine_out\n");
        out.append("\t\tip daddr @quarantine4 jump quarantine_in\n\t\tip6 daddr @quarantine6 jump quarantine_in\n");
        out.append("\t\tct state established,related accept\n");
        out.append("\t\tip saddr vmap @src4\n\t\tip6 saddr vmap @src6\n\t\tgoto anon\n\t}\n}\n");
        return out.toString();
    }

    private void map(String name, String type, List<String> entries) {
        out.append("\tmap ").append(name).append(" {\n\t\ttype ").append(type).append(" : verdict\n");
        if (!entries.isEmpty()) {
            out.append("\t\telements = { ").append(String.join(",\n\t\t\t     ", entries)).append(" }\n");
        }
        out.append("\t}\n");
    }

    /**
     * One source group's sets and chain.
     *
     * @param fam "4" or "6" (the anonymous group has both)
     */
    private void group(CompiledPolicy.SourceGroup g, String fam, boolean anonymous) {
        List<String> rules = new ArrayList<>();
        for (String f : anonymous ? List.of("4", "6") : List.of(fam)) {
            String ip = f.equals("4") ? "ip" : "ip6";
            String addr = f.equals("4") ? "ipv4_addr" : "ipv6_addr";
            String p = NftElements.PORT_PROTOCOL_SET;
            boolean timedSets = !g.pending().isEmpty();
            // timed sets always carry the source; the anonymous group's permanent ones too
            for (boolean allow : new boolean[] {true, false}) {
                String verdict = allow ? "accept" : "drop";
                String tag = allow ? "a" : "d";
                if (timedSets) {
                    set(g.id() + "_t" + tag + f, addr + " . " + addr + " . inet_proto . inet_service", true,
                            select(g.timed(), allow, f, true), true, true);
                    set(g.id() + "_t" + tag + "p" + f, addr + " . " + addr + " . inet_proto", true,
                            select(g.timed(), allow, f, false), true, false);
                    rules.add("meta l4proto " + p + " " + ip + " saddr . " + ip + " daddr . meta l4proto . th dport @"
                            + g.id() + "_t" + tag + f + " " + verdict);
                    rules.add("meta l4proto != " + p + " " + ip + " saddr . " + ip + " daddr . meta l4proto @" + g.id() + "_t"
                            + tag + "p" + f + " " + verdict);
                }
            }
            for (boolean allow : new boolean[] {true, false}) {
                String verdict = allow ? "accept" : "drop";
                String tag = allow ? "a" : "d";
                List<CompiledPolicy.Element> els = select(g.permanent(), allow, f, true);
                List<CompiledPolicy.Element> pls = select(g.permanent(), allow, f, false);
                String src = anonymous ? ip + " saddr . " : "";
                String type = anonymous ? addr + " . " + addr : addr;
                if (set(g.id() + "_" + tag + f, type + " . inet_proto . inet_service", false, els, anonymous, true)) {
                    rules.add("meta l4proto " + p + " " + src + ip + " daddr . meta l4proto . th dport @" + g.id() + "_" + tag
                            + f + " " + verdict);
                }
                if (set(g.id() + "_" + tag + "p" + f, type + " . inet_proto", false, pls, anonymous, false)) {
                    rules.add("meta l4proto != " + p + " " + src + ip + " daddr . meta l4proto @" + g.id() + "_" + tag + "p" + f
                            + " " + verdict);
                }
            }
        }
        out.append("\tchain ").append(g.id()).append(" {\n");
        for (String r : rules) {
            out.append("\t\t").append(r).append('\n');
        }
        out.append("\t\tcounter ").append(g.defaultAllow() ? "accept" : "drop").append(" comment \"")
                .append(NftElements.comment(g.defaultReason() + " [" + g.id() + "#default]")).append("\"\n\t}\n");
    }

    /** Elements of one verdict and family, with ports or without. */
    private static List<CompiledPolicy.Element> select(List<CompiledPolicy.Element> all, boolean allow, String fam,
            boolean ports) {
        List<CompiledPolicy.Element> out = new ArrayList<>();
        for (CompiledPolicy.Element e : all) {
            if (e.allow() == allow && e.box().dst().isV4() == fam.equals("4")
                    && !NftElements.split(e.box().protoLo(), e.box().protoHi(), ports).isEmpty()
                    && (ports || e.box().portLo() == 0)) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * Writes one set; returns whether it has elements (timed sets are written even empty, since
     * DNS answers fill them later).
     */
    private boolean set(String name, String type, boolean timed, List<CompiledPolicy.Element> els, boolean withSource,
            boolean ports) {
        List<NftElements.Text> texts = new ArrayList<>();
        for (CompiledPolicy.Element e : els) {
            if (e.expires() == CompiledPolicy.FOREVER || e.expires() > now) {
                texts.addAll(NftElements.of(e, withSource, ports, now));
            }
        }
        if (texts.isEmpty() && !timed) {
            return false;
        }
        out.append("\tset ").append(name).append(" {\n\t\ttype ").append(type).append("\n\t\tflags interval")
                .append(timed ? ",timeout" : "").append("\n\t\tcounter\n");
        if (!texts.isEmpty()) {
            out.append("\t\telements = { ");
            for (int i = 0; i < texts.size(); i++) {
                out.append(i == 0 ? "" : ",\n\t\t\t     ").append(texts.get(i).render());
                canon.append(name).append(' ').append(texts.get(i).canonical()).append('\n');
            }
            out.append(" }\n");
        }
        out.append("\t}\n");
        elements += texts.size();
        return true;
    }

    private void quarantineSets(CompiledPolicy cp) {
        for (String f : List.of("4", "6")) {
            List<String> els = new ArrayList<>();
            for (Quarantine q : cp.quarantines()) {
                for (Ip a : q.addresses()) {
                    if (a.isV4() == f.equals("4")) {
                        els.add(quarantineElement(q, a, now));
                    }
                }
            }
            String type = f.equals("4") ? "ipv4_addr" : "ipv6_addr";
            out.append("\tset quarantine").append(f).append(" {\n\t\ttype ").append(type)
                    .append("\n\t\tflags timeout\n\t\tcounter\n");
            if (!els.isEmpty()) {
                out.append("\t\telements = { ").append(String.join(",\n\t\t\t     ", els)).append(" }\n");
                els.forEach(e -> canon.append("quarantine ").append(e.replaceAll(" timeout [0-9dhms]+", "")).append('\n'));
            }
            out.append("\t}\n");
            List<Ip> resolvers = cp.profile().resolvers().stream().filter(a -> a.isV4() == f.equals("4")).toList();
            List<Ip> notice = cp.profile().notice().stream().filter(a -> a.isV4() == f.equals("4")).toList();
            plain("q_resolver" + f, type, resolvers);
            plain("q_notice" + f, type, notice);
        }
    }

    /** The element of a quarantined address, timing out when the quarantine ends. */
    static String quarantineElement(Quarantine q, Ip a, long now) {
        return a + " timeout " + NftElements.duration(NftElements.timeout(q.until(), now)) + " comment \""
                + NftElements.comment("quarantine " + q.device() + ": " + q.reason() + " (offence " + q.offence() + ", by "
                + q.by() + ")") + "\"";
    }

    private void plain(String name, String type, List<Ip> addrs) {
        out.append("\tset ").append(name).append(" {\n\t\ttype ").append(type).append('\n');
        if (!addrs.isEmpty()) {
            out.append("\t\telements = { ").append(String.join(", ", addrs.stream().map(Ip::toString).toList())).append(" }\n");
        }
        out.append("\t}\n");
    }

    private void quarantineChains(CompiledPolicy cp) {
        String m = "ct mark set " + QUARANTINE_MARK + " counter accept comment ";
        out.append("\tchain quarantine_out {\n\t\tct mark ").append(QUARANTINE_MARK).append(" accept\n");
        out.append("\t\tudp dport 67 ").append(m).append("\"quarantine: dhcp [quarantine#dhcp]\"\n");
        for (String f : List.of("4", "6")) {
            String ip = f.equals("4") ? "ip" : "ip6";
            out.append("\t\t").append(ip).append(" daddr @q_resolver").append(f).append(" meta l4proto { tcp, udp } th dport 53 ")
                    .append(m).append("\"quarantine: dns [quarantine#dns]\"\n");
            String ports = String.join(", ", cp.profile().noticePorts().stream().map(String::valueOf).toList());
            out.append("\t\t").append(ip).append(" daddr @q_notice").append(f).append(" tcp dport { ").append(ports).append(" } ")
                    .append(m).append("\"quarantine: notice [quarantine#notice]\"\n");
        }
        out.append("\t\tcounter drop comment \"quarantine: blocked [quarantine#blocked]\"\n\t}\n");
        out.append("\tchain quarantine_in {\n\t\tct mark ").append(QUARANTINE_MARK).append(" accept\n");
        out.append("\t\tcounter drop comment \"quarantine: destination [quarantine#destination]\"\n\t}\n");
    }
}
