package dev.vigil.server.api.posture;

import static io.javalin.apibuilder.ApiBuilder.get;

import dev.vigil.detect.inventory.Device;
import dev.vigil.engine.net.Ip;
import dev.vigil.server.api.Params;
import dev.vigil.server.auth.Role;
import dev.vigil.store.alerts.AlertStore;
import dev.vigil.store.devices.DeviceRow;
import dev.vigil.store.devices.DeviceStore;
import dev.vigil.store.posture.ConversationStore;
import dev.vigil.store.posture.EdgeRow;
import io.javalin.apibuilder.EndpointGroup;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The talk map: devices (every address of a device maps to its node) and the peers they talk to,
 * with what the map needs of each device to group, colour and find it: name, address, subnet (the
 * /24 of an IPv4 address, the /64 of an IPv6 one), VLANs, zone, tier, risk and open alerts.
 */
public final class GraphRoutes implements EndpointGroup {

    /** A node of the map: a device, or an address no device holds. */
    sealed interface Node permits DeviceNode, PeerNode {
    }

    record DeviceNode(String key, String id, String ip, String vendor, String type, String tier, String riskLevel, Double risk,
            Double trust, String zone, String name, String model, String subnet, List<Integer> vlans, long openAlerts)
            implements Node {
    }

    /** @param external always true: the address is no device's */
    record PeerNode(String key, String ip, boolean external) implements Node {
    }

    /** Conversations between two nodes over one service, summed. */
    record Link(String src, String dst, String service, long flows, long bytes) {
    }

    record Graph(List<Node> nodes, List<Link> edges) {
    }

    private final DeviceStore devices;
    private final AlertStore alerts;
    private final ConversationStore conversations;

    public GraphRoutes(DeviceStore devices, AlertStore alerts, ConversationStore conversations) {
        this.devices = devices;
        this.alerts = alerts;
        this.conversations = conversations;
    }

    @Override
    public void addEndpoints() {
        get("graph", ctx -> ctx.json(graph(Params.intParam(ctx, "limit", 300, 1, 5000))), Role.VIEWER);
    }

    Graph graph(int limit) {
        List<EdgeRow> edges = conversations.top(limit);
        Map<String, String> nodeOf = devices.addressOwners();
        // only the devices at the ends of these conversations are read, not the whole estate
        Set<String> owners = new HashSet<>();
        for (EdgeRow e : edges) {
            owners.add(nodeOf.get(e.src()));
            owners.add(nodeOf.get(e.dst()));
        }
        owners.remove(null);
        Map<String, DeviceRow> byId = new HashMap<>();
        devices.byIds(owners).forEach(r -> byId.put(r.id(), r));
        Map<String, Long> open = alerts.activePerDevice();
        Map<String, Node> nodes = new LinkedHashMap<>();
        Map<String, long[]> merged = new LinkedHashMap<>();
        Map<String, String[]> ends = new LinkedHashMap<>();
        for (EdgeRow e : edges) {
            String a = node(nodeOf, byId, open, nodes, e.src());
            String b = node(nodeOf, byId, open, nodes, e.dst());
            String k = a + "|" + b + "|" + e.service();
            ends.putIfAbsent(k, new String[] {a, b, e.service()});
            long[] sum = merged.computeIfAbsent(k, x -> new long[2]);
            sum[0] += e.flows();
            sum[1] += e.bytes();
        }
        List<Link> links = merged.entrySet().stream().map(m -> {
            String[] x = ends.get(m.getKey());
            return new Link(x[0], x[1], x[2], m.getValue()[0], m.getValue()[1]);
        }).toList();
        return new Graph(List.copyOf(nodes.values()), links);
    }

    /** The node key of an address: its device's id, or the address itself for a peer. */
    private static String node(Map<String, String> nodeOf, Map<String, DeviceRow> devices, Map<String, Long> open,
            Map<String, Node> nodes, String ip) {
        String known = nodeOf.get(ip);
        DeviceRow dev = known == null ? null : devices.get(known);
        String key = dev != null ? dev.id() : ip;
        nodes.computeIfAbsent(key, k -> dev == null ? new PeerNode(k, ip, true) : deviceNode(dev, open));
        return key;
    }

    private static DeviceNode deviceNode(DeviceRow r, Map<String, Long> open) {
        Device d = r.device();
        return new DeviceNode(r.id(), r.id(), r.ip(), r.vendor(), r.type(), r.tier(), r.riskLevel(), r.risk(), r.trust(), r.zone(),
                r.name(), d.model(), subnet(r.ip()), d.vlans(), open.getOrDefault(r.id(), 0L));
    }

    /** "10.1.2.0/24" for 10.1.2.3; "2001:db8:1:2::/64" for an address in that /64; null for none. */
    static String subnet(String ip) {
        Ip a = ip == null ? null : Ip.tryParse(ip);
        if (a == null) {
            return null;
        }
        if (ip.indexOf(':') < 0) {
            return ip.substring(0, ip.lastIndexOf('.')) + ".0/24";
        }
        long hi = a.hi();
        return String.format("%x:%x:%x:%x::/64", (hi >>> 48) & 0xffff, (hi >>> 32) & 0xffff, (hi >>> 16) & 0xffff, hi & 0xffff);
    }
}
