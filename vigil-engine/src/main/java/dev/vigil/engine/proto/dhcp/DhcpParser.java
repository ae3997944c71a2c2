package dev.vigil.engine.proto.dhcp;

import dev.vigil.engine.anomaly.Anomaly;
import dev.vigil.engine.flow.FlowMeta;
import dev.vigil.engine.net.Ip;
import dev.vigil.engine.net.Mac;
import dev.vigil.engine.wire.Bytes;
import dev.vigil.engine.wire.WireReader;
import java.util.ArrayList;
import java.util.List;

/** Parses a DHCPv4/BOOTP message. Pure: bytes in, a record (or a named anomaly) out. */
public final class DhcpParser {

    /** RFC 2131 §2: op … file is 236 bytes, then the 4-byte magic cookie. */
    static final int FIXED = 236;
    static final int MAGIC = 0x63825363;

    public static final Anomaly TRUNCATED = Anomaly.declare("dhcp.truncated",
            "a BOOTP/DHCP message shorter than its 236-byte fixed part");
    public static final Anomaly BAD_HLEN = Anomaly.declare("dhcp.bad_hardware_length",
            "a hardware address length above the 16 bytes of chaddr");
    public static final Anomaly OPTION_OVERRUN = Anomaly.declare("dhcp.option_overrun",
            "an option whose length runs past the end of the message");
    public static final Anomaly NO_END = Anomaly.declare("dhcp.missing_end_option", Anomaly.Kind.NOTE,
            "options that stop without the END option (255)");
    public static final Anomaly BOOTP = Anomaly.declare("dhcp.bootp_only", Anomaly.Kind.NOTE,
            "a BOOTP message without the DHCP magic cookie");

    /** What the parser found wrong, or null. Set by {@link #parse}. */
    private Anomaly problem;

    public Anomaly problem() {
        return problem;
    }

    /** Parses a message, or returns null and sets {@link #problem()}. */
    public DhcpMessage parse(long ts, FlowMeta flow, byte[] b, int off, int len) {
        problem = null;
        WireReader r = new WireReader(b, off, len);
        if (len < FIXED) {
            problem = TRUNCATED;
            return null;
        }
        int op = r.u8();
        int htype = r.u8();
        int hlen = r.u8();
        r.skip(1);
        long xid = r.u32();
        r.skip(4);
        Ip ciaddr = Ip.ofV4(r.i32());
        Ip yiaddr = Ip.ofV4(r.i32());
        r.skip(4);
        Ip giaddr = Ip.ofV4(r.i32());
        if (hlen > 16) {
            problem = BAD_HLEN;
            return null;
        }
        Mac chaddr = htype == 1 && hlen == 6 ? Mac.of(Mac.read(b, r.position())) : null;
        r.skip(16 + 64 + 128);
        Options o = new Options();
        if (len >= FIXED + 4 && r.i32() == MAGIC) {
            int overload = o.read(r, b);
            // RFC 2131 §4.1: option 52 moves more options into the file and sname fields
            if ((overload & 1) != 0) {
                o.read(new WireReader(b, off + 108, 128), b);
            }
            if ((overload & 2) != 0) {
                o.read(new WireReader(b, off + 44, 64), b);
            }
        } else {
            problem = BOOTP;
        }
        if (o.overrun) {
            problem = OPTION_OVERRUN;
        } else if (!o.sawEnd && problem == null) {
            problem = NO_END;
        }
        return new DhcpMessage(ts, flow, op, o.messageType, xid, chaddr, ciaddr, yiaddr, giaddr, o.hostname,
                o.vendorClass, o.prl, o.order, o.clientId, o.fqdn, o.mudUrl, o.requestedIp, o.serverId, o.subnetMask,
                o.routers, o.dns, o.lease, o.userClass, o.maxSize);
    }

    /** Options as they accumulate over the options field and any overloaded fields. */
    private static final class Options {
        int messageType;
        String hostname;
        String vendorClass;
        List<Integer> prl = List.of();
        final List<Integer> order = new ArrayList<>();
        String clientId;
        String fqdn;
        String mudUrl;
        Ip requestedIp;
        Ip serverId;
        Ip subnetMask;
        List<Ip> routers = List.of();
        List<Ip> dns = List.of();
        Long lease;
        String userClass;
        Integer maxSize;
        boolean overrun;
        boolean sawEnd;

        /** Reads options until END; returns the option-overload value (RFC 2132 §9.3). */
        int read(WireReader r, byte[] b) {
            int overload = 0;
            while (r.remaining() > 0) {
                int code = r.u8();
                if (code == 0) {
                    continue;
                }
                if (code == 255) {
                    sawEnd = true;
                    break;
                }
                int n = r.u8();
                if (!r.ok() || !r.has(n)) {
                    overrun = true;
                    break;
                }
                int v = r.position();
                order.add(code);
                switch (code) {
                    case 53 -> messageType = n >= 1 ? b[v] & 0xff : 0;
                    case 12 -> hostname = text(b, v, n);
                    case 60 -> vendorClass = text(b, v, n);
                    case 55 -> {
                        List<Integer> l = new ArrayList<>(n);
                        for (int i = 0; i < n; i++) {
                            l.add(b[v + i] & 0xff);
                        }
                        prl = List.copyOf(l);
                    }
                    case 61 -> clientId = Bytes.hex(java.util.Arrays.copyOfRange(b, v, v + n));
                    case 81 -> fqdn = fqdn(b, v, n);
                    case 161 -> mudUrl = text(b, v, n);
                    case 50 -> requestedIp = n == 4 ? ip(b, v) : null;
                    case 54 -> serverId = n == 4 ? ip(b, v) : null;
                    case 1 -> subnetMask = n == 4 ? ip(b, v) : null;
                    case 3 -> routers = ips(b, v, n);
                    case 6 -> dns = ips(b, v, n);
                    case 51 -> lease = n == 4 ? Bytes.u32(b, v) : null;
                    case 57 -> maxSize = n == 2 ? Bytes.u16(b, v) : null;
                    case 77 -> userClass = userClass(b, v, n);
                    case 52 -> overload = n >= 1 ? b[v] & 0xff : 0;
                    default -> {
                    }
                }
                r.skip(n);
            }
            return overload;
        }

        private static Ip ip(byte[] b, int v) {
            return Ip.ofV4(Bytes.i32(b, v));
        }

        private static List<Ip> ips(byte[] b, int v, int n) {
            List<Ip> l = new ArrayList<>(n / 4);
            for (int i = 0; i + 4 <= n; i += 4) {
                l.add(ip(b, v + i));
            }
            return List.copyOf(l);
        }

        /** RFC 4702 §2: flags, two deprecated RCODE bytes, then the name (wire format when the E flag is set). */
        private static String fqdn(byte[] b, int v, int n) {
            if (n < 3) {
                return null;
            }
            int flags = b[v] & 0xff;
            if ((flags & 0x04) == 0) {
                return text(b, v + 3, n - 3);
            }
            StringBuilder sb = new StringBuilder();
            int p = v + 3;
            int end = v + n;
            while (p < end) {
                int l = b[p] & 0xff;
                if (l == 0 || l > 63 || p + 1 + l > end) {
                    break;
                }
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(Bytes.latin1(b, p + 1, l));
                p += 1 + l;
            }
            return sb.isEmpty() ? null : sb.toString();
        }

        /**
         * RFC 3004: a list of length-prefixed user-class strings; some clients send plain text. An
         * empty option has no length byte to read (reading it anyway read the next packet's bytes,
         * or past the buffer when the option ended the packet).
         */
        private static String userClass(byte[] b, int v, int n) {
            if (n == 0) {
                return null;
            }
            int l = b[v] & 0xff;
            if (l > 0 && l + 1 <= n && Bytes.mostlyPrintable(b, v + 1, l, 1.0)) {
                return text(b, v + 1, l);
            }
            return text(b, v, n);
        }

        /** Option text: trailing NULs removed, non-printable bytes escaped. */
        static String text(byte[] b, int v, int n) {
            while (n > 0 && b[v + n - 1] == 0) {
                n--;
            }
            StringBuilder sb = new StringBuilder(n);
            for (int i = 0; i < n; i++) {
                int c = b[v + i] & 0xff;
                if (c >= 0x20 && c < 0x7f) {
                    sb.append((char) c);
                } else {
                    sb.append(String.format("\\x%02x", c));
                }
            }
            return sb.toString();
        }
    }
}
