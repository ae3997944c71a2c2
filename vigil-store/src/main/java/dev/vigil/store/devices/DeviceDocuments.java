package dev.vigil.store.devices;

import dev.vigil.detect.inventory.Device;
import dev.vigil.detect.inventory.Evidence;
import dev.vigil.store.db.Documents;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The inventory's device to its stored document and back, field by field: a field the domain
 * record gains, loses or renames is a compile error here, never a silent change of what is stored.
 */
public final class DeviceDocuments {

    private DeviceDocuments() {
    }

    public static String write(Device d) {
        return Documents.write(of(d));
    }

    public static Device read(String json) {
        return device(Documents.read(json, DeviceDocument.class));
    }

    static DeviceDocument of(Device d) {
        Device.Identity i = d.identity();
        Device.Traffic t = d.traffic();
        return new DeviceDocument(DeviceDocument.VERSION, d.id(), d.mac(), d.macRandomized(),
                map(d.ips(), a -> new DeviceDocument.Address(a.ip(), a.how(), a.firstSeen(), a.lastSeen())), d.vendor(),
                d.hostnames(), d.type(), d.model(), d.firmware(), d.os(), d.confidence(),
                mapValues(d.attributes(), a -> new DeviceDocument.Attribute(a.value(), a.confidence(),
                        map(a.candidates(), c -> new DeviceDocument.Candidate(c.value(), c.score())), a.doubtful())),
                map(d.evidence(), e -> new DeviceDocument.Evidence(e.source(), e.observed(), e.attribute(), e.value(), e.weight(),
                        e.rule(), e.firstSeen())),
                d.role(),
                map(d.servicesOffered(), s -> new DeviceDocument.ServiceOffered(s.transport(), s.port(), s.service(), s.flows(),
                        s.answered(), s.clients())),
                map(d.servicesUsed(), s -> new DeviceDocument.ServiceUsed(s.service(), s.flows())),
                i == null ? null : new DeviceDocument.Identity(i.dhcpFingerprint(), i.dhcpVendorClass(), i.ja3(), i.ja4(),
                        i.userAgents(), i.ssh()),
                d.domains(),
                t == null ? null : new DeviceDocument.Traffic(t.flowsOut(), t.flowsIn(), t.packetsOut(), t.packetsIn(),
                        t.bytesOut(), t.bytesIn(), t.internalPeers(), t.externalPeers()),
                d.mudUrl(), d.vlans(), d.firstSeen(), d.lastSeen());
    }

    static Device device(DeviceDocument d) {
        Documents.readable(d.version(), DeviceDocument.VERSION, "device " + d.id());
        DeviceDocument.Identity i = d.identity();
        DeviceDocument.Traffic t = d.traffic();
        return new Device(d.id(), d.mac(), d.macRandomized(),
                map(d.ips(), a -> new Device.Address(a.ip(), a.how(), a.firstSeen(), a.lastSeen())), d.vendor(), d.hostnames(),
                d.type(), d.model(), d.firmware(), d.os(), d.confidence(),
                mapValues(d.attributes(), a -> new Device.Attribute(a.value(), a.confidence(),
                        map(a.candidates(), c -> new Device.Candidate(c.value(), c.score())), a.doubtful())),
                map(d.evidence(), e -> new Evidence(e.source(), e.observed(), e.attribute(), e.value(), e.weight(), e.rule(),
                        e.firstSeen())),
                d.role(),
                map(d.servicesOffered(), s -> new Device.ServiceOffered(s.transport(), s.port(), s.service(), s.flows(),
                        s.answered(), s.clients())),
                map(d.servicesUsed(), s -> new Device.ServiceUsed(s.service(), s.flows())),
                i == null ? null : new Device.Identity(i.dhcpFingerprint(), i.dhcpVendorClass(), i.ja3(), i.ja4(),
                        i.userAgents(), i.ssh()),
                d.domains(),
                t == null ? null : new Device.Traffic(t.flowsOut(), t.flowsIn(), t.packetsOut(), t.packetsIn(), t.bytesOut(),
                        t.bytesIn(), t.internalPeers(), t.externalPeers()),
                d.mudUrl(), d.vlans(), d.firstSeen(), d.lastSeen());
    }

    private static <A, B> List<B> map(List<A> in, Function<A, B> f) {
        if (in == null) {
            return null;
        }
        List<B> out = new ArrayList<>(in.size());
        in.forEach(x -> out.add(f.apply(x)));
        return out;
    }

    private static <A, B> Map<String, B> mapValues(Map<String, A> in, Function<A, B> f) {
        if (in == null) {
            return null;
        }
        Map<String, B> out = new LinkedHashMap<>();
        in.forEach((k, v) -> out.put(k, v == null ? null : f.apply(v)));
        return out;
    }
}
