package dev.vigil.engine.proto.lldp;

import dev.vigil.engine.anomaly.Anomaly;
import dev.vigil.engine.net.Ip;
import dev.vigil.engine.net.Mac;
import dev.vigil.engine.wire.WireReader;
import java.util.ArrayList;
import java.util.List;

/** Parses an LLDPDU's TLVs (IEEE 802.1AB-2016 §8.5). Pure. */
public final class LldpParser {

    public static final Anomaly MALFORMED = Anomaly.declare("lldp.malformed",
            "an LLDP TLV whose length runs past the frame, or a missing mandatory TLV");

    static final String[] CAPABILITIES = {"other", "repeater", "bridge", "wlan_access_point", "router", "telephone",
        "docsis_cable_device", "station_only", "c_vlan", "s_vlan", "two_port_mac_relay"};

    /** Returns the advertisement or null when malformed. */
    public LldpAdvertisement parse(long ts, Mac src, Integer vlan, byte[] b, int off, int len) {
        WireReader r = new WireReader(b, off, len);
        String chassis = null;
        String port = null;
        int ttl = -1;
        String portDesc = null;
        String sysName = null;
        String sysDesc = null;
        List<String> caps = List.of();
        List<String> enabled = List.of();
        List<String> mgmt = new ArrayList<>();
        String mud = null;
        while (r.remaining() >= 2) {
            int head = r.u16();
            int type = head >>> 9;
            int n = head & 0x1ff;
            if (!r.has(n)) {
                return null;
            }
            int v = r.position();
            if (type == 0) {
                break;
            }
            switch (type) {
                case 1 -> chassis = id(b, v, n);
                case 2 -> port = id(b, v, n);
                case 3 -> ttl = n >= 2 ? ((b[v] & 0xff) << 8) | (b[v + 1] & 0xff) : -1;
                case 4 -> portDesc = text(b, v, n);
                case 5 -> sysName = text(b, v, n);
                case 6 -> sysDesc = text(b, v, n);
                case 7 -> {
                    if (n >= 4) {
                        caps = bits(((b[v] & 0xff) << 8) | (b[v + 1] & 0xff));
                        enabled = bits(((b[v + 2] & 0xff) << 8) | (b[v + 3] & 0xff));
                    }
                }
                case 8 -> {
                    String a = managementAddress(b, v, n);
                    if (a != null) {
                        mgmt.add(a);
                    }
                }
                case 127 -> {
                    // RFC 8520 §10: IANA OUI 00-00-5E, subtype 1 carries the MUD URL
                    if (n > 4 && b[v] == 0 && b[v + 1] == 0 && (b[v + 2] & 0xff) == 0x5e && b[v + 3] == 1) {
                        mud = text(b, v + 4, n - 4);
                    }
                }
                default -> {
                }
            }
            r.skip(n);
        }
        if (chassis == null || port == null) {
            return null;
        }
        return new LldpAdvertisement(ts, src, chassis, port, ttl, portDesc, sysName, sysDesc, caps, enabled,
                List.copyOf(mgmt), mud, vlan);
    }

    /** Chassis and port IDs: subtype byte, then a MAC (subtype 4 / port 3), network address, or text. */
    private static String id(byte[] b, int v, int n) {
        if (n < 2) {
            return "";
        }
        int subtype = b[v] & 0xff;
        if (n == 7 && (subtype == 4 || subtype == 3)) {
            return Mac.format(Mac.read(b, v + 1));
        }
        if (subtype == 5 && n >= 6 && b[v + 1] == 1) {
            return Ip.ofBytes(java.util.Arrays.copyOfRange(b, v + 2, v + 6)).toString();
        }
        return text(b, v + 1, n - 1);
    }

    private static String managementAddress(byte[] b, int v, int n) {
        if (n < 2) {
            return null;
        }
        int alen = b[v] & 0xff;
        if (alen < 2 || 1 + alen > n) {
            return null;
        }
        int family = b[v + 1] & 0xff;
        int alenBytes = alen - 1;
        if (family == 1 && alenBytes == 4) {
            return Ip.ofBytes(java.util.Arrays.copyOfRange(b, v + 2, v + 6)).toString();
        }
        if (family == 2 && alenBytes == 16) {
            return Ip.ofBytes(java.util.Arrays.copyOfRange(b, v + 2, v + 18)).toString();
        }
        if (family == 6 && alenBytes == 6) {
            return Mac.format(Mac.read(b, v + 2));
        }
        return null;
    }

    private static List<String> bits(int mask) {
        List<String> l = new ArrayList<>();
        for (int i = 0; i < CAPABILITIES.length; i++) {
            if ((mask & (1 << i)) != 0) {
                l.add(CAPABILITIES[i]);
            }
        }
        return List.copyOf(l);
    }

    static String text(byte[] b, int v, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            int c = b[v + i] & 0xff;
            if (c == 0 && i == n - 1) {
                break;
            }
            sb.append(c >= 0x20 && c < 0x7f ? (char) c : c == '\n' || c == '\r' || c == '\t' ? ' ' : '?');
        }
        return sb.toString().trim();
    }
}
