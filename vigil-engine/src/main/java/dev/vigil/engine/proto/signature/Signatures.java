package dev.vigil.engine.proto.signature;

import dev.vigil.engine.wire.Bytes;
import java.util.List;

/**
 * The recognise-only protocols: industrial and building automation (Modbus/TCP, S7comm, DNP3,
 * EtherNet/IP, BACnet/IP, IEC 60870-5-104, KNXnet/IP), IoT (CoAP, Tuya LAN), management (VNC/RFB,
 * RDP, ADB, SMB, syslog, NTP, SIP, IRC). Each signature cites its spec.
 */
public final class Signatures {

    private Signatures() {
    }

    private static int[] ports(int... p) {
        return p;
    }

    public static List<SignatureProtocol> all() {
        return List.of(
                // Modbus/TCP: MBAP header, protocol id 0, length = unit id + PDU (Modbus Messaging on TCP/IP §3.1.3)
                new SignatureProtocol("modbus", ports(502), ports(), 8, true, (t, b, o, n, c) ->
                        Bytes.u16(b, o + 2) == 0 && Bytes.u16(b, o + 4) >= 2 && Bytes.u16(b, o + 4) <= 254
                                && ((b[o + 7] & 0x7f) != 0)),
                // S7comm over ISO-TSAP: TPKT (RFC 1006) version 3, then a COTP header (ISO 8073)
                new SignatureProtocol("s7comm", ports(102), ports(), 7, true, (t, b, o, n, c) ->
                        b[o] == 3 && b[o + 1] == 0 && Bytes.u16(b, o + 2) >= 7
                                && ((b[o + 5] & 0xff) == 0xe0 || (b[o + 5] & 0xff) == 0xd0 || (b[o + 5] & 0xff) == 0xf0)),
                // DNP3 link layer: start octets 0x05 0x64 (IEEE 1815 §9.2.4.1)
                new SignatureProtocol("dnp3", ports(20000), ports(20000), 10, false, (t, b, o, n, c) ->
                        b[o] == 0x05 && (b[o + 1] & 0xff) == 0x64 && (b[o + 2] & 0xff) >= 5),
                // EtherNet/IP encapsulation: 24-byte header, little-endian command (CIP Vol. 2 §2-3)
                new SignatureProtocol("enip", ports(44818), ports(44818, 2222), 24, true, (t, b, o, n, c) -> {
                    int cmd = Bytes.u16le(b, o);
                    return (cmd == 0x04 || cmd == 0x63 || cmd == 0x64 || cmd == 0x65 || cmd == 0x66 || cmd == 0x6f
                            || cmd == 0x70) && Bytes.u16le(b, o + 2) <= n - 24 + 1024;
                }),
                // BACnet/IP: BVLC type 0x81, a known function, length = datagram (ASHRAE 135 Annex J)
                new SignatureProtocol("bacnet", ports(), ports(47808, 47809), 4, false, (t, b, o, n, c) ->
                        (b[o] & 0xff) == 0x81 && (b[o + 1] & 0xff) <= 0x0c && Bytes.u16(b, o + 2) == n),
                // IEC 60870-5-104: APCI start 0x68 and a length of 4..253 (IEC 60870-5-104 §5.1)
                new SignatureProtocol("iec104", ports(2404), ports(), 6, true, (t, b, o, n, c) ->
                        (b[o] & 0xff) == 0x68 && (b[o + 1] & 0xff) >= 4 && (b[o + 1] & 0xff) <= 253),
                // KNXnet/IP: header length 6, version 0x10, total length = datagram (ISO 22510)
                new SignatureProtocol("knxip", ports(3671), ports(3671), 6, false, (t, b, o, n, c) ->
                        b[o] == 6 && b[o + 1] == 0x10 && Bytes.u16(b, o + 4) == n),
                // CoAP: version 1, token length <= 8, a request or response code class (RFC 7252 §3)
                new SignatureProtocol("coap", ports(), ports(5683), 4, true, (t, b, o, n, c) -> {
                    int v = (b[o] & 0xff) >>> 6;
                    int tkl = b[o] & 0x0f;
                    int cls = (b[o + 1] & 0xff) >>> 5;
                    return v == 1 && tkl <= 8 && (cls == 0 || cls == 2 || cls == 4 || cls == 5) && 4 + tkl <= n;
                }),
                // Tuya LAN protocol: frames start with 0x000055aa
                new SignatureProtocol("tuya", ports(6668), ports(6666, 6667), 8, false, (t, b, o, n, c) ->
                        Bytes.i32(b, o) == 0x000055aa),
                // NTP: version 1-4 and a mode; mode 7 is the private (monlist) mode (RFC 5905 §7.3)
                new SignatureProtocol("ntp", ports(), ports(123), 4, true, (t, b, o, n, c) -> {
                    int vn = (b[o] >>> 3) & 7;
                    int mode = b[o] & 7;
                    return vn >= 1 && vn <= 4 && mode >= 1 && (n >= 48 || mode >= 6);
                }),
                // syslog: "<PRI>" (RFC 5424 §6.2.1, RFC 3164 §4.1.1), over TCP possibly octet-counted (RFC 6587 §3.4.1)
                new SignatureProtocol("syslog", ports(514, 601, 6514), ports(514), 3, true, (t, b, o, n, c) ->
                        syslogPri(b, o, n) || octetCounted(b, o, n)),
                // VNC: "RFB 003.00x" ProtocolVersion (RFC 6143 §7.1.1)
                new SignatureProtocol("rfb", ports(5900, 5901, 5902, 5903), ports(), 12, false, (t, b, o, n, c) ->
                        Bytes.startsWith(b, o, n, "RFB 00")),
                // RDP: TPKT + X.224 connection request (MS-RDPBCGR §2.2.1.1)
                new SignatureProtocol("rdp", ports(3389), ports(), 11, true, (t, b, o, n, c) ->
                        b[o] == 3 && b[o + 1] == 0 && ((b[o + 5] & 0xff) == 0xe0 || (b[o + 5] & 0xff) == 0xd0)),
                // Android Debug Bridge: "CNXN" connect message
                new SignatureProtocol("adb", ports(5555), ports(), 4, false, (t, b, o, n, c) ->
                        Bytes.startsWith(b, o, n, "CNXN") || Bytes.startsWith(b, o, n, "AUTH")),
                // SMB over NetBIOS session or direct TCP: 0xff 'SMB' (SMB1) or 0xfe 'SMB' (SMB2/3)
                new SignatureProtocol("smb", ports(445, 139), ports(), 8, false, (t, b, o, n, c) ->
                        (b[o] == 0 || (b[o] & 0xff) == 0x81)
                                && ((b[o + 4] & 0xff) == 0xff || (b[o + 4] & 0xff) == 0xfe)
                                && b[o + 5] == 'S' && b[o + 6] == 'M' && b[o + 7] == 'B'),
                // IRC: a client registering (NICK/USER/PASS/CAP, RFC 2812 §3.1) or a server prefix and numeric reply
                new SignatureProtocol("irc", ports(6665, 6666, 6667, 6668, 6669, 7000), ports(), 5, false, (t, b, o, n, c) ->
                        c ? ircCommand(b, o, n) : b[o] == ':' && ircServer(b, o, n)),
                // SIP: a request line or "SIP/2.0" status line (RFC 3261 §7)
                new SignatureProtocol("sip", ports(5060), ports(5060), 8, false, (t, b, o, n, c) ->
                        Bytes.startsWith(b, o, n, "SIP/2.0 ") || sipRequest(b, o, n)));
    }

    private static boolean ircCommand(byte[] b, int o, int n) {
        for (String m : new String[] {"NICK ", "USER ", "PASS ", "CAP LS"}) {
            if (Bytes.startsWith(b, o, n, m)) {
                // "USER name mode unused :real name" carries a trailing parameter; FTP's USER does not
                String line = Bytes.latin1(b, o, Math.min(n, 200));
                int eol = line.indexOf('\n');
                return Bytes.mostlyPrintable(b, o, Math.min(n, 64), 0.95)
                        && (!m.equals("USER ") || (eol > 0 ? line.substring(0, eol) : line).contains(" :"));
            }
        }
        return false;
    }

    /** ":name NOTICE …" or ":name 001 …": a prefix, then a command word or a three-digit reply. */
    private static boolean ircServer(byte[] b, int o, int n) {
        int sp = indexOf(b, o, Math.min(o + n, o + 128), ' ');
        if (sp < 0 || sp + 4 > o + n) {
            return false;
        }
        String word = Bytes.latin1(b, sp + 1, Math.min(7, o + n - sp - 1));
        return word.startsWith("NOTICE") || (Character.isDigit(word.charAt(0)) && Character.isDigit(word.charAt(1))
                && Character.isDigit(word.charAt(2)) && word.length() > 3 && word.charAt(3) == ' ');
    }

    private static boolean syslogPri(byte[] b, int o, int n) {
        return n >= 3 && b[o] == '<' && Character.isDigit(b[o + 1]) && indexOf(b, o, Math.min(o + n, o + 5), '>') > 0;
    }

    private static boolean octetCounted(byte[] b, int o, int n) {
        int i = o;
        while (i < o + n && i < o + 6 && Character.isDigit(b[i])) {
            i++;
        }
        return i > o && i < o + n - 1 && b[i] == ' ' && syslogPri(b, i + 1, o + n - i - 1);
    }

    private static int indexOf(byte[] b, int from, int end, char ch) {
        for (int i = from; i < end; i++) {
            if (b[i] == ch) {
                return i;
            }
        }
        return -1;
    }

    private static boolean sipRequest(byte[] b, int o, int n) {
        for (String m : new String[] {"INVITE ", "REGISTER ", "OPTIONS ", "ACK ", "BYE ", "CANCEL ", "SUBSCRIBE ",
            "NOTIFY ", "MESSAGE "}) {
            if (Bytes.startsWith(b, o, n, m)) {
                String rest = Bytes.latin1(b, o + m.length(), Math.min(n - m.length(), 5));
                return rest.startsWith("sip:") || rest.startsWith("sips:");
            }
        }
        return false;
    }

}
