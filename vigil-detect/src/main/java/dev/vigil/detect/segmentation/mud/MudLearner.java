package dev.vigil.detect.segmentation.mud;

import dev.vigil.detect.inventory.Device;
import dev.vigil.detect.segmentation.DnsView;
import dev.vigil.detect.segmentation.Observations;
import dev.vigil.detect.segmentation.Service;
import dev.vigil.detect.segmentation.Subject;
import dev.vigil.engine.event.EventJson;
import dev.vigil.engine.flow.FlowEnded;
import dev.vigil.engine.flow.FlowMeta;
import dev.vigil.engine.net.Cidr;
import dev.vigil.engine.net.Ip;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Learns least privilege as MUD files (RFC 8520): for each device, one entry per kind of flow it
 * took part in, naming the other side as abstractly as the evidence allows: the network's DNS and
 * NTP servers as {@code controller} URNs, a local peer of the same maker as
 * {@code same-manufacturer}, other local peers as {@code local-networks}, an Internet peer by the
 * DNS name an answer gave for its address when the flow started, and only otherwise by its
 * address. For each model (type, vendor, model), the entries enough of its devices share.
 */
public final class MudLearner {

    /**
     * @param localNetworks what local-networks means
     * @param mudUrlBase where learned files are said to live ("https://mud.example.org/vigil/")
     * @param typeShare the least share of a model's devices an entry needs to enter the model's file
     */
    public record Options(List<Cidr> localNetworks, String mudUrlBase, double typeShare) {
        public static Options defaults() {
            return new Options(dev.vigil.detect.segmentation.Policy.DEFAULT_LOCAL, "https://vigil.invalid/mud/", 0.5);
        }
    }

    /**
     * What was learned: one file per device and per model, and what the policy needs besides.
     *
     * @param devices per device id, its file
     * @param models per model key ("camera-blink-unknown"), its file
     * @param modelDevices per model key, the ids of its devices
     * @param dnsServers local addresses that answered DNS
     * @param ntpServers local addresses that answered NTP
     */
    public record Learned(Map<String, MudFile> devices, Map<String, MudFile> models, Map<String, List<String>> modelDevices,
            List<Ip> dnsServers, List<Ip> ntpServers) {
    }

    private final Options options;

    public MudLearner(Options options) {
        this(options, f -> 1);
    }

    /**
     * @param weight how many flows each flow record stands for (the service's stored flows are
     *     sums: each counts as its flows in an entry's evidence)
     */
    public MudLearner(Options options, java.util.function.ToLongFunction<FlowEnded> weight) {
        this.options = options;
        this.weight = weight;
    }

    private final java.util.function.ToLongFunction<FlowEnded> weight;

    /** Evidence gathered for one entry. */
    static final class Acc {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        long flows;
        final Set<String> devices = new HashSet<>();

        void add(long at, long end, String device, long n) {
            first = Math.min(first, at);
            last = Math.max(last, end);
            flows += n;
            devices.add(device);
        }
    }

    /** Learns from one network. */
    public Learned learn(Observations network) {
        return learn(List.of(network));
    }

    /**
     * Learns from several networks (each its own addresses and DNS): per-device entries from the
     * network the device is in (a device seen in several is learned from all), model files from
     * every device of the model.
     */
    public Learned learn(List<Observations> networks) {
        Set<Ip> dnsServers = new java.util.TreeSet<>();
        Set<Ip> ntpServers = new java.util.TreeSet<>();
        Map<String, Map<Observed, Acc>> perDevice = new TreeMap<>();
        Map<String, Device> byId = new HashMap<>();
        for (Observations net : networks) {
            net.devices().forEach(d -> byId.putIfAbsent(d.id(), d));
            entries(net, perDevice, dnsServers, ntpServers);
        }
        Map<String, MudFile> files = new TreeMap<>();
        Map<String, List<String>> models = new TreeMap<>();
        for (Map.Entry<String, Map<Observed, Acc>> e : perDevice.entrySet()) {
            Device d = byId.get(e.getKey());
            files.put(d.id(), MudBuilder.file(url("device/" + slug(d.mac() != null ? d.mac() : d.id())), d, e.getValue(), 1,
                    systeminfo(d)));
            models.computeIfAbsent(modelKey(d), k -> new ArrayList<>()).add(d.id());
        }
        Map<String, MudFile> modelFiles = new TreeMap<>();
        for (Map.Entry<String, List<String>> e : models.entrySet()) {
            Map<Observed, Acc> merged = new LinkedHashMap<>();
            for (String id : e.getValue()) {
                perDevice.get(id).forEach((o, a) -> {
                    Acc m = merged.computeIfAbsent(o, k -> new Acc());
                    m.first = Math.min(m.first, a.first);
                    m.last = Math.max(m.last, a.last);
                    m.flows += a.flows;
                    m.devices.addAll(a.devices);
                });
            }
            int n = e.getValue().size();
            merged.values().removeIf(a -> n > 1 && (double) a.devices.size() / n < options.typeShare());
            Device first = byId.get(e.getValue().get(0));
            modelFiles.put(e.getKey(), MudBuilder.file(url("model/" + e.getKey()), first, merged, n,
                    "Learned by Vigil for " + n + " device" + (n == 1 ? "" : "s") + " of model " + e.getKey()));
        }
        return new Learned(files, modelFiles, models, List.copyOf(dnsServers), List.copyOf(ntpServers));
    }

    private void entries(Observations net, Map<String, Map<Observed, Acc>> perDevice, Set<Ip> dnsAll, Set<Ip> ntpAll) {
        Map<Ip, Device> byIp = new HashMap<>();
        Map<String, Device> byMac = new HashMap<>();
        for (Device d : net.devices()) {
            for (Device.Address a : d.ips()) {
                Ip ip = Ip.tryParse(a.ip());
                if (ip != null) {
                    byIp.put(ip, d);
                }
            }
            if (d.mac() != null) {
                byMac.put(d.mac(), d);
            }
        }
        Set<Ip> dnsServers = new java.util.TreeSet<>();
        for (Ip a : net.answerers()) {
            if (local(a)) {
                dnsServers.add(a);
            }
        }
        List<FlowEnded> flows = net.flows();
        Set<Ip> ntpServers = new java.util.TreeSet<>();
        for (FlowEnded f : flows) {
            FlowMeta m = f.flow();
            if (m.ipProtocol() == Service.UDP && m.serverPort() == 123 && f.serverPackets() > 0 && local(m.serverIp())) {
                ntpServers.add(m.serverIp());
            }
        }
        dnsAll.addAll(dnsServers);
        ntpAll.addAll(ntpServers);
        DnsView dns = net.dnsView(0);
        for (FlowEnded f : flows) {
            FlowMeta m = f.flow();
            Device client = byIp.get(m.clientIp());
            // a source without an address yet is known by its MAC; a forwarded one is not the forwarder's
            if (client == null && m.clientMac() != null && m.clientIp().isUnspecified()) {
                client = byMac.get(m.clientMac().toString());
            }
            Device server = byIp.get(m.serverIp());
            if (learnable(client)) {
                Observed o = observe(true, client, m.serverIp(), server, m.ipProtocol(), m.serverPort(), f.firstSeen(),
                        dns, dnsServers, ntpServers);
                perDevice.computeIfAbsent(client.id(), k -> new LinkedHashMap<>()).computeIfAbsent(o, k -> new Acc())
                        .add(f.firstSeen(), f.ts(), client.id(), weight.applyAsLong(f));
            }
            if (learnable(server) && server != client) {
                Observed o = observe(false, server, m.clientIp(), client, m.ipProtocol(), m.serverPort(), f.firstSeen(),
                        dns, dnsServers, ntpServers);
                perDevice.computeIfAbsent(server.id(), k -> new LinkedHashMap<>()).computeIfAbsent(o, k -> new Acc())
                        .add(f.firstSeen(), f.ts(), server.id(), weight.applyAsLong(f));
            }
        }
    }

    /** Infrastructure that forwards others' traffic has no MUD file of its own. */
    static boolean learnable(Device d) {
        return d != null && !"router".equals(d.role());
    }

    private Observed observe(boolean byDevice, Device self, Ip peer, Device peerDevice, int proto, int port, long at,
            DnsView dns, Set<Ip> dnsServers, Set<Ip> ntpServers) {
        int p = Service.normalPort(proto, port);
        boolean v6 = !peer.isV4();
        String kind;
        String value = null;
        if (byDevice && (proto == Service.UDP || proto == Service.TCP) && p == 53 && dnsServers.contains(peer)) {
            kind = "dns";
        } else if (byDevice && proto == Service.UDP && p == 123 && ntpServers.contains(peer)) {
            kind = "ntp";
        } else if (peer.isMulticast() || peer.isBroadcast() || peer.isUnspecified()) {
            kind = "net";
            value = Observed.net(peer);
        } else if (local(peer)) {
            String mine = manufacturer(self);
            kind = mine != null && peerDevice != null && mine.equals(manufacturer(peerDevice)) ? "same-manufacturer" : "local";
        } else {
            String name = name(dns, peer, at);
            kind = name == null ? "net" : "name";
            value = name == null ? Observed.net(peer) : name;
        }
        return new Observed(byDevice, v6, proto, kind, value, p);
    }

    /** The name an answer gave for the address when the flow started (the first one bound), or null. */
    private static String name(DnsView dns, Ip peer, long at) {
        List<DnsView.Binding> b = dns.at(peer, at);
        return b.isEmpty() ? null : b.get(0).name();
    }

    static String manufacturer(Device d) {
        String a = Subject.authority(d.mudUrl());
        return a != null ? a : d.vendor() == null ? null : d.vendor().toLowerCase(Locale.ROOT);
    }

    private boolean local(Ip ip) {
        for (Cidr c : options.localNetworks()) {
            if (c.contains(ip)) {
                return true;
            }
        }
        return false;
    }

    /** The model a device's file is grouped under: type, vendor and model. */
    public static String modelKey(Device d) {
        return slug((d.type() == null ? "unknown" : d.type()) + "-" + (d.vendor() == null ? "unknown" : d.vendor()) + "-"
                + (d.model() == null ? "unknown" : d.model()));
    }

    static String slug(String s) {
        String t = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return t.isEmpty() ? "x" : t;
    }

    private String url(String path) {
        String base = options.mudUrlBase().endsWith("/") ? options.mudUrlBase() : options.mudUrlBase() + "/";
        return base + path + ".json";
    }

    private static String systeminfo(Device d) {
        String what = (d.vendor() == null ? "" : d.vendor() + " ") + (d.model() == null ? "" : d.model() + " ")
                + (d.type() == null ? "device" : d.type());
        return "Learned by Vigil from observed traffic: " + what.trim() + " " + (d.mac() != null ? d.mac() : d.id());
    }

    static String time(long nanos) {
        return EventJson.time(nanos);
    }
}
