package dev.vigil.engine.proto.ssh;

import dev.vigil.engine.anomaly.Anomaly;
import dev.vigil.engine.dissect.DissectorContext;
import dev.vigil.engine.dissect.Probe;
import dev.vigil.engine.dissect.Protocol;
import dev.vigil.engine.dissect.StreamDissector;
import dev.vigil.engine.event.Event;
import dev.vigil.engine.flow.Transport;
import dev.vigil.engine.wire.Bytes;
import java.util.Map;

/** SSH, on any port: both sides open with "SSH-". The dissector reads the two identification strings. */
public final class SshProtocol implements Protocol {

    static final Anomaly BAD_BANNER = Anomaly.declare("ssh.bad_identification",
            "an SSH identification line longer than 255 characters or without a protocol version");

    @Override
    public String name() {
        return "ssh";
    }

    @Override
    public int[] tcpPorts() {
        return new int[] {22, 2222};
    }

    @Override
    public Probe probe(Transport transport, byte[] b, int off, int len, boolean fromClient, boolean portHint) {
        if (transport != Transport.TCP) {
            return Probe.NO;
        }
        if (len < 4) {
            return "SSH-".startsWith(Bytes.latin1(b, off, len)) ? Probe.NEED_MORE : Probe.NO;
        }
        return Bytes.startsWith(b, off, len, "SSH-") ? Probe.MATCH : Probe.NO;
    }

    @Override
    public StreamDissector newStreamDissector() {
        return new StreamDissector() {
            private final boolean[] done = new boolean[2];

            @Override
            public int onData(DissectorContext ctx, boolean fromClient, byte[] b, int off, int len) {
                int dir = fromClient ? 0 : 1;
                if (done[dir]) {
                    return len;
                }
                int p = off;
                int end = off + len;
                // RFC 4253 §4.2: a server may send other lines before its identification string
                while (p < end) {
                    int lf = Bytes.indexOfLf(b, p, end);
                    if (lf < 0) {
                        if (end - p > 255) {
                            ctx.malformed(BAD_BANNER);
                            done[dir] = true;
                            return len;
                        }
                        return p - off;
                    }
                    int lineEnd = lf > p && b[lf - 1] == '\r' ? lf - 1 : lf;
                    String line = Bytes.latin1(b, p, Math.min(lineEnd - p, 255));
                    p = lf + 1;
                    if (line.startsWith("SSH-")) {
                        banner(ctx, fromClient, line);
                        done[dir] = true;
                        return len;
                    }
                }
                return p - off;
            }

            @Override
            public boolean wantsMore() {
                return !(done[0] && done[1]);
            }
        };
    }

    static void banner(DissectorContext ctx, boolean fromClient, String line) {
        int dash = line.indexOf('-', 4);
        if (dash < 0) {
            ctx.malformed(BAD_BANNER);
            return;
        }
        String proto = line.substring(4, dash);
        String rest = line.substring(dash + 1);
        int sp = rest.indexOf(' ');
        String software = sp < 0 ? rest : rest.substring(0, sp);
        String comments = sp < 0 ? null : rest.substring(sp + 1).trim();
        ctx.emit(new SshBanner(ctx.ts(), ctx.flow(), fromClient, proto, software,
                comments == null || comments.isEmpty() ? null : comments));
    }

    @Override
    public Map<String, Class<? extends Event>> events() {
        return Map.of("ssh.banner", SshBanner.class);
    }
}
