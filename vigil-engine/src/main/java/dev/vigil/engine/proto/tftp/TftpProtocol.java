package dev.vigil.engine.proto.tftp;

import dev.vigil.engine.anomaly.Anomaly;
import dev.vigil.engine.dissect.DatagramDissector;
import dev.vigil.engine.dissect.Probe;
import dev.vigil.engine.dissect.Protocol;
import dev.vigil.engine.event.Event;
import dev.vigil.engine.flow.Transport;
import dev.vigil.engine.wire.Bytes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** TFTP requests on UDP 69 (the transfer itself continues on other ports and is not read). */
public final class TftpProtocol implements Protocol {

    static final Anomaly MALFORMED = Anomaly.declare("tftp.malformed",
            "a TFTP request without its NUL-terminated file name and mode");

    private final DatagramDissector dissector = (ctx, fromClient, b, off, len) -> {
        if (len < 4) {
            return;
        }
        int op = Bytes.u16(b, off);
        if (op != 1 && op != 2) {
            return;
        }
        List<String> fields = strings(b, off + 2, len - 2);
        if (fields.size() < 2) {
            ctx.malformed(MALFORMED);
            return;
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 2; i + 1 < fields.size() && options.size() < 16; i += 2) {
            options.put(fields.get(i).toLowerCase(Locale.ROOT), fields.get(i + 1));
        }
        ctx.emit(new TftpRequest(ctx.ts(), ctx.flow(), op == 2, fields.get(0), fields.get(1).toLowerCase(Locale.ROOT),
                options));
    };

    private static List<String> strings(byte[] b, int off, int len) {
        List<String> out = new ArrayList<>();
        int start = off;
        for (int i = off; i < off + len && out.size() < 40; i++) {
            if (b[i] == 0) {
                out.add(Bytes.latin1(b, start, Math.min(i - start, 512)));
                start = i + 1;
            }
        }
        return out;
    }

    @Override
    public String name() {
        return "tftp";
    }

    @Override
    public int[] udpPorts() {
        return new int[] {69};
    }

    @Override
    public Probe probe(Transport transport, byte[] b, int off, int len, boolean fromClient, boolean portHint) {
        if (transport != Transport.UDP || !portHint || len < 4) {
            return Probe.NO;
        }
        int op = Bytes.u16(b, off);
        if (op < 1 || op > 6) {
            return Probe.NO;
        }
        if (op > 2) {
            return Probe.MATCH;
        }
        String head = Bytes.latin1(b, off + 2, len - 2).toLowerCase(Locale.ROOT);
        return head.contains("\0octet\0") || head.contains("\0netascii\0") || head.contains("\0mail\0") ? Probe.MATCH
                : Probe.NO;
    }

    @Override
    public DatagramDissector datagramDissector() {
        return dissector;
    }

    @Override
    public Map<String, Class<? extends Event>> events() {
        return Map.of("tftp.request", TftpRequest.class);
    }
}
