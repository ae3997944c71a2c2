package dev.vigil.engine.testing;

import dev.vigil.engine.capture.LinkType;
import dev.vigil.engine.testing.Packets.Frame;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Builds well-formed frames around a payload (Ethernet, IPv4 or IPv6, UDP, TCP or ICMPv6), so a
 * test or a fuzz target can put hostile bytes exactly where one parser reads them while every layer
 * below is valid. Lengths in the headers match the bytes given; checksums are zero (the decoder
 * does not verify them, as offloading makes them unreliable in captures).
 */
public final class Frames {

    /** Source and destination MACs of the built frames. */
    public static final byte[] CLIENT_MAC = {0x02, 0, 0, 0, 0, 0x0a};
    public static final byte[] SERVER_MAC = {0x02, 0, 0, 0, 0, 0x01};
    public static final byte[] CLIENT_V4 = {(byte) 192, (byte) 168, 1, 10};
    public static final byte[] SERVER_V4 = {(byte) 192, (byte) 168, 1, 1};
    public static final byte[] CLIENT_V6 = v6(0xfe80, 0, 0, 0, 0, 0, 0, 0x0a);
    public static final byte[] SERVER_V6 = v6(0xfe80, 0, 0, 0, 0, 0, 0, 0x01);

    public static final int TCP_FIN = 0x01;
    public static final int TCP_SYN = 0x02;
    public static final int TCP_PSH_ACK = 0x18;
    public static final int TCP_ACK = 0x10;

    private Frames() {
    }

    static byte[] v6(int... groups) {
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[2 * i] = (byte) (groups[i] >>> 8);
            b[2 * i + 1] = (byte) groups[i];
        }
        return b;
    }

    /** An Ethernet frame: destination, source, ethertype, payload. */
    public static byte[] ethernet(byte[] dst, byte[] src, int etherType, byte[] payload) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(14 + payload.length);
        o.writeBytes(dst);
        o.writeBytes(src);
        u16(o, etherType);
        o.writeBytes(payload);
        return o.toByteArray();
    }

    /** An IPv4 header (no options, not fragmented) and its payload. */
    public static byte[] ipv4(byte[] src, byte[] dst, int protocol, byte[] payload) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(20 + payload.length);
        o.write(0x45);
        o.write(0);
        u16(o, 20 + payload.length);
        u16(o, 1);
        u16(o, 0);
        o.write(64);
        o.write(protocol);
        u16(o, 0);
        o.writeBytes(src);
        o.writeBytes(dst);
        o.writeBytes(payload);
        return o.toByteArray();
    }

    /** An IPv6 header (no extension headers) and its payload. */
    public static byte[] ipv6(byte[] src, byte[] dst, int nextHeader, byte[] payload) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(40 + payload.length);
        o.writeBytes(new byte[] {0x60, 0, 0, 0});
        u16(o, payload.length);
        o.write(nextHeader);
        o.write(255);
        o.writeBytes(src);
        o.writeBytes(dst);
        o.writeBytes(payload);
        return o.toByteArray();
    }

    public static byte[] udp(int srcPort, int dstPort, byte[] payload) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(8 + payload.length);
        u16(o, srcPort);
        u16(o, dstPort);
        u16(o, 8 + payload.length);
        u16(o, 0);
        o.writeBytes(payload);
        return o.toByteArray();
    }

    public static byte[] tcp(int srcPort, int dstPort, int seq, int ack, int flags, byte[] payload) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(20 + payload.length);
        u16(o, srcPort);
        u16(o, dstPort);
        u32(o, seq);
        u32(o, ack);
        o.write(0x50);
        o.write(flags);
        u16(o, 65535);
        u16(o, 0);
        u16(o, 0);
        o.writeBytes(payload);
        return o.toByteArray();
    }

    /** An ICMPv6 message: type, code, a zero checksum, then the body (RFC 4443 §2.1). */
    public static byte[] icmpv6(int type, int code, byte[] body) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(4 + body.length);
        o.write(type);
        o.write(code);
        u16(o, 0);
        o.writeBytes(body);
        return o.toByteArray();
    }

    /** An Ethernet frame carrying IPv4 or IPv6 from the client to the server (or back). */
    public static byte[] ip(boolean v6, boolean fromClient, int protocol, byte[] l4) {
        byte[] srcMac = fromClient ? CLIENT_MAC : SERVER_MAC;
        byte[] dstMac = fromClient ? SERVER_MAC : CLIENT_MAC;
        if (v6) {
            return ethernet(dstMac, srcMac, 0x86dd, ipv6(fromClient ? CLIENT_V6 : SERVER_V6,
                    fromClient ? SERVER_V6 : CLIENT_V6, protocol, l4));
        }
        return ethernet(dstMac, srcMac, 0x0800, ipv4(fromClient ? CLIENT_V4 : SERVER_V4,
                fromClient ? SERVER_V4 : CLIENT_V4, protocol, l4));
    }

    /** A frame as the capture readers deliver it, captured whole. */
    public static Frame frame(byte[] data, long ts) {
        return new Frame(data, data.length, ts, LinkType.ETHERNET);
    }

    /** Writes frames as a classic pcap file (microsecond stamps, little-endian, RFC draft-ietf-opsawg-pcap §4). */
    public static Path writePcap(Path file, List<Frame> frames) throws IOException {
        int linkType = frames.isEmpty() ? LinkType.ETHERNET : frames.get(0).linkType();
        try (OutputStream out = Files.newOutputStream(file)) {
            ByteArrayOutputStream h = new ByteArrayOutputStream();
            le32(h, 0xa1b2c3d4);
            le16(h, 2);
            le16(h, 4);
            le32(h, 0);
            le32(h, 0);
            le32(h, 262_144);
            le32(h, linkType);
            out.write(h.toByteArray());
            for (Frame f : frames) {
                ByteArrayOutputStream r = new ByteArrayOutputStream();
                le32(r, (int) (f.ts() / 1_000_000_000L));
                le32(r, (int) (f.ts() % 1_000_000_000L / 1000));
                le32(r, f.data().length);
                le32(r, f.wireLength());
                r.writeBytes(f.data());
                out.write(r.toByteArray());
            }
        }
        return file;
    }

    private static void u16(ByteArrayOutputStream o, int v) {
        o.write(v >>> 8);
        o.write(v);
    }

    private static void u32(ByteArrayOutputStream o, int v) {
        u16(o, v >>> 16);
        u16(o, v);
    }

    private static void le16(ByteArrayOutputStream o, int v) {
        o.write(v);
        o.write(v >>> 8);
    }

    private static void le32(ByteArrayOutputStream o, int v) {
        le16(o, v);
        le16(o, v >>> 16);
    }
}
