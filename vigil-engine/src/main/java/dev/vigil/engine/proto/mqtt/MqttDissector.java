package dev.vigil.engine.proto.mqtt;

import dev.vigil.engine.anomaly.Anomaly;
import dev.vigil.engine.dissect.DissectorContext;
import dev.vigil.engine.dissect.StreamDissector;
import dev.vigil.engine.event.Secret;
import dev.vigil.engine.wire.WireReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * MQTT control packets on one flow (MQTT 3.1.1 §2, 5.0 §2): a fixed header with a variable-length
 * remaining length, then the packet. Large payloads are skipped without buffering.
 */
final class MqttDissector implements StreamDissector {

    static final int MAX_PACKET_BUFFERED = 32 * 1024;
    static final int MAX_TOPICS = 64;
    static final int MAX_PACKETS = 4096;

    static final Anomaly BAD_LENGTH = Anomaly.declare("mqtt.bad_remaining_length",
            "an MQTT remaining-length field longer than four bytes");
    static final Anomaly BAD_CONNECT = Anomaly.declare("mqtt.bad_connect",
            "an MQTT CONNECT whose fields run past the packet");

    private final long[] skip = new long[2];
    private final Set<String> topics = new HashSet<>();
    private int protocolLevel = 4;
    private int packets;
    private boolean stopped;

    @Override
    public int onData(DissectorContext ctx, boolean fromClient, byte[] b, int off, int len) {
        int dir = fromClient ? 0 : 1;
        int p = off;
        int end = off + len;
        if (skip[dir] > 0) {
            int n = (int) Math.min(skip[dir], len);
            skip[dir] -= n;
            p += n;
        }
        while (end - p >= 2 && !stopped) {
            int type = (b[p] & 0xff) >>> 4;
            int flags = b[p] & 0x0f;
            long remaining = 0;
            int shift = 0;
            int q = p + 1;
            boolean complete = false;
            for (int i = 0; i < 4 && q < end; i++) {
                int digit = b[q++] & 0xff;
                remaining |= (long) (digit & 0x7f) << shift;
                shift += 7;
                if ((digit & 0x80) == 0) {
                    complete = true;
                    break;
                }
                if (i == 3) {
                    ctx.malformed(BAD_LENGTH);
                    stopped = true;
                    return len;
                }
            }
            if (!complete) {
                break;
            }
            if (++packets > MAX_PACKETS) {
                stopped = true;
                return len;
            }
            long total = (q - p) + remaining;
            if (end - p < total) {
                if (remaining > MAX_PACKET_BUFFERED || type == 3 && remaining > 1024) {
                    // a large PUBLISH: read its topic if present, skip the rest without buffering
                    if (type == 3 && end - q >= 2) {
                        publish(ctx, fromClient, flags, b, q, end - q, (int) remaining);
                    }
                    skip[dir] = total - (end - p);
                    return len;
                }
                break;
            }
            packet(ctx, fromClient, type, flags, b, q, (int) remaining);
            p += (int) total;
        }
        return stopped ? len : p - off;
    }

    private void packet(DissectorContext ctx, boolean fromClient, int type, int flags, byte[] b, int p, int n) {
        switch (type) {
            case 1 -> {
                if (fromClient) {
                    connect(ctx, b, p, n);
                }
            }
            case 2 -> {
                if (!fromClient && n >= 2) {
                    int code = b[p + 1] & 0xff;
                    ctx.emit(new MqttConnAck(ctx.ts(), ctx.flow(), (b[p] & 1) != 0, code, code == 0));
                }
            }
            case 3 -> publish(ctx, fromClient, flags, b, p, n, n);
            case 8 -> {
                if (fromClient) {
                    subscribe(ctx, b, p, n);
                }
            }
            default -> {
            }
        }
    }

    private void connect(DissectorContext ctx, byte[] b, int p, int n) {
        WireReader r = new WireReader(b, p, n);
        String name = r.utf8(r.u16());
        int level = r.u8();
        int flags = r.u8();
        int keepAlive = r.u16();
        protocolLevel = level;
        if (level == 5) {
            skipProperties(r);
        }
        String clientId = r.utf8(r.u16());
        String willTopic = null;
        if ((flags & 0x04) != 0) {
            if (level == 5) {
                skipProperties(r);
            }
            willTopic = r.utf8(r.u16());
            r.skip(r.u16());
        }
        String user = (flags & 0x80) != 0 ? r.utf8(r.u16()) : null;
        boolean passwordSent = (flags & 0x40) != 0;
        Secret password = null;
        if (passwordSent) {
            int pl = r.u16();
            password = r.ok() && r.has(pl) ? new Secret(new String(b, r.position(), pl, StandardCharsets.UTF_8)) : null;
            r.skip(pl);
        }
        if (!r.ok()) {
            ctx.malformed(BAD_CONNECT);
            return;
        }
        ctx.emit(new MqttConnect(ctx.ts(), ctx.flow(), name, level, clientId, user, passwordSent, password, willTopic,
                (flags & 0x02) != 0, keepAlive));
    }

    private void publish(DissectorContext ctx, boolean fromClient, int flags, byte[] b, int p, int avail, int n) {
        WireReader r = new WireReader(b, p, avail);
        int tl = r.u16();
        if (!r.ok() || !r.has(tl) || tl + 2 > n) {
            return;
        }
        String topic = r.utf8(tl);
        if (topics.size() >= MAX_TOPICS || !topics.add((fromClient ? "c:" : "s:") + topic)) {
            return;
        }
        int qos = (flags >>> 1) & 3;
        int header = 2 + tl + (qos > 0 ? 2 : 0);
        int props = 0;
        if (protocolLevel == 5) {
            WireReader pr = new WireReader(b, p + header, Math.max(0, avail - header));
            int start = pr.position();
            skipProperties(pr);
            props = pr.ok() ? pr.position() - start : 0;
        }
        ctx.emit(new MqttPublish(ctx.ts(), ctx.flow(), fromClient, topic, qos, (flags & 1) != 0,
                Math.max(0, n - header - props)));
    }

    private void subscribe(DissectorContext ctx, byte[] b, int p, int n) {
        WireReader r = new WireReader(b, p, n);
        r.u16();
        if (protocolLevel == 5) {
            skipProperties(r);
        }
        List<String> filters = new ArrayList<>();
        while (r.remaining() >= 3 && filters.size() < 32) {
            String f = r.utf8(r.u16());
            r.u8();
            if (r.ok()) {
                filters.add(f);
            }
        }
        if (!filters.isEmpty()) {
            ctx.emit(new MqttSubscribe(ctx.ts(), ctx.flow(), List.copyOf(filters)));
        }
    }

    /** MQTT 5 properties: a variable byte integer length, then that many bytes. */
    private static void skipProperties(WireReader r) {
        long len = 0;
        int shift = 0;
        for (int i = 0; i < 4; i++) {
            int d = r.u8();
            len |= (long) (d & 0x7f) << shift;
            shift += 7;
            if ((d & 0x80) == 0) {
                break;
            }
        }
        r.skip((int) Math.min(len, Integer.MAX_VALUE));
    }

    @Override
    public boolean onGap(DissectorContext ctx, boolean fromClient, long missing) {
        int dir = fromClient ? 0 : 1;
        if (skip[dir] >= missing) {
            skip[dir] -= missing;
            return true;
        }
        stopped = true;
        return false;
    }

    @Override
    public boolean wantsMore() {
        return !stopped;
    }
}
