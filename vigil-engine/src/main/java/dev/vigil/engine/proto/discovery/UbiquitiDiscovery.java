package dev.vigil.engine.proto.discovery;

import dev.vigil.engine.anomaly.Anomaly;
import dev.vigil.engine.dissect.DatagramDissector;
import dev.vigil.engine.dissect.DissectorContext;
import dev.vigil.engine.dissect.Probe;
import dev.vigil.engine.dissect.Protocol;
import dev.vigil.engine.event.Event;
import dev.vigil.engine.flow.Transport;
import dev.vigil.engine.wire.Bytes;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ubiquiti Discovery on UDP 10001, spoken by UniFi access points, switches, gateways, cameras and
 * Cloud Keys, EdgeRouters and airMAX radios: a controller asks (version 1, command 0, no payload)
 * and every device answers, and UniFi devices also announce themselves (version 2, commands 6, 9
 * and 11). A message is a 4-byte header (version, command, payload length) and type-length-value
 * fields (type 1 byte, length 2 bytes big-endian), as nmap's {@code ubiquiti-discovery} script and
 * Wireshark's UBDP dissector read them: 0x03 the full firmware name
 * ("BZ.qca956x.v4.3.28.11361.201021.1405": platform, chip, version), 0x0B the host name, 0x0C the
 * short product code, 0x14 (version 1) and 0x15 (version 2) the model, 0x16 the version. Each
 * side's first {@link #MAX_DATAGRAMS} datagrams of a flow are read.
 */
public final class UbiquitiDiscovery implements Protocol {

    static final Anomaly MALFORMED = Anomaly.declare("ubnt.discovery_malformed",
            "a Ubiquiti Discovery message whose fields run past its end");

    private static final int PORT = 10001;
    private static final Pattern VERSION = Pattern.compile("\\.v(\\d+\\.\\d+(?:\\.\\d+)?)");

    /** Datagrams read per flow side: UniFi devices announce the same identity every ten seconds. */
    static final int MAX_DATAGRAMS = 16;

    private final DatagramDissector dissector = DatagramDissector.firstOfFlow(MAX_DATAGRAMS, UbiquitiDiscovery::read);

    /** True for a discovery header whose length is the datagram's. */
    static boolean header(byte[] b, int off, int len) {
        if (len < 4 || Bytes.u16(b, off + 2) != len - 4) {
            return false;
        }
        int version = b[off] & 0xff;
        int command = b[off + 1] & 0xff;
        return version == 1 && command == 0 || version == 2 && (command == 6 || command == 9 || command == 11);
    }

    static void read(DissectorContext ctx, boolean fromClient, byte[] b, int off, int len) {
        if (len <= 4 || !header(b, off, len)) {
            return; // a request, or not this protocol
        }
        String firmwareName = null;
        String name = null;
        String product = null;
        String model = null;
        String version = null;
        int p = off + 4;
        int end = off + len;
        while (p < end) {
            if (end - p < 3 || end - p - 3 < Bytes.u16(b, p + 1)) {
                ctx.malformed(MALFORMED);
                return;
            }
            int type = b[p] & 0xff;
            int n = Bytes.u16(b, p + 1);
            p += 3;
            switch (type) {
                case 0x03 -> firmwareName = Bytes.text(b, p, n);
                case 0x0b -> name = Bytes.text(b, p, n);
                case 0x0c -> product = Bytes.text(b, p, n);
                case 0x14 -> model = Bytes.text(b, p, n);
                case 0x15 -> model = model != null ? model : Bytes.text(b, p, n);
                case 0x16 -> version = Bytes.text(b, p, n);
                default -> {
                }
            }
            p += n;
        }
        String platform = null;
        if (firmwareName != null) {
            int dot = firmwareName.indexOf('.');
            platform = dot > 0 ? firmwareName.substring(0, dot) : null;
            if (version == null) {
                Matcher m = VERSION.matcher(firmwareName);
                version = m.find() ? m.group(1) : null;
            }
        }
        if (model == null) {
            model = product;
        }
        if (platform == null && model == null && name == null && version == null) {
            return;
        }
        ctx.emit(new VendorIdentity(ctx.ts(), ctx.flow(), fromClient, "ubnt", "Ubiquiti", platform, product, model,
                version, null, name, null));
    }

    @Override
    public String name() {
        return "ubiquiti-discovery";
    }

    @Override
    public int[] udpPorts() {
        return new int[] {PORT};
    }

    @Override
    public Probe probe(Transport transport, byte[] b, int off, int len, boolean fromClient, boolean portHint) {
        return transport == Transport.UDP && portHint && header(b, off, len) ? Probe.MATCH : Probe.NO;
    }

    @Override
    public DatagramDissector datagramDissector() {
        return dissector;
    }

    @Override
    public Map<String, Class<? extends Event>> events() {
        return VendorIdentity.EVENTS;
    }
}
