package dev.vigil.engine.proto.snmp;

import dev.vigil.engine.anomaly.Anomaly;
import dev.vigil.engine.event.Secret;
import dev.vigil.engine.flow.FlowMeta;
import dev.vigil.engine.wire.WireReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Decodes SNMP's BER (X.690) with definite lengths only, bounded nesting and sizes. Pure. */
public final class SnmpParser {

    static final int MAX_VARBINDS = 64;
    static final int MAX_VALUE = 512;

    public static final Anomaly MALFORMED = Anomaly.declare("snmp.malformed",
            "an SNMP message whose BER lengths or tags are inconsistent");

    /** Returns the message or null when malformed. */
    public SnmpMessage parse(long ts, FlowMeta flow, byte[] b, int off, int len) {
        WireReader r = new WireReader(b, off, len);
        if (!enter(r, 0x30)) {
            return null;
        }
        long version = integer(r);
        if (!r.ok()) {
            return null;
        }
        if (version == 3) {
            return v3(ts, flow, b, r);
        }
        if (version != 0 && version != 1) {
            return null;
        }
        int clen = header(r, 0x04);
        if (clen < 0 || !r.has(clen)) {
            return null;
        }
        Secret community = new Secret(r.latin1(clen));
        return pdu(ts, flow, version == 0 ? "1" : "2c", community, null, r);
    }

    private SnmpMessage v3(long ts, FlowMeta flow, byte[] b, WireReader r) {
        // msgGlobalData: SEQUENCE { msgID, msgMaxSize, msgFlags OCTET STRING, msgSecurityModel }
        int g = header(r, 0x30);
        if (g < 0) {
            return null;
        }
        int after = r.position() + g;
        integer(r);
        integer(r);
        int fl = header(r, 0x04);
        int flags = fl == 1 ? r.u8() : 0;
        r.position(after);
        // msgSecurityParameters: OCTET STRING wrapping the USM SEQUENCE (RFC 3414 §2.4)
        int sp = header(r, 0x04);
        if (sp < 0 || !r.has(sp)) {
            return null;
        }
        int spEnd = r.position() + sp;
        String user = null;
        WireReader u = new WireReader(b, r.position(), sp);
        if (enter(u, 0x30)) {
            skip(u);
            integer(u);
            integer(u);
            int ul = header(u, 0x04);
            if (ul >= 0 && u.has(ul)) {
                user = u.utf8(ul);
            }
        }
        r.position(spEnd);
        if ((flags & 0x02) != 0) {
            return new SnmpMessage(ts, flow, "3", null, user, "encrypted", 0, 0, List.of());
        }
        // ScopedPDU: SEQUENCE { contextEngineID, contextName, PDU }
        if (!enter(r, 0x30)) {
            return null;
        }
        skip(r);
        skip(r);
        return pdu(ts, flow, "3", null, user, r);
    }

    private SnmpMessage pdu(long ts, FlowMeta flow, String version, Secret community, String user, WireReader r) {
        int tag = r.u8();
        int len = length(r);
        if (!r.ok() || len < 0 || tag < 0xa0 || tag > 0xa8) {
            return null;
        }
        String pdu = switch (tag) {
            case 0xa0 -> "get";
            case 0xa1 -> "getnext";
            case 0xa2 -> "response";
            case 0xa3 -> "set";
            case 0xa4 -> "trap";
            case 0xa5 -> "getbulk";
            case 0xa6 -> "inform";
            case 0xa7 -> "trapv2";
            default -> "report";
        };
        long requestId;
        int error = 0;
        if (tag == 0xa4) {
            // RFC 1157 §4.1.6 Trap-PDU: enterprise, agent-addr, generic-trap, specific-trap, time-stamp
            skip(r);
            skip(r);
            integer(r);
            integer(r);
            skip(r);
            requestId = 0;
        } else {
            requestId = integer(r);
            error = (int) integer(r);
            integer(r);
        }
        List<SnmpMessage.VarBind> binds = new ArrayList<>();
        if (enter(r, 0x30)) {
            while (r.remaining() > 0 && binds.size() < MAX_VARBINDS) {
                int vl = header(r, 0x30);
                if (vl < 0 || !r.has(vl)) {
                    break;
                }
                int end = r.position() + vl;
                int ol = header(r, 0x06);
                if (ol < 0 || !r.has(ol)) {
                    break;
                }
                String oid = oid(r.array(), r.position(), ol);
                r.skip(ol);
                int vtag = r.u8();
                int vlen = length(r);
                if (!r.ok() || vlen < 0 || !r.has(vlen)) {
                    break;
                }
                binds.add(new SnmpMessage.VarBind(oid, typeName(vtag), value(vtag, r.array(), r.position(), vlen)));
                r.position(end);
            }
        }
        if (!r.ok()) {
            return null;
        }
        return new SnmpMessage(ts, flow, version, community, user, pdu, requestId, error, List.copyOf(binds));
    }

    private static boolean enter(WireReader r, int tag) {
        int len = header(r, tag);
        return len >= 0 && r.has(len);
    }

    /** Reads a tag (must equal {@code tag}) and a length; -1 on mismatch. */
    private static int header(WireReader r, int tag) {
        int t = r.u8();
        if (t != tag) {
            r.invalidate();
            return -1;
        }
        return length(r);
    }

    /** X.690 §8.1.3 definite length, at most four length bytes. */
    private static int length(WireReader r) {
        int first = r.u8();
        if (first < 0x80) {
            return first;
        }
        int n = first & 0x7f;
        if (n == 0 || n > 4) {
            r.invalidate();
            return -1;
        }
        long len = 0;
        for (int i = 0; i < n; i++) {
            len = (len << 8) | r.u8();
        }
        if (len > Integer.MAX_VALUE) {
            r.invalidate();
            return -1;
        }
        return (int) len;
    }

    private static void skip(WireReader r) {
        r.u8();
        int len = length(r);
        if (len >= 0) {
            r.skip(len);
        }
    }

    private static long integer(WireReader r) {
        int len = header(r, 0x02);
        if (len < 0 || len > 8 || !r.has(len)) {
            r.invalidate();
            return 0;
        }
        long v = 0;
        for (int i = 0; i < len; i++) {
            int c = r.u8();
            v = i == 0 ? (byte) c : (v << 8) | c;
        }
        return v;
    }

    static String oid(byte[] b, int p, int n) {
        if (n == 0) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        int first = b[p] & 0xff;
        sb.append(Math.min(first / 40, 2)).append('.').append(first >= 80 ? first - 80 : first % 40);
        long v = 0;
        for (int i = 1; i < n; i++) {
            int c = b[p + i] & 0xff;
            v = (v << 7) | (c & 0x7f);
            if ((c & 0x80) == 0) {
                sb.append('.').append(v);
                v = 0;
            }
        }
        return sb.toString();
    }

    private static String typeName(int tag) {
        return switch (tag) {
            case 0x02 -> "integer";
            case 0x04 -> "string";
            case 0x05 -> "null";
            case 0x06 -> "oid";
            case 0x40 -> "ipaddress";
            case 0x41 -> "counter32";
            case 0x42 -> "gauge32";
            case 0x43 -> "timeticks";
            case 0x44 -> "opaque";
            case 0x46 -> "counter64";
            case 0x80 -> "nosuchobject";
            case 0x81 -> "nosuchinstance";
            case 0x82 -> "endofmibview";
            default -> String.format("tag_%02x", tag);
        };
    }

    private static String value(int tag, byte[] b, int p, int n) {
        switch (tag) {
            case 0x02, 0x41, 0x42, 0x43, 0x46:
                if (n > 9) {
                    return HexFormat.of().formatHex(b, p, p + n);
                }
                long v = tag == 0x02 && n > 0 ? (byte) b[p] : 0;
                for (int i = tag == 0x02 && n > 0 ? 1 : 0; i < n; i++) {
                    v = (v << 8) | (b[p + i] & 0xff);
                }
                return tag == 0x02 ? Long.toString(v) : Long.toUnsignedString(v);
            case 0x04:
                return text(b, p, n);
            case 0x06:
                return oid(b, p, n);
            case 0x40:
                return n == 4 ? (b[p] & 0xff) + "." + (b[p + 1] & 0xff) + "." + (b[p + 2] & 0xff) + "."
                        + (b[p + 3] & 0xff) : HexFormat.of().formatHex(b, p, p + n);
            case 0x05, 0x80, 0x81, 0x82:
                return "";
            default:
                return HexFormat.of().formatHex(b, p, p + Math.min(n, MAX_VALUE / 2));
        }
    }

    private static String text(byte[] b, int p, int n) {
        int m = Math.min(n, MAX_VALUE);
        int printable = 0;
        for (int i = p; i < p + m; i++) {
            int c = b[i] & 0xff;
            if (c >= 0x20 && c < 0x7f || c == '\r' || c == '\n' || c == '\t') {
                printable++;
            }
        }
        if (m > 0 && printable < m * 0.9) {
            return HexFormat.of().formatHex(b, p, p + Math.min(m, MAX_VALUE / 2));
        }
        String s = new String(b, p, m, StandardCharsets.UTF_8);
        return s.replace('\r', ' ').replace('\n', ' ').replace("\0", "").trim();
    }
}
