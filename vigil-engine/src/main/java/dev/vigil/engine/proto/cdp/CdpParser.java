package dev.vigil.engine.proto.cdp;

import dev.vigil.engine.anomaly.Anomaly;
import dev.vigil.engine.net.Ip;
import dev.vigil.engine.net.Mac;
import dev.vigil.engine.wire.Bytes;
import dev.vigil.engine.wire.WireReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Parses CDP after the SNAP header: version, TTL, checksum, then type-length-value fields. Pure. */
public final class CdpParser {

    public static final Anomaly MALFORMED = Anomaly.declare("cdp.malformed",
            "a CDP field whose length is below 4 or runs past the frame");

    static final String[] CAPABILITIES = {"router", "transparent_bridge", "source_route_bridge", "switch", "host",
        "igmp", "repeater", "phone", "remote", "cvta", "mac_relay"};

    public CdpAdvertisement parse(long ts, Mac src, byte[] b, int off, int len) {
        WireReader r = new WireReader(b, off, len);
        int version = r.u8();
        int ttl = r.u8();
        r.skip(2);
        if (!r.ok() || (version != 1 && version != 2)) {
            return null;
        }
        String deviceId = null;
        String portId = null;
        String software = null;
        String platform = null;
        int nativeVlan = -1;
        List<String> caps = List.of();
        List<String> addrs = new ArrayList<>();
        while (r.remaining() >= 4) {
            int type = r.u16();
            int n = r.u16() - 4;
            if (n < 0 || !r.has(n)) {
                return null;
            }
            int v = r.position();
            switch (type) {
                case 0x0001 -> deviceId = text(b, v, n);
                case 0x0002 -> addresses(b, v, n, addrs);
                case 0x0003 -> portId = text(b, v, n);
                case 0x0004 -> {
                    if (n >= 4) {
                        int mask = ((b[v] & 0xff) << 24) | ((b[v + 1] & 0xff) << 16) | ((b[v + 2] & 0xff) << 8)
                                | (b[v + 3] & 0xff);
                        List<String> l = new ArrayList<>();
                        for (int i = 0; i < CAPABILITIES.length; i++) {
                            if ((mask & (1 << i)) != 0) {
                                l.add(CAPABILITIES[i]);
                            }
                        }
                        caps = List.copyOf(l);
                    }
                }
                case 0x0005 -> software = text(b, v, n);
                case 0x0006 -> platform = text(b, v, n);
                case 0x000a -> nativeVlan = n >= 2 ? ((b[v] & 0xff) << 8) | (b[v + 1] & 0xff) : -1;
                default -> {
                }
            }
            r.skip(n);
        }
        return new CdpAdvertisement(ts, src, version, ttl, deviceId, List.copyOf(addrs), portId, caps, software,
                platform, nativeVlan);
    }

    /** Address TLV: a count, then (protocol type, protocol length, protocol, address length, address). */
    private static void addresses(byte[] b, int v, int n, List<String> out) {
        WireReader r = new WireReader(b, v, n);
        long count = r.u32();
        for (int i = 0; i < count && i < 16 && r.ok(); i++) {
            r.u8();
            int plen = r.u8();
            byte[] proto = r.bytes(plen);
            int alen = r.u16();
            byte[] addr = r.bytes(alen);
            if (r.ok() && plen == 1 && proto[0] == (byte) 0xcc && alen == 4) {
                out.add(Ip.ofBytes(addr).toString());
            } else if (r.ok() && alen == 16) {
                out.add(Ip.ofBytes(Arrays.copyOf(addr, 16)).toString());
            }
        }
    }

    static String text(byte[] b, int v, int n) {
        String t = Bytes.text(b, v, n);
        return t == null ? "" : t;
    }
}
