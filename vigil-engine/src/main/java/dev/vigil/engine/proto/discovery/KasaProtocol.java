package dev.vigil.engine.proto.discovery;

import dev.vigil.engine.dissect.DatagramDissector;
import dev.vigil.engine.dissect.DissectorContext;
import dev.vigil.engine.dissect.FramedIdentity;
import dev.vigil.engine.dissect.Probe;
import dev.vigil.engine.dissect.Protocol;
import dev.vigil.engine.dissect.StreamDissector;
import dev.vigil.engine.event.Event;
import dev.vigil.engine.flow.Transport;
import dev.vigil.engine.wire.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The TP-Link Kasa smart-home protocol on port 9999 (plugs, switches, strips, bulbs, cameras of
 * the Kasa line): JSON commands and replies, each byte XOR-ed with the previous cipher byte, the
 * first with 171 (the "autokey" that softScheck documented in "Reverse Engineering the TP-Link
 * HS110", 2016). Over UDP a datagram is one message (the app broadcasts
 * {@code {"system":{"get_sysinfo":{}}}} and every device answers it); over TCP a 4-byte big-endian
 * length comes first. The reply's {@code get_sysinfo} object names the model ("HS110(EU)"), the
 * device type ({@code type} or {@code mic_type}: "IOT.SMARTPLUGSWITCH", "IOT.SMARTBULB"), the
 * firmware ({@code sw_ver}), the hardware revision, the product's description and the alias its
 * owner gave it (not kept: a label of the owner's, not the product's).
 */
public final class KasaProtocol implements Protocol {

    private static final int PORT = 9999;
    private static final int KEY = 171;
    /** Longest message read: a sysinfo reply is about a kilobyte, a strip's a few. */
    private static final int MAX_MESSAGE = 16 * 1024;

    /** Datagrams read per flow and side over UDP: a device answers each discovery round the same. */
    static final int MAX_DATAGRAMS = 16;

    private final DatagramDissector dissector = DatagramDissector.firstOfFlow(MAX_DATAGRAMS, KasaProtocol::read);

    /** The plaintext of a message. */
    static String decrypt(byte[] b, int off, int len) {
        byte[] plain = new byte[len];
        int key = KEY;
        for (int i = 0; i < len; i++) {
            int c = b[off + i] & 0xff;
            plain[i] = (byte) (key ^ c);
            key = c;
        }
        return new String(plain, StandardCharsets.UTF_8);
    }

    /** True when a message starts as a JSON object with a key: '{' then '"'. */
    static boolean opensJson(byte[] b, int off, int len) {
        return len >= 2 && ((b[off] & 0xff) ^ KEY) == '{' && ((b[off] ^ b[off + 1]) & 0xff) == '"';
    }

    static void read(DissectorContext ctx, boolean fromClient, byte[] b, int off, int len) {
        if (len > MAX_MESSAGE || !opensJson(b, off, len)) {
            return;
        }
        String json = decrypt(b, off, len);
        int sysinfo = json.indexOf("\"get_sysinfo\"");
        if (sysinfo < 0) {
            return;
        }
        String model = JsonStrings.string(json, sysinfo, "model");
        String type = JsonStrings.string(json, sysinfo, "type");
        if (type == null) {
            type = JsonStrings.string(json, sysinfo, "mic_type");
        }
        if (model == null && type == null) {
            return; // the request
        }
        String description = JsonStrings.string(json, sysinfo, "dev_name");
        if (description == null) {
            description = JsonStrings.string(json, sysinfo, "description");
        }
        ctx.emit(new VendorIdentity(ctx.ts(), ctx.flow(), fromClient, "kasa", "TP-Link", type, null, model,
                JsonStrings.string(json, sysinfo, "sw_ver"), JsonStrings.string(json, sysinfo, "hw_ver"), null,
                description));
    }

    @Override
    public String name() {
        return "tplink-shp";
    }

    @Override
    public int[] tcpPorts() {
        return new int[] {PORT};
    }

    @Override
    public int[] udpPorts() {
        return new int[] {PORT};
    }

    @Override
    public Probe probe(Transport transport, byte[] b, int off, int len, boolean fromClient, boolean portHint) {
        if (!portHint) {
            return Probe.NO;
        }
        if (transport == Transport.UDP) {
            return opensJson(b, off, len) ? Probe.MATCH : Probe.NO;
        }
        if (len < 6) {
            return Probe.NEED_MORE;
        }
        int n = Bytes.i32(b, off);
        return n >= 2 && n <= MAX_MESSAGE && opensJson(b, off + 4, len - 4) ? Probe.MATCH : Probe.NO;
    }

    @Override
    public StreamDissector newStreamDissector() {
        return new FramedIdentity(new FramedIdentity.Framing(4, (b, o) -> {
            int n = Bytes.i32(b, o);
            return n >= 2 && n <= MAX_MESSAGE ? 4 + n : -1;
        }), (ctx, fromClient, b, off, len) -> read(ctx, fromClient, b, off + 4, len - 4));
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
