package dev.vigil.detect.segmentation.mud;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Writes a {@link MudFile} as the JSON encoding of its YANG data (RFC 7951), with the node names of
 * RFC 8520 and RFC 8519: {@code ietf-mud:mud} and {@code ietf-access-control-list:acls} at the top,
 * module-qualified augmentations ({@code ietf-acldns:dst-dnsname}, {@code ietf-mud:mud} in matches,
 * {@code ietf-mud:direction-initiated}), and {@code [null]} for the empty leaves (RFC 7951 §6.9).
 */
public final class MudJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private MudJson() {
    }

    public static String write(MudFile m) {
        try {
            return JSON.writeValueAsString(tree(m)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a MUD tree", e);
        }
    }

    public static ObjectNode tree(MudFile m) {
        ObjectNode root = F.objectNode();
        ObjectNode mud = root.putObject("ietf-mud:mud");
        mud.put("mud-version", 1);
        mud.put("mud-url", m.mudUrl());
        mud.put("last-update", m.lastUpdate());
        if (m.mudSignature() != null) {
            mud.put("mud-signature", m.mudSignature());
        }
        mud.put("cache-validity", m.cacheValidity());
        mud.put("is-supported", m.isSupported());
        optional(mud, "systeminfo", m.systeminfo());
        optional(mud, "mfg-name", m.mfgName());
        optional(mud, "model-name", m.modelName());
        optional(mud, "documentation", m.documentation());
        if (!m.extensions().isEmpty()) {
            ArrayNode ext = mud.putArray("extensions");
            m.extensions().forEach(ext::add);
        }
        policy(mud, "from-device-policy", m.fromDevice());
        policy(mud, "to-device-policy", m.toDevice());
        ArrayNode acls = root.putObject("ietf-access-control-list:acls").putArray("acl");
        for (List<MudFile.Acl> side : List.of(m.fromDevice(), m.toDevice())) {
            for (MudFile.Acl acl : side) {
                acls.add(acl(acl));
            }
        }
        return root;
    }

    private static void policy(ObjectNode mud, String name, List<MudFile.Acl> acls) {
        if (acls.isEmpty()) {
            return;
        }
        ArrayNode list = mud.putObject(name).putObject("access-lists").putArray("access-list");
        for (MudFile.Acl a : acls) {
            list.addObject().put("name", a.name());
        }
    }

    private static ObjectNode acl(MudFile.Acl acl) {
        ObjectNode a = F.objectNode();
        a.put("name", acl.name());
        a.put("type", acl.v6() ? "ipv6-acl-type" : "ipv4-acl-type");
        ArrayNode aces = a.putObject("aces").putArray("ace");
        for (MudFile.Ace e : acl.aces()) {
            ObjectNode ace = aces.addObject();
            ace.put("name", e.name());
            ace.set("matches", matches(e.matches(), acl.v6()));
            ace.putObject("actions").put("forwarding", e.accept() ? "accept" : "drop");
            if (e.evidence() != null) {
                MudFile.Evidence ev = e.evidence();
                ObjectNode n = ace.putObject(MudFile.EVIDENCE_NODE);
                n.put("first-seen", ev.firstSeen());
                n.put("last-seen", ev.lastSeen());
                n.put("flow-count", ev.flows());
                n.put("devices", ev.devices());
                n.put("device-share", Math.round(ev.deviceShare() * 1000) / 1000.0);
            }
        }
        return a;
    }

    private static ObjectNode matches(MudFile.Matches m, boolean v6) {
        ObjectNode out = F.objectNode();
        if (m.controller() != null || m.myController() || m.localNetworks() || m.sameManufacturer()
                || m.manufacturer() != null || m.model() != null) {
            ObjectNode mud = out.putObject("ietf-mud:mud");
            optional(mud, "manufacturer", m.manufacturer());
            if (m.sameManufacturer()) {
                mud.putArray("same-manufacturer").addNull();
            }
            optional(mud, "model", m.model());
            if (m.localNetworks()) {
                mud.putArray("local-networks").addNull();
            }
            optional(mud, "controller", m.controller());
            if (m.myController()) {
                mud.putArray("my-controller").addNull();
            }
        }
        ObjectNode l3 = out.putObject(v6 ? "ipv6" : "ipv4");
        optional(l3, "ietf-acldns:src-dnsname", m.srcDnsName());
        optional(l3, "ietf-acldns:dst-dnsname", m.dstDnsName());
        if (m.protocol() != null) {
            l3.put("protocol", m.protocol());
        }
        optional(l3, v6 ? "source-ipv6-network" : "source-ipv4-network", m.srcNetwork());
        optional(l3, v6 ? "destination-ipv6-network" : "destination-ipv4-network", m.dstNetwork());
        if (m.l4() != null && !m.l4().equals("icmp")) {
            ObjectNode l4 = out.putObject(m.l4());
            if (m.directionInitiated() != null && m.l4().equals("tcp")) {
                l4.put("ietf-mud:direction-initiated", m.directionInitiated());
            }
            port(l4, "source-port", m.srcPort());
            port(l4, "destination-port", m.dstPort());
        } else if ("icmp".equals(m.l4())) {
            out.putObject("icmp");
        }
        return out;
    }

    private static void port(ObjectNode l4, String name, MudFile.PortMatch p) {
        if (p == null) {
            return;
        }
        ObjectNode n = l4.putObject(name);
        if (p.operator().equals("range")) {
            n.put("lower-port", p.lower());
            n.put("upper-port", p.upper());
        } else {
            n.put("operator", p.operator());
            n.put("port", p.port());
        }
    }

    private static void optional(ObjectNode n, String name, String value) {
        if (value != null) {
            n.put(name, value);
        }
    }
}
