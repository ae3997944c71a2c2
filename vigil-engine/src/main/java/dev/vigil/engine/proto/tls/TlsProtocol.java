package dev.vigil.engine.proto.tls;

import dev.vigil.engine.dissect.DatagramDissector;
import dev.vigil.engine.dissect.Probe;
import dev.vigil.engine.dissect.Protocol;
import dev.vigil.engine.dissect.StreamDissector;
import dev.vigil.engine.event.Event;
import dev.vigil.engine.flow.Transport;
import dev.vigil.engine.wire.Bytes;
import java.util.Map;

/** TLS/SSL over TCP (any port: recognised by its first record) and DTLS over UDP. */
public final class TlsProtocol implements Protocol {

    private final boolean dtls;
    private final DtlsDissector dtlsDissector = new DtlsDissector();

    private TlsProtocol(boolean dtls) {
        this.dtls = dtls;
    }

    public static TlsProtocol tls() {
        return new TlsProtocol(false);
    }

    public static TlsProtocol dtls() {
        return new TlsProtocol(true);
    }

    @Override
    public String name() {
        return dtls ? "dtls" : "tls";
    }

    @Override
    public int[] tcpPorts() {
        return dtls ? new int[0] : new int[] {443, 8443, 993, 995, 465, 636, 853, 8883, 5061, 4433, 9443};
    }

    @Override
    public int[] udpPorts() {
        return dtls ? new int[] {443, 4433, 5684, 3391, 5061} : new int[0];
    }

    @Override
    public Probe probe(Transport transport, byte[] b, int off, int len, boolean fromClient, boolean portHint) {
        if (dtls) {
            if (transport != Transport.UDP || len < 13) {
                return Probe.NO;
            }
            int type = b[off] & 0xff;
            int version = Bytes.u16(b, off + 1);
            return (type == 22 || type == 21) && DtlsDissector.dtlsVersion(version) ? Probe.MATCH : Probe.NO;
        }
        if (transport != Transport.TCP) {
            return Probe.NO;
        }
        if (len < 3) {
            return Probe.NEED_MORE;
        }
        int type = b[off] & 0xff;
        if ((type == 22 || type == 21) && b[off + 1] == 3 && (b[off + 2] & 0xff) <= 4) {
            if (len < 6) {
                return Probe.NEED_MORE;
            }
            int n = Bytes.u16(b, off + 3);
            int hs = b[off + 5] & 0xff;
            return n > 0 && n <= TlsDissector.MAX_RECORD && (type == 21 || hs == 1 || hs == 2) ? Probe.MATCH
                    : Probe.NO;
        }
        // SSL 2.0 record: two-byte length with the top bit set, then CLIENT-HELLO (1) or SERVER-HELLO (4)
        if ((type & 0x80) != 0 && len >= 5) {
            int msg = b[off + 2] & 0xff;
            int major = b[off + 3] & 0xff;
            return (msg == 1 && (major == 0 || major == 3) || msg == 4) ? Probe.MATCH : Probe.NO;
        }
        return len < 5 && (type & 0x80) != 0 ? Probe.NEED_MORE : Probe.NO;
    }

    @Override
    public StreamDissector newStreamDissector() {
        return dtls ? null : new TlsDissector();
    }

    @Override
    public DatagramDissector datagramDissector() {
        return dtls ? dtlsDissector : null;
    }

    @Override
    public Map<String, Class<? extends Event>> events() {
        return Map.of(name() + ".client_hello", TlsClientHello.class, name() + ".server_hello", TlsServerHello.class,
                "tls.certificates", TlsCertificates.class, "tls.alert", TlsAlert.class, "tls.heartbeat", TlsHeartbeat.class);
    }
}
