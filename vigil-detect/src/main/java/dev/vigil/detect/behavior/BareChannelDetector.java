package dev.vigil.detect.behavior;

import dev.vigil.detect.findings.Detector;
import dev.vigil.detect.findings.DeviceIndex;
import dev.vigil.detect.findings.Endpoint;
import dev.vigil.detect.findings.FindingRecorder;
import dev.vigil.engine.event.Event;
import dev.vigil.engine.flow.EndReason;
import dev.vigil.engine.flow.FlowEnded;
import dev.vigil.engine.flow.FlowMeta;
import dev.vigil.engine.flow.Transport;
import dev.vigil.engine.net.Ip;
import dev.vigil.engine.proto.tls.TlsClientHello;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A kept-open command channel on any port, 443 included (MITRE ATT&CK T1571, T1573, T1008): a bot
 * holds one session to an address it carries (no DNS lookup, and over TLS no server name either),
 * and when the session drops it dials the same address again at once, again and again, until the
 * server is back (Mirai's and Gafgyt's connect loops, RATs' reconnect timers). Duration alone is no
 * evidence: phones and hubs hold hour-long sessions to their clouds (MQTT, XMPP, push services),
 * but they find the cloud by name and back off when it is gone. So a session of at least
 * {@code c2.long_lived} to a bare address carrying little is reported as {@code c2.long_lived} only
 * with a burst of failed reconnects to the same address and port ({@link #MIN_FAILED_RECONNECTS}
 * within {@link #BURST_NANOS}).
 */
public final class BareChannelDetector implements Detector, Bounded, java.io.Serializable {

    static final int MAX_KEYS = 100_000;
    /** A kept-open channel carries commands and heartbeats, not content: more than this is a transfer. */
    static final long MAX_CHANNEL_BYTES = 10_000_000;
    /** Failed attempts within {@link #BURST_NANOS} that make a reconnect burst (a retry loop, not one lost SYN). */
    static final int MIN_FAILED_RECONNECTS = 3;
    /** One burst: a loop that retries every few seconds; exponential back-off spreads beyond it. */
    static final long BURST_NANOS = 60_000_000_000L;
    /**
     * Ports of protocols that keep a device's session to its cloud open by design: MQTT and MQTT over
     * TLS (OASIS MQTT 3.1.1 §3.1.2.10, keep-alive), XMPP client streams (RFC 6120 §4), Apple push
     * (5223), Google FCM (5228-5230), AMQP (5671, 5672), SIP registrations (5060, 5061), STUN/TURN (3478).
     */
    static final java.util.Set<Integer> PERSISTENT_PORTS = java.util.Set.of(1883, 8883, 5222, 5223, 5228, 5229, 5230,
            5671, 5672, 5060, 5061, 3478);

    private final FindingRecorder findings;
    private final FlowMarks marks;
    private final DnsNames names;
    private final long longLived;
    private final Keyed<Key, Channel> channels = new Keyed<>();
    /** Servers a TLS client named (SNI): not bare, whatever DNS showed. */
    private final Map<Ip, Boolean> named = bounded(MAX_KEYS);
    /** Connections an input ended while open, by five-tuple, with when they started (see C2Detector). */
    private final Map<Key, Long> cut = bounded(MAX_KEYS / 2);

    /** One client's TCP connections to one server port. */
    private static final class Channel extends Recent {
        final Ip client;
        final Ip server;
        final int port;
        final Series failed = new Series(4096);
        final Series sessions = new Series(4096);
        long longest;
        long bytes;

        @Override
        public long bytes() {
            return 96 + failed.bytes() + sessions.bytes();
        }

        @Override
        public boolean trim() {
            return failed.trim() | sessions.trim();
        }

        Channel(Ip client, Ip server, int port) {
            this.client = client;
            this.server = server;
            this.port = port;
        }
    }

    public BareChannelDetector(FindingRecorder findings, DetectionConfig c, DnsNames names, FlowMarks marks) {
        this.findings = findings;
        this.marks = marks;
        this.names = names;
        this.longLived = c.nanos("c2.long_lived");
    }

    private static <K, V> Map<K, V> bounded(int max) {
        return new LinkedHashMap<>(256, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> e) {
                return size() > max;
            }
        };
    }

    @Override
    public void accept(Event e) {
        switch (e) {
            case TlsClientHello h when h.sni() != null && !h.sni().isEmpty() && h.flow() != null ->
                    named.put(h.flow().serverIp(), Boolean.TRUE);
            case FlowEnded f -> flow(f);
            default -> {
            }
        }
    }

    @Override
    public java.util.List<Keyed<?, ?>> kept() {
        return java.util.List.of(channels);
    }

    private void flow(FlowEnded f) {
        FlowMeta m = f.flow();
        if (m.transport() != Transport.TCP || m.clientIp() == null || !Flows.unicast(m.serverIp())
                || Flows.privateish(m.serverIp())) {
            return;
        }
        Key tuple = new Key(m.clientIp(), m.serverIp(), m.clientPort(), m.serverPort());
        Long began = cut.isEmpty() ? null : cut.remove(tuple);
        long start = began != null ? began : f.firstSeen();
        if (f.reason() == EndReason.END_OF_INPUT) {
            cut.put(tuple, start);
        }
        Key key = new Key(m.clientIp(), m.serverIp(), m.serverPort(), 0);
        if (channels.size() >= MAX_KEYS && !channels.containsKey(key)) {
            return;
        }
        Channel c = channels.computeIfAbsent(key, k -> new Channel(m.clientIp(), m.serverIp(), m.serverPort()));
        long id = marks == null ? 0 : m.id();
        c.seen(f.ts());
        if (Flows.failed(f)) {
            c.failed.add(f.firstSeen(), c.failed.total(), true, id);
        } else if (Flows.conversed(f)) {
            c.longest = Math.max(c.longest, f.ts() - start);
            c.bytes += f.clientPayloadBytes() + f.serverPayloadBytes();
            if (began == null) {
                c.sessions.add(f.firstSeen(), c.sessions.total(), false, id);
            }
        }
    }

    @Override
    public void finish(DeviceIndex devices) {
        for (Map.Entry<Key, Channel> e : Candidates.of(channels, c -> c.longest >= longLived && c.bytes <= MAX_CHANNEL_BYTES
                && c.failed.total() >= MIN_FAILED_RECONNECTS)) {
            Channel c = e.getValue();
            if (!devices.isLocal(c.client) || devices.byIp(c.client) == null) {
                continue;
            }
            // bare: no DNS answer named it (when the input shows DNS at all) and no TLS client named it
            if (names.any() && names.name(c.server) != null || named.containsKey(c.server)) {
                continue;
            }
            int burst = c.failed.maxDistinctInWindow(BURST_NANOS);
            if (burst < MIN_FAILED_RECONNECTS) {
                continue;
            }
            String port = "tcp/" + c.port;
            FindingRecorder.Draft d = findings.record("c2.long_lived", Endpoint.of(c.client), new Endpoint(c.server, null,
                    c.port), null, port, c.sessions.total() > 0 ? c.sessions.first() : c.failed.first());
            if (d == null) {
                continue;
            }
            d.span(Math.min(c.sessions.first(), c.failed.first()), Math.max(c.sessions.last(), c.failed.last()),
                    c.sessions.total() + c.failed.total());
            d.evidence.put("longest_seconds", c.longest / 1_000_000_000L);
            d.evidence.put("bytes", c.bytes);
            d.evidence.put("sessions", c.sessions.total());
            d.evidence.put("failed_reconnects", c.failed.total());
            d.evidence.put("largest_burst", burst);
            d.evidence.put("explanation", "a " + Flows.lasting(c.longest) + " session carrying " + c.bytes + " bytes to "
                    + c.server + ":" + c.port + ", an address no DNS answer or TLS server name gave, and "
                    + c.failed.total() + " failed reconnects (" + burst + " within " + BURST_NANOS / 1_000_000_000L
                    + " s) when it dropped: a bot's command channel");
            c.sessions.markAll(marks, "c2.long_lived");
            c.failed.markAll(marks, "c2.long_lived");
        }
    }
}
