package dev.vigil.engine.proto.dhcpv6;

import dev.vigil.engine.anomaly.Anomaly;
import dev.vigil.engine.flow.FlowMeta;
import dev.vigil.engine.net.Ip;
import dev.vigil.engine.net.Mac;
import dev.vigil.engine.wire.Bytes;
import dev.vigil.engine.wire.WireReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Parses DHCPv6 (RFC 8415 §8, §21). Pure. */
public final class Dhcpv6Parser {

    static final int RELAY_FORW = 12;
    static final int RELAY_REPL = 13;
    static final int MAX_RELAY_DEPTH = 8;

    public static final Anomaly MALFORMED = Anomaly.declare("dhcpv6.malformed",
            "a DHCPv6 message shorter than its header or with an option running past its end");

    private boolean failed;

    public boolean failed() {
        return failed;
    }

    public Dhcpv6Message parse(long ts, FlowMeta flow, byte[] b, int off, int len) {
        failed = false;
        boolean relayed = false;
        for (int depth = 0; len >= 1 && depth <= MAX_RELAY_DEPTH; depth++) {
            int type = b[off] & 0xff;
            if (type != RELAY_FORW && type != RELAY_REPL) {
                return message(ts, flow, b, off, len, relayed);
            }
            // relay header: type, hop count, link address, peer address (RFC 8415 §9)
            WireReader r = new WireReader(b, off + 34, Math.max(0, len - 34));
            if (len < 34) {
                break;
            }
            int inner = -1;
            int innerLen = 0;
            while (r.remaining() >= 4) {
                int code = r.u16();
                int n = r.u16();
                if (!r.has(n)) {
                    break;
                }
                if (code == 9) {
                    inner = r.position();
                    innerLen = n;
                }
                r.skip(n);
            }
            if (inner < 0) {
                break;
            }
            off = inner;
            len = innerLen;
            relayed = true;
        }
        failed = true;
        return null;
    }

    private Dhcpv6Message message(long ts, FlowMeta flow, byte[] b, int off, int len, boolean relayed) {
        if (len < 4) {
            failed = true;
            return null;
        }
        int type = b[off] & 0xff;
        int xid = ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
        WireReader r = new WireReader(b, off + 4, len - 4);
        String duid = null;
        Mac duidMac = null;
        String host = null;
        String vendor = null;
        String user = null;
        String mud = null;
        List<Integer> oro = List.of();
        List<Integer> order = new ArrayList<>();
        List<Ip> addrs = new ArrayList<>();
        while (r.remaining() >= 4) {
            int code = r.u16();
            int n = r.u16();
            if (!r.has(n)) {
                failed = true;
                break;
            }
            int v = r.position();
            order.add(code);
            switch (code) {
                case 1 -> {
                    duid = Bytes.hex(Arrays.copyOfRange(b, v, v + n));
                    duidMac = duidMac(b, v, n);
                }
                case 6 -> {
                    List<Integer> l = new ArrayList<>(n / 2);
                    for (int i = 0; i + 1 < n; i += 2) {
                        l.add(Bytes.u16(b, v + i));
                    }
                    oro = List.copyOf(l);
                }
                case 15 -> user = classData(b, v, n, false);
                case 16 -> vendor = n >= 4 ? Bytes.u32(b, v) + ":" + classData(b, v + 4, n - 4, true) : null;
                case 39 -> host = n >= 2 ? wireName(b, v + 1, n - 1) : null;
                case 112 -> mud = Bytes.latin1(b, v, n);
                case 3, 4 -> iaAddresses(b, v + (code == 3 ? 12 : 4), n - (code == 3 ? 12 : 4), addrs);
                default -> {
                }
            }
            r.skip(n);
        }
        return new Dhcpv6Message(ts, flow, type, xid, duid, duidMac, host, vendor, user, oro, List.copyOf(order), mud,
                List.copyOf(addrs), relayed);
    }

    /** DUID-LLT (type 1) and DUID-LL (type 3) end with a link-layer address; hardware type 1 is Ethernet. */
    private static Mac duidMac(byte[] b, int v, int n) {
        if (n < 4) {
            return null;
        }
        int type = Bytes.u16(b, v);
        int hw = Bytes.u16(b, v + 2);
        if (hw != 1) {
            return null;
        }
        if (type == 1 && n == 14) {
            return Mac.of(Mac.read(b, v + 8));
        }
        if (type == 3 && n == 10) {
            return Mac.of(Mac.read(b, v + 4));
        }
        return null;
    }

    private static void iaAddresses(byte[] b, int v, int n, List<Ip> out) {
        if (n < 0) {
            return;
        }
        WireReader r = new WireReader(b, v, n);
        while (r.remaining() >= 4) {
            int code = r.u16();
            int len = r.u16();
            if (!r.has(len)) {
                return;
            }
            if (code == 5 && len >= 16) {
                out.add(r.ip6());
                r.skip(len - 16);
            } else {
                r.skip(len);
            }
        }
    }

    /** User and vendor class data: a list of (length, bytes) items (RFC 8415 §21.15, §21.16). */
    private static String classData(byte[] b, int v, int n, boolean vendor) {
        StringBuilder sb = new StringBuilder();
        int p = v;
        int end = v + n;
        while (p + 2 <= end) {
            int l = Bytes.u16(b, p);
            if (p + 2 + l > end) {
                break;
            }
            if (!sb.isEmpty()) {
                sb.append(vendor ? ' ' : ',');
            }
            sb.append(printable(b, p + 2, l));
            p += 2 + l;
        }
        return sb.toString();
    }

    private static String wireName(byte[] b, int v, int n) {
        StringBuilder sb = new StringBuilder();
        int p = v;
        int end = v + n;
        while (p < end) {
            int l = b[p] & 0xff;
            if (l == 0 || l > 63 || p + 1 + l > end) {
                break;
            }
            if (!sb.isEmpty()) {
                sb.append('.');
            }
            sb.append(printable(b, p + 1, l));
            p += 1 + l;
        }
        return sb.isEmpty() ? null : sb.toString();
    }

    private static String printable(byte[] b, int p, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = p; i < p + n; i++) {
            int c = b[i] & 0xff;
            sb.append(c >= 0x20 && c < 0x7f ? (char) c : '?');
        }
        return sb.toString();
    }
}
