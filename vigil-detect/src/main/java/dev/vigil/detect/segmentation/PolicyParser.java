package dev.vigil.detect.segmentation;

import dev.vigil.engine.net.Cidr;
import dev.vigil.engine.net.Ip;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the policy file format of docs/policy.md: one statement a line, {@code #} comments. The first
 * problem stops it with a {@link PolicyException} naming the file, the line and what is wrong.
 */
public final class PolicyParser {

    /** Bounds a file may not pass, so a mistaken input cannot exhaust memory. */
    public static final int MAX_LINES = 200_000;
    public static final int MAX_LINE_LENGTH = 4_096;

    private final String file;
    private String name;
    private boolean defaultAllow;
    private final Map<String, Boolean> zoneDefaults = new LinkedHashMap<>();
    private final Map<String, Integer> zoneDefaultLines = new HashMap<>();
    private MembershipRule membership = MembershipRule.DEFAULT;
    private List<Cidr> local = Policy.DEFAULT_LOCAL;
    private final Map<String, List<Ip>> controllers = new LinkedHashMap<>();
    private long dnsMargin = Policy.DEFAULT_DNS_MARGIN;
    private QuarantineProfile quarantine = QuarantineProfile.NONE;
    private List<String> approval = List.of();
    private int approvalLine;
    private final Map<String, Zone> zones = new LinkedHashMap<>();
    private final Map<String, Template> templates = new LinkedHashMap<>(Template.BUILT_IN);
    private final Map<String, Integer> templateLines = new HashMap<>();
    private final List<PendingRule> pending = new ArrayList<>();
    private final Map<String, Integer> ruleLines = new HashMap<>();
    private final VlanStatements vlans = new VlanStatements();

    private record PendingRule(String name, boolean allow, String from, String to, List<Service> services, int line,
            String template, String owner, Instant expires) {
    }

    private PolicyParser(String file) {
        this.file = file;
    }

    public static Policy parse(Path path) throws PolicyException {
        String text;
        try {
            if (Files.size(path) > (long) MAX_LINES * MAX_LINE_LENGTH) {
                throw new PolicyException(path.toString(), 0, "too large for a policy file");
            }
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new PolicyException(path.toString(), 0, "no such file");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new PolicyException(path.toString(), 0, "not UTF-8 text");
        } catch (IOException e) {
            throw new PolicyException(path.toString(), 0, "cannot read: " + e.getMessage());
        }
        return parse(path.toString(), text);
    }

    public static Policy parse(String file, String text) throws PolicyException {
        PolicyParser p = new PolicyParser(file);
        String[] lines = text.split("\n", -1);
        if (lines.length > MAX_LINES) {
            throw new PolicyException(file, 0, "more than " + MAX_LINES + " lines");
        }
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].length() > MAX_LINE_LENGTH) {
                throw new PolicyException(file, i + 1, "line longer than " + MAX_LINE_LENGTH + " characters");
            }
            List<String> t = PolicyTokens.split(lines[i]);
            if (t == null) {
                throw new PolicyException(file, i + 1, "a quote is not closed");
            }
            if (!t.isEmpty()) {
                try {
                    p.statement(t, i + 1);
                } catch (IllegalArgumentException e) {
                    throw new PolicyException(file, i + 1, e.getMessage());
                }
            }
        }
        return p.build();
    }

    private void statement(List<String> t, int line) throws PolicyException {
        String kw = t.get(0);
        switch (kw) {
            case "policy" -> {
                need(t, 2, 2, "policy NAME");
                name = t.get(1);
            }
            case "default" -> defaults(t, line);
            case "membership" -> {
                need(t, 5, 5, "membership confidence NUMBER observations COUNT");
                if (!t.get(1).equals("confidence") || !t.get(3).equals("observations")) {
                    throw fail(line, "expected: membership confidence NUMBER observations COUNT");
                }
                membership = new MembershipRule(number(t.get(2)), count(t.get(4)));
            }
            case "local-networks" -> {
                need(t, 2, 2, "local-networks CIDR[,CIDR…]");
                local = cidrs(t.get(1));
            }
            case "controller" -> {
                need(t, 3, 3, "controller dns|ntp|URI ADDRESS[,ADDRESS…]");
                controllers.put(new Target.Controller(t.get(1)).uri(), addresses(t.get(2)));
            }
            case "dns-margin" -> {
                need(t, 2, 2, "dns-margin SECONDS");
                dnsMargin = count(t.get(1));
            }
            case "quarantine" -> quarantine(t, line);
            case "zone" -> zone(t, line);
            case "template" -> template(t, line);
            case "allow", "deny" -> rule(t, line);
            case "exception" -> exception(t, line);
            case "vlan" -> vlans.add(t, line);
            default -> throw fail(line, "unknown statement '" + kw + "' (policy, default, membership, local-networks, "
                    + "controller, dns-margin, quarantine, zone, template, allow, deny, exception, vlan)");
        }
    }

    private void defaults(List<String> t, int line) throws PolicyException {
        if (!(t.size() == 2 || (t.size() == 4 && t.get(2).equals("zone")))
                || !(t.get(1).equals("allow") || t.get(1).equals("deny"))) {
            throw fail(line, "expected: default allow|deny [zone NAME]");
        }
        boolean allow = t.get(1).equals("allow");
        if (t.size() == 2) {
            defaultAllow = allow;
        } else {
            zoneDefaults.put(t.get(3), allow);
            zoneDefaultLines.put(t.get(3), line);
        }
    }

    private void quarantine(List<String> t, int line) throws PolicyException {
        if (t.size() > 1 && t.get(1).equals("approval")) {
            if (t.size() != 3) {
                throw fail(line, "expected: quarantine approval all | quarantine approval ZONE{,ZONE}");
            }
            approval = List.of(t.get(2).split(","));
            approvalLine = line;
            return;
        }
        List<Ip> resolvers = List.of();
        List<Ip> notice = List.of();
        List<Integer> ports = List.of(80, 443);
        for (int i = 1; i < t.size(); i += 2) {
            if (i + 1 >= t.size()) {
                throw fail(line, "'" + t.get(i) + "' needs a value");
            }
            String v = t.get(i + 1);
            switch (t.get(i)) {
                case "resolver" -> resolvers = addresses(v);
                case "notice" -> notice = addresses(v);
                case "ports" -> {
                    List<Integer> ps = new ArrayList<>();
                    for (Service s : Service.parse("tcp/" + v)) {
                        if (s.portLo() != s.portHi()) {
                            throw fail(line, "notice ports are single ports, not a range");
                        }
                        ps.add(s.portLo());
                    }
                    ports = ps;
                }
                default -> throw fail(line, "expected: quarantine resolver ADDRESSES [notice ADDRESSES] [ports PORTS], "
                        + "or quarantine approval ZONES");
            }
        }
        if (resolvers.isEmpty()) {
            throw fail(line, "a quarantine profile needs its resolver addresses (quarantine resolver ADDRESS…)");
        }
        quarantine = new QuarantineProfile(resolvers, notice, ports);
    }

    private void zone(List<String> t, int line) throws PolicyException {
        if (t.size() < 3) {
            throw fail(line, "expected: zone NAME ATTRIBUTE=VALUE… (a zone needs at least one selector)");
        }
        String zname = declared(t.get(1), line, "zone");
        if (zones.containsKey(zname)) {
            throw fail(line, "zone '" + zname + "' is already defined on line " + zones.get(zname).line());
        }
        List<Selector> sels = new ArrayList<>();
        for (String s : t.subList(2, t.size())) {
            int eq = s.indexOf('=');
            if (eq <= 0 || eq == s.length() - 1) {
                throw fail(line, "'" + s + "' is not a selector (ATTRIBUTE=VALUE or ATTRIBUTE!=VALUE)");
            }
            boolean neg = s.charAt(eq - 1) == '!';
            String attr = s.substring(0, neg ? eq - 1 : eq);
            Selector.Attribute a = Selector.Attribute.of(attr);
            if (a == null) {
                throw fail(line, "unknown attribute '" + attr + "' (device, type, vendor, model, subnet, vlan, site, "
                        + "criticality, tag, tier, manufacturer)");
            }
            sels.add(Selector.of(a, neg, List.of(s.substring(eq + 1).split(","))));
        }
        zones.put(zname, new Zone(zname, sels, line));
    }

    private void template(List<String> t, int line) throws PolicyException {
        if (t.size() < 3) {
            throw fail(line, "expected: template NAME SERVICE… [group CIDR[,CIDR…]] [both-ways]");
        }
        String tname = declared(t.get(1), line, "template");
        if (templateLines.containsKey(tname) || Template.BUILT_IN.containsKey(tname)) {
            throw fail(line, "template '" + tname + "' is already defined"
                    + (templateLines.containsKey(tname) ? " on line " + templateLines.get(tname) : " (built in)"));
        }
        List<Service> services = new ArrayList<>();
        List<Cidr> groups = List.of();
        boolean both = false;
        for (int i = 2; i < t.size(); i++) {
            String w = t.get(i);
            if (w.equals("both-ways")) {
                both = true;
            } else if (w.equals("group")) {
                if (++i >= t.size()) {
                    throw fail(line, "'group' needs its addresses");
                }
                groups = cidrs(t.get(i));
            } else {
                services.addAll(Service.parse(w));
            }
        }
        if (services.isEmpty()) {
            throw fail(line, "template '" + tname + "' opens no service");
        }
        templates.put(tname, new Template(tname, services, groups, both));
        templateLines.put(tname, line);
    }

    private void rule(List<String> t, int line) throws PolicyException {
        if (t.size() < 6 || !t.get(1).endsWith(":") || !t.get(3).equals("->")) {
            throw fail(line, "expected: " + t.get(0) + " NAME: FROM -> TO SERVICE…");
        }
        String rname = ruleName(t.get(1), line);
        List<Service> services = new ArrayList<>();
        for (String s : t.subList(5, t.size())) {
            services.addAll(Service.parse(s));
        }
        pending.add(new PendingRule(rname, t.get(0).equals("allow"), t.get(2), t.get(4), services, line, null, null, null));
    }

    private void exception(List<String> t, int line) throws PolicyException {
        if (t.size() < 5 || !t.get(1).endsWith(":") || !t.get(3).equals("->")) {
            throw fail(line, "expected: exception NAME: FROM -> TO template NAME owner OWNER expires DATE");
        }
        String rname = ruleName(t.get(1), line);
        Map<String, String> kv = new HashMap<>();
        for (int i = 5; i < t.size(); i += 2) {
            String k = t.get(i);
            if (!(k.equals("template") || k.equals("owner") || k.equals("expires")) || i + 1 >= t.size()) {
                throw fail(line, "expected: exception NAME: FROM -> TO template NAME owner OWNER expires DATE");
            }
            kv.put(k, t.get(i + 1));
        }
        if (!kv.containsKey("template")) {
            throw fail(line, "exception '" + rname + "' names no template (template mdns|ssdp|app-control|NAME)");
        }
        if (!kv.containsKey("owner")) {
            throw fail(line, "exception '" + rname + "' has no owner: every exception needs 'owner WHO'");
        }
        if (!kv.containsKey("expires")) {
            throw fail(line, "exception '" + rname + "' has no expiry: every exception needs 'expires DATE'");
        }
        pending.add(new PendingRule(rname, true, t.get(2), t.get(4), List.of(), line, kv.get("template"), kv.get("owner"),
                expiry(kv.get("expires"), line)));
    }

    private Instant expiry(String v, int line) throws PolicyException {
        try {
            if (v.length() == 10) {
                // a date is the whole of that day, UTC
                return LocalDate.parse(v).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw fail(line, "'" + v + "' is not a date (YYYY-MM-DD) or an instant (YYYY-MM-DDTHH:MM:SSZ)");
        }
    }

    private String ruleName(String token, int line) throws PolicyException {
        String rname = declared(token.substring(0, token.length() - 1), line, "rule");
        if (ruleLines.containsKey(rname)) {
            throw fail(line, "rule '" + rname + "' is already defined on line " + ruleLines.get(rname));
        }
        ruleLines.put(rname, line);
        return rname;
    }

    private String declared(String n, int line, String what) throws PolicyException {
        if (!PolicyTokens.name(n)) {
            throw fail(line, "'" + n + "' is not a " + what + " name (a letter, then letters, digits, '-', '_' or '.')");
        }
        return n;
    }

    private Policy build() throws PolicyException {
        for (Map.Entry<String, Integer> d : zoneDefaultLines.entrySet()) {
            if (!zones.containsKey(d.getKey())) {
                throw fail(d.getValue(), "default for unknown zone '" + d.getKey() + "'" + known());
            }
        }
        for (String z : approval) {
            if (!z.equals(QuarantineProfile.ALL) && !zones.containsKey(z)) {
                throw fail(approvalLine, "quarantine approval for unknown zone '" + z + "'" + known());
            }
        }
        quarantine = quarantine.withApproval(approval);
        List<Rule> exceptions = new ArrayList<>();
        List<Rule> rules = new ArrayList<>();
        for (PendingRule p : pending) {
            Target from = target(p.from, p.line);
            Target to = target(p.to, p.line);
            if (from instanceof Target.SameManufacturer && to instanceof Target.SameManufacturer) {
                throw fail(p.line, "same-manufacturer is relative to the other side: it cannot be both");
            }
            if (p.template == null) {
                rules.add(new Rule(p.name, p.allow, from, to, p.services, p.line, null));
                continue;
            }
            Template tpl = templates.get(p.template);
            if (tpl == null) {
                throw fail(p.line, "unknown template '" + p.template + "' (" + String.join(", ", new java.util.TreeSet<>(templates.keySet())) + ")");
            }
            Rule.Exemption ex = new Rule.Exemption(tpl.name(), p.owner, p.expires);
            exceptions.add(new Rule(p.name, true, from, to, tpl.services(), p.line, ex));
            if (tpl.bothWays()) {
                exceptions.add(new Rule(p.name, true, to, from, tpl.services(), p.line, ex));
            }
            if (!tpl.groups().isEmpty()) {
                Target groups = new Target.Net(tpl.groups());
                exceptions.add(new Rule(p.name, true, from, groups, tpl.services(), p.line, ex));
                if (tpl.bothWays()) {
                    exceptions.add(new Rule(p.name, true, to, groups, tpl.services(), p.line, ex));
                }
            }
        }
        List<Rule> all = new ArrayList<>(exceptions);
        all.addAll(rules);
        String pname = name != null ? name : stem(file);
        VlanPlan plan = vlans.plan(zones.keySet(), this::fail);
        Policy draft = new Policy(pname, "", defaultAllow, zoneDefaults, membership, local, controllers, dnsMargin,
                quarantine, zones, templates, all, plan);
        return new Policy(pname, PolicyWriter.revision(draft), defaultAllow, zoneDefaults, membership, local, controllers,
                dnsMargin, quarantine, zones, templates, all, plan);
    }

    private Target target(String s, int line) throws PolicyException {
        try {
            return Targets.parse(s, zones.keySet());
        } catch (IllegalArgumentException e) {
            throw fail(line, e.getMessage() + (e.getMessage().startsWith("unknown zone") ? known() : ""));
        }
    }

    private String known() {
        return zones.isEmpty() ? " (no zone is defined)" : " (zones: " + String.join(", ", zones.keySet()) + ")";
    }

    private static String stem(String f) {
        String n = Path.of(f).getFileName().toString();
        int dot = n.indexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    private void need(List<String> t, int min, int max, String form) {
        if (t.size() < min || t.size() > max) {
            throw new IllegalArgumentException("expected: " + form);
        }
    }

    private static double number(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + s + "' is not a number");
        }
    }

    private static int count(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + s + "' is not a whole number");
        }
    }

    static List<Cidr> cidrs(String s) {
        List<Cidr> out = new ArrayList<>();
        for (String c : s.split(",", -1)) {
            out.add(Cidr.parse(c));
        }
        return out;
    }

    static List<Ip> addresses(String s) {
        List<Ip> out = new ArrayList<>();
        for (String a : s.split(",", -1)) {
            out.add(Ip.parse(a));
        }
        return out;
    }

    private PolicyException fail(int line, String problem) {
        return new PolicyException(file, line, problem);
    }
}
