package dev.vigil.server.api.devices;

import dev.vigil.detect.inventory.Device;
import dev.vigil.store.devices.DeviceStore;
import dev.vigil.store.devices.Tags;
import dev.vigil.store.posture.ConversationStore;
import dev.vigil.store.posture.EdgeRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A device's traffic as its page shows it: the services it really offers (ports it answered on,
 * with the protocol recognised), the rest summed up (ports it never answered, probes of closed
 * ports; unrecognised ports of the dynamic range, the far end of its own connections), and its
 * peers, each with the names the device used for it and the services between them.
 */
public final class DeviceTraffic {

    /** RFC 6335 §6: 49152–65535 is the dynamic range; Linux hands out 32768–60999 (ip_local_port_range). */
    static final int DYNAMIC_PORTS_FROM = 32768;
    /** Conversations read per address of the device, at most. */
    static final int MAX_EDGES = 2000;
    /** Conversations listed, at most. */
    static final int LISTED = 200;

    /** The traffic of one device. */
    record Traffic(Device.Traffic traffic, List<Device.ServiceOffered> services, Ports unansweredPorts, Ports dynamicPorts,
            List<Device.ServiceOffered> servicesOffered, List<Device.ServiceUsed> servicesUsed, List<Peer> peers,
            List<Conversation> conversations) {
    }

    /**
     * One conversation: client, server, service.
     *
     * @param lastSeen the last packet (epoch ms)
     * @param names the names the client used for the server, comma-separated, or null
     */
    record Conversation(String src, String dst, String service, long flows, long bytes, long lastSeen, String names) {

        static Conversation of(EdgeRow e) {
            return new Conversation(e.src(), e.dst(), e.service(), e.flows(), e.bytes(), e.lastSeen(), e.names());
        }
    }

    /** Ports summed up, and the flows to them. */
    record Ports(long ports, long flows) {
    }

    /**
     * One peer of the device.
     *
     * @param device the peer's device id, or null for an address no device holds
     * @param names the names the device used for it
     * @param lastSeen the last packet (epoch ms)
     * @param initiated true when the device opened conversations to it
     */
    record Peer(String ip, String device, Set<String> names, Set<String> services, long flows, long bytes, long lastSeen,
            boolean initiated) {
    }

    private final ConversationStore conversations;
    private final DeviceStore devices;

    public DeviceTraffic(ConversationStore conversations, DeviceStore devices) {
        this.conversations = conversations;
        this.devices = devices;
    }

    Traffic of(Device d) {
        List<Device.ServiceOffered> services = new ArrayList<>();
        long[] unanswered = new long[2];
        long[] dynamic = new long[2];
        for (Device.ServiceOffered o : d.servicesOffered()) {
            if (o.answered() == 0) {
                unanswered[0]++;
                unanswered[1] += o.flows();
            } else if (o.service() == null && o.port() >= DYNAMIC_PORTS_FROM) {
                dynamic[0]++;
                dynamic[1] += o.flows();
            } else {
                services.add(o);
            }
        }
        services.sort(Comparator.comparingLong(Device.ServiceOffered::flows).reversed()
                .thenComparingInt(Device.ServiceOffered::port));
        List<String> ips = d.ips().stream().map(Device.Address::ip).distinct().toList();
        List<EdgeRow> edges = new ArrayList<>();
        for (String ip : ips) {
            edges.addAll(conversations.of(ip, MAX_EDGES));
        }
        return new Traffic(d.traffic(), services, new Ports(unanswered[0], unanswered[1]), new Ports(dynamic[0], dynamic[1]),
                d.servicesOffered(), d.servicesUsed(), peers(ips, edges), edges.stream().limit(LISTED).map(Conversation::of).toList());
    }

    /** A peer while its conversations are summed. */
    private static final class Sum {
        final Set<String> names = new LinkedHashSet<>();
        final Set<String> services = new TreeSet<>();
        long flows;
        long bytes;
        long lastSeen;
        boolean initiated;
    }

    private List<Peer> peers(List<String> ips, List<EdgeRow> edges) {
        Map<String, Sum> byPeer = new LinkedHashMap<>();
        for (EdgeRow e : edges) {
            boolean out = ips.contains(e.src());
            Sum p = byPeer.computeIfAbsent(out ? e.dst() : e.src(), k -> new Sum());
            if (out) {
                p.initiated = true;
                p.names.addAll(Tags.split(e.names()));
            }
            p.services.add(e.service());
            p.flows += e.flows();
            p.bytes += e.bytes();
            p.lastSeen = Math.max(p.lastSeen, e.lastSeen());
        }
        List<Peer> out = new ArrayList<>();
        byPeer.forEach((ip, p) -> out.add(new Peer(ip, devices.ownerOf(ip).orElse(null), p.names, p.services, p.flows, p.bytes,
                p.lastSeen, p.initiated)));
        out.sort(Comparator.comparingLong(Peer::bytes).reversed());
        return out;
    }
}
