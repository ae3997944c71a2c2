package dev.vigil.engine.proto.ics;

import dev.vigil.engine.anomaly.Anomaly;
import dev.vigil.engine.dissect.DissectorContext;
import dev.vigil.engine.dissect.FrameDissector;
import dev.vigil.engine.net.Mac;
import dev.vigil.engine.wire.Bytes;
import java.util.ArrayList;
import java.util.List;

/**
 * PROFINET DCP frames (ethertype 0x8892) into {@link ProfinetIdentity} events: the answers a device
 * gives, the Identify response (frame id 0xFEFF), the Get response (0xFEFD) and the Hello it sends by
 * itself (0xFEFC). Requests carry the asker's wishes, not its identity, and are passed over. After
 * the frame id comes the DCP header (service id, service type, xid, response delay, data length),
 * then blocks of option, suboption, length and, in answers, a two-byte block info, each padded to
 * an even length (IEC 61158-6-10 §4.3).
 */
public final class DcpDissector implements FrameDissector {

    static final Anomaly MALFORMED = Anomaly.declare("profinet.dcp_malformed",
            "a PROFINET DCP answer whose blocks run past the frame");

    private static final int IDENTIFY_RESPONSE = 0xFEFF;
    private static final int GET_SET = 0xFEFD;
    private static final int HELLO = 0xFEFC;
    private static final int HEADER = 12;
    private static final String[] ROLES = {"io-device", "io-controller", "io-multidevice", "pn-supervisor"};

    @Override
    public void onFrame(DissectorContext ctx, byte[] b, int off, int len) {
        if (len < HEADER) {
            return;
        }
        int frameId = Bytes.u16(b, off);
        int service = b[off + 2] & 0xff;
        int type = b[off + 3] & 0xff;
        boolean answer = frameId == IDENTIFY_RESPONSE && service == 5 && (type & 1) == 1
                || frameId == GET_SET && service == 3 && (type & 1) == 1
                || frameId == HELLO && service == 6;
        if (!answer) {
            return;
        }
        int end = off + HEADER + Bytes.u16(b, off + 10);
        if (end > off + len) {
            ctx.malformed(MALFORMED);
            return;
        }
        String name = null;
        String family = null;
        Integer vendor = null;
        Integer device = null;
        List<String> roles = List.of();
        String ip = null;
        int p = off + HEADER;
        while (p + 4 <= end) {
            int option = b[p] & 0xff;
            int sub = b[p + 1] & 0xff;
            int n = Bytes.u16(b, p + 2);
            int v = p + 4 + 2; // past the block info
            if (p + 4 + n > end || n < 2) {
                ctx.malformed(MALFORMED);
                break;
            }
            int data = n - 2;
            if (option == 1 && sub == 2 && data >= 12 && (Bytes.u16(b, p + 4) & 0x80) == 0) { // 0x80: address conflict
                ip = (b[v] & 0xff) + "." + (b[v + 1] & 0xff) + "." + (b[v + 2] & 0xff) + "." + (b[v + 3] & 0xff);
                ip = ip.equals("0.0.0.0") ? null : ip;
            } else if (option == 2) {
                switch (sub) {
                    case 1 -> family = Bytes.text(b, v, data);
                    case 2 -> name = Bytes.text(b, v, data);
                    case 3 -> {
                        if (data >= 4) {
                            vendor = Bytes.u16(b, v);
                            device = Bytes.u16(b, v + 2);
                        }
                    }
                    case 4 -> roles = data >= 1 ? roles(b[v] & 0xff) : roles;
                    default -> {
                    }
                }
            }
            p += 4 + n + (n & 1);
        }
        long src = ctx.srcMac();
        if (name != null || family != null || vendor != null || ip != null) {
            Mac mac = Mac.isStation(src) ? Mac.of(src) : null;
            ctx.emit(new ProfinetIdentity(ctx.ts(), mac, name, family, vendor, device, roles, ip,
                    ctx.packet().vlan <= 0 ? null : ctx.packet().vlan)); // PROFINET priority-tags with VLAN 0
        }
    }

    private static List<String> roles(int bits) {
        List<String> r = new ArrayList<>(2);
        for (int i = 0; i < ROLES.length; i++) {
            if ((bits & 1 << i) != 0) {
                r.add(ROLES[i]);
            }
        }
        return List.copyOf(r);
    }
}
