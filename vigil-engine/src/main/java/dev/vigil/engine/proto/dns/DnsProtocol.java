package dev.vigil.engine.proto.dns;

import dev.vigil.engine.dissect.DatagramDissector;
import dev.vigil.engine.dissect.Probe;
import dev.vigil.engine.dissect.Protocol;
import dev.vigil.engine.dissect.StreamDissector;
import dev.vigil.engine.event.Event;
import dev.vigil.engine.flow.Transport;
import dev.vigil.engine.wire.Bytes;
import java.util.Map;

/** DNS on 53 (UDP and TCP), mDNS on 5353 and LLMNR on 5355: one parser, three names. */
public final class DnsProtocol implements Protocol {

    private final String name;
    private final int port;
    private final DnsDissector dissector;

    private DnsProtocol(String name, int port) {
        this.name = name;
        this.port = port;
        this.dissector = new DnsDissector(name);
    }

    public static DnsProtocol dns() {
        return new DnsProtocol("dns", 53);
    }

    public static DnsProtocol mdns() {
        return new DnsProtocol("mdns", 5353);
    }

    public static DnsProtocol llmnr() {
        return new DnsProtocol("llmnr", 5355);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int[] udpPorts() {
        return new int[] {port};
    }

    @Override
    public int[] tcpPorts() {
        return port == 53 ? new int[] {53} : new int[0];
    }

    @Override
    public Probe probe(Transport transport, byte[] b, int off, int len, boolean fromClient, boolean portHint) {
        if (transport == Transport.TCP) {
            if (!portHint) {
                return Probe.NO;
            }
            if (len < 2) {
                return Probe.NEED_MORE;
            }
            return header(b, off + 2, len - 2, true) ? Probe.MATCH : len < 14 ? Probe.NEED_MORE : Probe.NO;
        }
        return header(b, off, len, portHint) ? Probe.MATCH : Probe.NO;
    }

    /**
     * A plausible header. Off its ports, DNS must also carry exactly one well-formed question of a
     * common type and class, which random UDP payloads almost never do.
     */
    static boolean header(byte[] b, int off, int len, boolean portHint) {
        if (len < 12) {
            return false;
        }
        int flags = Bytes.u16(b, off + 2);
        int opcode = (flags >>> 11) & 0xf;
        int qd = Bytes.u16(b, off + 4);
        int an = Bytes.u16(b, off + 6);
        int ns = Bytes.u16(b, off + 8);
        int ar = Bytes.u16(b, off + 10);
        if (opcode > 6 || qd > 64 || an > 512 || ns > 512 || ar > 512) {
            return false;
        }
        if (portHint) {
            return true;
        }
        if (qd != 1 || (flags & 0x0040) != 0) {
            return false;
        }
        int p = off + 12;
        int end = off + len;
        while (p < end) {
            int l = b[p] & 0xff;
            if (l == 0) {
                p++;
                break;
            }
            if (l > 63 || p + 1 + l > end) {
                return false;
            }
            for (int i = p + 1; i <= p + l; i++) {
                int c = b[i] & 0xff;
                if (c <= 0x20 || c >= 0x7f) {
                    return false;
                }
            }
            p += 1 + l;
        }
        if (p + 4 > end) {
            return false;
        }
        int type = Bytes.u16(b, p);
        int cls = Bytes.u16(b, p + 2) & 0x7fff;
        return DnsTypes.common(type) && (cls == 1 || cls == 255 || cls == 3);
    }

    @Override
    public DatagramDissector datagramDissector() {
        return dissector;
    }

    @Override
    public StreamDissector newStreamDissector() {
        return port == 53 ? new DnsStreamDissector() : null;
    }

    @Override
    public Map<String, Class<? extends Event>> events() {
        return Map.of(name, DnsMessage.class);
    }
}
