package dev.vigil.engine.proto.ftp;

import dev.vigil.engine.dissect.Probe;
import dev.vigil.engine.dissect.Protocol;
import dev.vigil.engine.dissect.StreamDissector;
import dev.vigil.engine.event.Event;
import dev.vigil.engine.flow.Transport;
import dev.vigil.engine.wire.Bytes;
import java.util.Map;

/** FTP control connections on 21, recognised elsewhere by a "220" greeting or a USER command. */
public final class FtpProtocol implements Protocol {

    @Override
    public String name() {
        return "ftp";
    }

    @Override
    public int[] tcpPorts() {
        return new int[] {21, 2121};
    }

    @Override
    public Probe probe(Transport transport, byte[] b, int off, int len, boolean fromClient, boolean portHint) {
        if (transport != Transport.TCP) {
            return Probe.NO;
        }
        if (len < 4) {
            return Probe.NEED_MORE;
        }
        if (!fromClient) {
            boolean greeting = Bytes.startsWith(b, off, len, "220 ") || Bytes.startsWith(b, off, len, "220-");
            if (!greeting) {
                return Probe.NO;
            }
            if (portHint) {
                return Probe.MATCH;
            }
            // SMTP also greets with 220; FTP servers almost always say so
            String head = Bytes.latin1(b, off, Math.min(len, 200)).toLowerCase(java.util.Locale.ROOT);
            return head.contains("ftp") ? Probe.MATCH : Probe.NO;
        }
        return Bytes.startsWithIgnoreCase(b, off, len, "USER ") && (portHint || len < 128) ? Probe.MATCH : Probe.NO;
    }

    @Override
    public StreamDissector newStreamDissector() {
        return new FtpDissector();
    }

    @Override
    public Map<String, Class<? extends Event>> events() {
        return Map.of("ftp.banner", FtpBanner.class, "ftp.login", FtpLogin.class, "ftp.transfer", FtpTransfer.class);
    }
}
