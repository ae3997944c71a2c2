package dev.vigil.detect.segmentation;

import dev.vigil.engine.net.Cidr;
import dev.vigil.engine.net.Ip;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes a policy in the file format {@link PolicyParser} reads: the canonical text its revision is
 * the hash of, and the same with a comment above each rule (what {@code vigil policy learn} writes
 * for people to review).
 */
public final class PolicyWriter {

    private PolicyWriter() {
    }

    /** The canonical text, without comments. */
    public static String canonical(Policy p) {
        return write(p, Map.of());
    }

    /**
     * The policy with comments: the header lines first, then before each rule the lines given for
     * it by name.
     */
    public static String write(Policy p, Map<String, List<String>> comments) {
        StringBuilder s = new StringBuilder();
        for (String c : comments.getOrDefault("", List.of())) {
            s.append("# ").append(c).append('\n');
        }
        s.append("policy ").append(p.name()).append('\n');
        s.append("default ").append(p.defaultAllow() ? "allow" : "deny").append('\n');
        MembershipRule m = p.membership();
        s.append("membership confidence ").append(m.confidence()).append(" observations ").append(m.observations()).append('\n');
        if (!p.localNetworks().equals(Policy.DEFAULT_LOCAL)) {
            s.append("local-networks ").append(cidrs(p.localNetworks())).append('\n');
        }
        p.controllers().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> s.append("controller ")
                .append(new Target.Controller(e.getKey()).text().substring(11)).append(' ').append(ips(e.getValue())).append('\n'));
        if (p.dnsMarginSeconds() != Policy.DEFAULT_DNS_MARGIN) {
            s.append("dns-margin ").append(p.dnsMarginSeconds()).append('\n');
        }
        QuarantineProfile q = p.quarantine();
        if (!q.resolvers().isEmpty()) {
            s.append("quarantine resolver ").append(ips(q.resolvers()));
            if (!q.notice().isEmpty()) {
                s.append(" notice ").append(ips(q.notice()));
            }
            if (!q.noticePorts().equals(List.of(80, 443))) {
                s.append(" ports ").append(q.noticePorts().stream().map(String::valueOf).collect(Collectors.joining(",")));
            }
            s.append('\n');
        }
        if (!q.approval().isEmpty()) {
            s.append("quarantine approval ").append(String.join(",", q.approval())).append('\n');
        }
        for (Zone z : p.zones().values()) {
            s.append("zone ").append(z.name());
            for (Selector sel : z.selectors()) {
                s.append(' ').append(quoted(sel.toString()));
            }
            s.append('\n');
            Boolean d = p.zoneDefaults().get(z.name());
            if (d != null) {
                s.append("default ").append(d ? "allow" : "deny").append(" zone ").append(z.name()).append('\n');
            }
        }
        for (String v : p.vlans().lines()) {
            s.append(v).append('\n');
        }
        for (Template t : p.templates().values().stream().sorted(java.util.Comparator.comparing(Template::name)).toList()) {
            if (Template.BUILT_IN.containsKey(t.name())) {
                continue;
            }
            s.append("template ").append(t.name()).append(' ').append(services(t.services()));
            if (!t.groups().isEmpty()) {
                s.append(" group ").append(cidrs(t.groups()));
            }
            s.append(t.bothWays() ? " both-ways\n" : "\n");
        }
        Set<String> written = new LinkedHashSet<>();
        for (Rule r : p.rules()) {
            if (!written.add(r.name())) {
                continue;
            }
            for (String c : comments.getOrDefault(r.name(), List.of())) {
                s.append("# ").append(c).append('\n');
            }
            if (r.exemption() != null) {
                Rule.Exemption e = r.exemption();
                String exp = e.expires().atOffset(ZoneOffset.UTC).toLocalTime().equals(java.time.LocalTime.MIDNIGHT)
                        ? e.expires().atOffset(ZoneOffset.UTC).toLocalDate().minusDays(1).toString() : e.expires().toString();
                s.append("exception ").append(r.name()).append(": ").append(r.from().text()).append(" -> ")
                        .append(r.to().text()).append(" template ").append(e.template()).append(" owner ")
                        .append(quoted(e.owner())).append(" expires ").append(exp).append('\n');
            } else {
                s.append(r.allow() ? "allow " : "deny ").append(r.name()).append(": ").append(r.from().text())
                        .append(" -> ").append(r.to().text()).append(' ').append(services(r.services())).append('\n');
            }
        }
        return s.toString();
    }

    /** The revision of a policy: the first 12 hex digits of the SHA-256 of its canonical text. */
    public static String revision(Policy p) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(canonical(p).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    static String services(List<Service> services) {
        // ports of one protocol are written together: tcp/80,443
        List<String> out = new ArrayList<>();
        String proto = null;
        StringBuilder cur = null;
        for (Service s : services) {
            String t = s.toString();
            int slash = t.indexOf('/');
            String p = slash < 0 ? null : t.substring(0, slash);
            if (p != null && p.equals(proto)) {
                cur.append(',').append(t.substring(slash + 1));
                continue;
            }
            if (cur != null) {
                out.add(cur.toString());
            }
            cur = new StringBuilder(t);
            proto = p;
        }
        if (cur != null) {
            out.add(cur.toString());
        }
        return String.join(" ", out);
    }

    private static String cidrs(List<Cidr> c) {
        return c.stream().map(Cidr::toString).collect(Collectors.joining(","));
    }

    private static String ips(List<Ip> c) {
        return c.stream().map(Ip::toString).collect(Collectors.joining(","));
    }

    private static String quoted(String s) {
        return s.contains(" ") || s.contains("#") ? '"' + s + '"' : s;
    }
}
