package dev.vigil.detect.segmentation.mud;

import dev.vigil.detect.segmentation.mud.LocatedJson.Node;
import dev.vigil.engine.net.Cidr;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a MUD file and checks it against the YANG trees it is an instance of: ietf-mud (RFC 8520),
 * ietf-access-control-list and ietf-packet-fields (RFC 8519), ietf-acldns (RFC 8520), with the JSON
 * encoding rules of RFC 7951. Every member must be one the trees define (or an extension the file
 * declares), mandatory leaves must be there, values must have their YANG type, the l3 and l4
 * choices hold one case each, and every ACL a policy names must exist. The first problem stops it
 * with a {@link MudFormatException} naming file, line, column and what is wrong.
 */
public final class MudReader {

    static final Set<String> MUD = Set.of("mud-version", "mud-url", "last-update", "mud-signature", "cache-validity",
            "is-supported", "systeminfo", "mfg-name", "model-name", "firmware-rev", "software-rev", "documentation",
            "extensions", "from-device-policy", "to-device-policy");
    static final Set<String> ACL = Set.of("name", "type", "aces");
    static final Set<String> ACE = Set.of("name", "matches", "actions", "statistics");
    static final Set<String> MATCHES = Set.of("eth", "ipv4", "ipv6", "tcp", "udp", "icmp", "egress-interface",
            "ingress-interface", "ietf-mud:mud");
    static final Set<String> IP = Set.of("dscp", "ecn", "length", "ttl", "protocol", "ietf-acldns:src-dnsname",
            "ietf-acldns:dst-dnsname");
    static final Set<String> IPV4 = Set.of("ihl", "flags", "offset", "identification", "destination-ipv4-network",
            "source-ipv4-network");
    static final Set<String> IPV6 = Set.of("destination-ipv6-network", "source-ipv6-network", "flow-label");
    static final Set<String> TCP = Set.of("sequence-number", "acknowledgement-number", "data-offset", "reserved", "flags",
            "window-size", "urgent-pointer", "options", "source-port", "destination-port", "ietf-mud:direction-initiated");
    static final Set<String> UDP = Set.of("length", "source-port", "destination-port");
    static final Set<String> ICMP = Set.of("type", "code", "rest-of-header");
    static final Set<String> ETH = Set.of("destination-mac-address", "destination-mac-address-mask", "source-mac-address",
            "source-mac-address-mask", "ethertype");
    static final Set<String> MUD_MATCH = Set.of("manufacturer", "same-manufacturer", "model", "local-networks",
            "controller", "my-controller");
    static final Set<String> PORT = Set.of("operator", "port", "lower-port", "upper-port");
    static final Set<String> EVIDENCE = Set.of("first-seen", "last-seen", "flow-count", "devices", "device-share");

    /** RFC 6991 date-and-time: RFC 3339 with a mandatory offset. */
    static final Pattern DATE_AND_TIME = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");

    private final String file;
    private boolean extended;
    private boolean evidence;

    private MudReader(String file) {
        this.file = file;
    }

    public static MudFile read(Path path) throws MudFormatException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new MudFormatException(path.toString(), 0, 0, "no such file");
        } catch (IOException e) {
            throw new MudFormatException(path.toString(), 0, 0, "cannot read: " + e.getMessage());
        }
        return read(path.toString(), bytes);
    }

    public static MudFile read(String file, byte[] bytes) throws MudFormatException {
        return new MudReader(file).file(LocatedJson.parse(file, bytes));
    }

    private MudFile file(Node root) throws MudFormatException {
        Map<String, Node> top = object(root, "the top level");
        Node mudNode = top.get("ietf-mud:mud");
        if (mudNode == null) {
            throw fail(root, "no 'ietf-mud:mud' container: not a MUD file (RFC 8520)");
        }
        for (Map.Entry<String, Node> e : top.entrySet()) {
            if (!e.getKey().equals("ietf-mud:mud") && !e.getKey().equals("ietf-access-control-list:acls")) {
                throw fail(e.getValue(), "unknown member '" + e.getKey() + "' at the top level (a MUD file holds "
                        + "'ietf-mud:mud' and 'ietf-access-control-list:acls')");
            }
        }
        Map<String, Node> mud = object(mudNode, "ietf-mud:mud");
        List<String> extensions = new ArrayList<>();
        Node ext = mud.get("extensions");
        if (ext != null) {
            for (Node n : array(ext, "extensions")) {
                String x = string(n, "extensions", 40);
                if (x.isEmpty()) {
                    throw fail(n, "an extension name has 1 to 40 characters");
                }
                extensions.add(x);
            }
        }
        extended = !extensions.isEmpty();
        evidence = extensions.contains(MudFile.EVIDENCE_EXTENSION);
        members(mud, MUD, "ietf-mud:mud", "RFC 8520 ietf-mud");
        int version = uint(need(mud, mudNode, "mud-version"), "mud-version", 255);
        if (version != 1) {
            throw fail(mud.get("mud-version"), "mud-version " + version + " is not 1 (RFC 8520 defines version 1)");
        }
        String url = uri(need(mud, mudNode, "mud-url"), "mud-url");
        String last = string(need(mud, mudNode, "last-update"), "last-update", 64);
        if (!DATE_AND_TIME.matcher(last).matches()) {
            throw fail(mud.get("last-update"), "last-update '" + last + "' is not a date-and-time (RFC 6991)");
        }
        int validity = MudFile.DEFAULT_CACHE_VALIDITY;
        if (mud.containsKey("cache-validity")) {
            validity = uint(mud.get("cache-validity"), "cache-validity", 168);
            if (validity < 1) {
                throw fail(mud.get("cache-validity"), "cache-validity must be 1 to 168 hours");
            }
        }
        Node sup = need(mud, mudNode, "is-supported");
        if (!(sup.value() instanceof Boolean supported)) {
            throw fail(sup, "is-supported must be true or false");
        }
        Map<String, MudFile.Acl> acls = acls(top.get("ietf-access-control-list:acls"));
        List<MudFile.Acl> from = policy(mud.get("from-device-policy"), "from-device-policy", acls);
        List<MudFile.Acl> to = policy(mud.get("to-device-policy"), "to-device-policy", acls);
        return new MudFile(url, last, validity, supported, optional(mud, "systeminfo"), optional(mud, "mfg-name"),
                optional(mud, "model-name"), mud.containsKey("mud-signature") ? uri(mud.get("mud-signature"), "mud-signature")
                : null, mud.containsKey("documentation") ? uri(mud.get("documentation"), "documentation") : null,
                extensions, from, to);
    }

    private List<MudFile.Acl> policy(Node n, String where, Map<String, MudFile.Acl> acls) throws MudFormatException {
        if (n == null) {
            return List.of();
        }
        Map<String, Node> p = object(n, where);
        members(p, Set.of("access-lists"), where, "RFC 8520 ietf-mud");
        Node lists = p.get("access-lists");
        if (lists == null) {
            return List.of();
        }
        Map<String, Node> l = object(lists, where + "/access-lists");
        members(l, Set.of("access-list"), where + "/access-lists", "RFC 8520 ietf-mud");
        List<MudFile.Acl> out = new ArrayList<>();
        if (l.get("access-list") == null) {
            return out;
        }
        for (Node e : array(l.get("access-list"), "access-list")) {
            Map<String, Node> ref = object(e, "access-list");
            members(ref, Set.of("name"), "access-list", "RFC 8520 ietf-mud");
            String name = string(need(ref, e, "name"), "name", 64);
            MudFile.Acl acl = acls.get(name);
            if (acl == null) {
                throw fail(e, where + " names ACL '" + name + "', which ietf-access-control-list:acls does not define");
            }
            out.add(acl);
        }
        return out;
    }

    private Map<String, MudFile.Acl> acls(Node n) throws MudFormatException {
        Map<String, MudFile.Acl> out = new HashMap<>();
        if (n == null) {
            return out;
        }
        Map<String, Node> top = object(n, "ietf-access-control-list:acls");
        members(top, Set.of("acl", "attachment-points"), "ietf-access-control-list:acls", "RFC 8519");
        if (top.get("acl") == null) {
            return out;
        }
        for (Node a : array(top.get("acl"), "acl")) {
            Map<String, Node> acl = object(a, "acl");
            members(acl, ACL, "acl", "RFC 8519 ietf-access-control-list");
            String name = string(need(acl, a, "name"), "acl name", 64);
            if (name.isEmpty()) {
                throw fail(a, "an ACL name has 1 to 64 characters");
            }
            String type = acl.get("type") == null ? "ipv4-acl-type" : string(acl.get("type"), "type", 128)
                    .replace("ietf-access-control-list:", "");
            boolean v6 = switch (type) {
                case "ipv4-acl-type", "mixed-eth-ipv4-acl-type" -> false;
                case "ipv6-acl-type", "mixed-eth-ipv6-acl-type" -> true;
                case "eth-acl-type", "mixed-eth-ipv4-ipv6-acl-type" -> throw fail(acl.get("type"), "ACL type '" + type
                        + "' is not supported: Vigil enforces IPv4 and IPv6 ACLs");
                default -> throw fail(acl.get("type"), "unknown ACL type '" + type + "' (RFC 8519 acl-base identities)");
            };
            List<MudFile.Ace> aces = new ArrayList<>();
            Set<String> names = new java.util.HashSet<>();
            if (acl.get("aces") != null) {
                Map<String, Node> as = object(acl.get("aces"), "aces");
                members(as, Set.of("ace"), "aces", "RFC 8519 ietf-access-control-list");
                if (as.get("ace") != null) {
                    for (Node e : array(as.get("ace"), "ace")) {
                        MudFile.Ace ace = new MudAces(this).ace(e, v6);
                        if (!names.add(ace.name())) {
                            throw fail(e, "ACE '" + ace.name() + "' appears twice in ACL '" + name + "'");
                        }
                        aces.add(ace);
                    }
                }
            }
            if (out.put(name, new MudFile.Acl(name, v6, aces)) != null) {
                throw fail(a, "ACL '" + name + "' is defined twice");
            }
        }
        return out;
    }

    /** Checks an object has only the members a tree defines (or declared extensions'). */
    void members(Map<String, Node> m, Set<String> allowed, String where, String spec) throws MudFormatException {
        for (Map.Entry<String, Node> e : m.entrySet()) {
            String k = e.getKey();
            if (allowed.contains(k)) {
                continue;
            }
            if (k.equals(MudFile.EVIDENCE_NODE) && evidence && where.equals("ace")) {
                continue;
            }
            if (k.indexOf(':') > 0 && extended && !k.startsWith("ietf-")) {
                // a member of a module the file declares an extension for (RFC 8520 "extensions")
                continue;
            }
            throw fail(e.getValue(), "unknown member '" + k + "' in " + where + " (" + spec + ")");
        }
    }

    Map<String, Node> object(Node n, String where) throws MudFormatException {
        Map<String, Node> m = n.object();
        if (m == null) {
            throw fail(n, where + " must be an object");
        }
        return m;
    }

    List<Node> array(Node n, String where) throws MudFormatException {
        List<Node> l = n.array();
        if (l == null) {
            throw fail(n, where + " must be an array (a YANG list or leaf-list, RFC 7951 §5.3-5.4)");
        }
        return l;
    }

    Node need(Map<String, Node> m, Node parent, String name) throws MudFormatException {
        Node n = m.get(name);
        if (n == null) {
            throw fail(parent, "mandatory leaf '" + name + "' is missing");
        }
        return n;
    }

    String string(Node n, String what, int max) throws MudFormatException {
        if (!(n.value() instanceof String s)) {
            throw fail(n, what + " must be a string");
        }
        if (s.length() > max) {
            throw fail(n, what + " is longer than " + max + " characters");
        }
        return s;
    }

    private String optional(Map<String, Node> m, String name) throws MudFormatException {
        Node n = m.get(name);
        return n == null ? null : string(n, name, 1024);
    }

    int uint(Node n, String what, int max) throws MudFormatException {
        // RFC 7951 §6.1: integers up to 32 bits are JSON numbers
        if (!(n.value() instanceof Number num) || num instanceof Double || num instanceof Float
                || num.longValue() < 0 || num.longValue() > max) {
            throw fail(n, what + " must be a whole number from 0 to " + max);
        }
        return num.intValue();
    }

    String uri(Node n, String what) throws MudFormatException {
        String s = string(n, what, 2048);
        try {
            if (!new URI(s).isAbsolute()) {
                throw fail(n, what + " '" + s + "' is not an absolute URI");
            }
        } catch (URISyntaxException e) {
            throw fail(n, what + " '" + s + "' is not a URI: " + e.getReason());
        }
        return s;
    }

    String prefix(Node n, String what, boolean v6) throws MudFormatException {
        String s = string(n, what, 64);
        try {
            Cidr c = Cidr.parse(s);
            if (s.indexOf('/') < 0 || c.base().isV4() == v6) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw fail(n, what + " '" + s + "' is not an " + (v6 ? "ipv6" : "ipv4") + "-prefix (RFC 6991)");
        }
        return s;
    }

    /** Checks an empty leaf: in JSON it is [null] (RFC 7951 §6.9). */
    boolean empty(Node n, String what) throws MudFormatException {
        List<Node> l = n.array();
        if (l == null || l.size() != 1 || !l.get(0).isNull()) {
            throw fail(n, what + " is an empty leaf: write it as [null] (RFC 7951 §6.9)");
        }
        return true;
    }

    MudFormatException fail(Node n, String problem) {
        return new MudFormatException(file, n == null ? 0 : n.line(), n == null ? 0 : n.column(), problem);
    }
}
