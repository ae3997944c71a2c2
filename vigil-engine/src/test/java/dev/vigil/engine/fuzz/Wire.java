package dev.vigil.engine.fuzz;

import dev.vigil.engine.flow.Transport;
import dev.vigil.engine.fuzz.Conversation.Message;
import dev.vigil.engine.testing.Frames;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns fuzz messages into frames that are valid up to the layer under test: Ethernet, IPv4 or
 * IPv6, then UDP datagrams or a TCP connection (handshake on its first message, sequence and
 * acknowledgement numbers kept per direction), so the bytes the fuzzer chose arrive at the parser
 * of that protocol as a real capture would bring them. One Wire per fuzz input.
 */
public final class Wire {

    /** Most payload bytes in one frame (IPv4's total length must fit in 16 bits). */
    static final int MAX_PAYLOAD = 65_000;

    private final Map<Target, int[]> connections = new HashMap<>();

    /** The frames that carry one message of a target's conversation (a handshake first, for TCP). */
    public List<byte[]> frames(Target t, Message m) {
        byte[] payload = m.bytes().length > MAX_PAYLOAD ? Arrays.copyOf(m.bytes(), MAX_PAYLOAD) : m.bytes();
        boolean client = !m.fromServer();
        boolean v6 = m.ipv6() || t.protocol().equals("dhcpv6");
        List<byte[]> out = new ArrayList<>(4);
        if (t.transport() == Transport.UDP) {
            out.add(Frames.ip(v6, client, 17, client ? Frames.udp(t.clientPort(), t.serverPort(), payload)
                    : Frames.udp(t.serverPort(), t.clientPort(), payload)));
            return out;
        }
        int[] seq = connections.get(t);
        if (seq == null) {
            seq = new int[] {1000, 5000};
            connections.put(t, seq);
            out.add(Frames.ip(v6, true, 6, Frames.tcp(t.clientPort(), t.serverPort(), seq[0]++, 0, Frames.TCP_SYN,
                    new byte[0])));
            out.add(Frames.ip(v6, false, 6, Frames.tcp(t.serverPort(), t.clientPort(), seq[1]++, seq[0],
                    Frames.TCP_SYN | Frames.TCP_ACK, new byte[0])));
            out.add(Frames.ip(v6, true, 6, Frames.tcp(t.clientPort(), t.serverPort(), seq[0], seq[1], Frames.TCP_ACK,
                    new byte[0])));
        }
        int mine = client ? 0 : 1;
        out.add(Frames.ip(v6, client, 6, client
                ? Frames.tcp(t.clientPort(), t.serverPort(), seq[0], seq[1], Frames.TCP_PSH_ACK, payload)
                : Frames.tcp(t.serverPort(), t.clientPort(), seq[1], seq[0], Frames.TCP_PSH_ACK, payload)));
        seq[mine] += payload.length;
        return out;
    }

    /** An ICMPv6 Neighbor Discovery message (the type is forced into 133–136, RFC 4861 §4). */
    public static byte[] neighborDiscovery(Message m) {
        byte[] icmp = m.bytes().length == 0 ? new byte[] {(byte) 135} : m.bytes().clone();
        int type = icmp[0] & 0xff;
        if (type < 133 || type > 136) {
            icmp[0] = (byte) (133 + (type & 3));
        }
        return Frames.ip(true, !m.fromServer(), 58, icmp);
    }

    /** An LLDP frame (IEEE 802.1AB: the nearest-bridge group address, ethertype 0x88cc). */
    public static byte[] lldp(Message m) {
        return Frames.ethernet(new byte[] {0x01, (byte) 0x80, (byte) 0xc2, 0, 0, 0x0e}, Frames.SERVER_MAC, 0x88cc,
                m.bytes());
    }

    /** A PROFINET DCP frame (IEC 61158-6-10: the DCP multicast address, ethertype 0x8892). */
    public static byte[] dcp(Message m) {
        return Frames.ethernet(new byte[] {0x01, 0x0e, (byte) 0xcf, 0, 0, 0}, Frames.SERVER_MAC, 0x8892, m.bytes());
    }

    /** A CDP frame: 802.3 length, LLC/SNAP with Cisco's OUI and protocol id 0x2000. */
    public static byte[] cdp(Message m) {
        byte[] snap = {(byte) 0xaa, (byte) 0xaa, 3, 0, 0, 0x0c, 0x20, 0};
        byte[] llc = new byte[snap.length + m.bytes().length];
        System.arraycopy(snap, 0, llc, 0, snap.length);
        System.arraycopy(m.bytes(), 0, llc, snap.length, m.bytes().length);
        return Frames.ethernet(new byte[] {0x01, 0, 0x0c, (byte) 0xcc, (byte) 0xcc, (byte) 0xcc}, Frames.SERVER_MAC,
                Math.min(llc.length, 1500), llc);
    }
}
