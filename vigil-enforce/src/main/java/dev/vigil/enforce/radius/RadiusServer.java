package dev.vigil.enforce.radius;

import dev.vigil.detect.segmentation.VlanPlan;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Vigil's own RADIUS server for MAC authentication bypass: a switch or access point asks whether a
 * MAC may join (Access-Request, RFC 2865), and Vigil answers Access-Accept with the VLAN of the
 * device's tier or zone as the tunnel attributes of RFC 3580 section 3.31, or Access-Reject with the
 * reason. Every request must carry a valid Message-Authenticator (RFC 3579 section 3.2) and every
 * reply carries one first, which is what CVE-2024-3596 requires; a request from an address that is
 * not a configured client, or that fails its authenticator, is dropped unanswered and counted. A
 * retransmission gets the same reply again (RFC 5080 section 2.2.2).
 */
public final class RadiusServer implements AutoCloseable {

    /** RFC 2868: Tunnel-Type VLAN (13), Tunnel-Medium-Type IEEE-802 (6). */
    static final int TUNNEL_VLAN = 13;
    static final int MEDIUM_802 = 6;

    /** Sessions kept for CoA; the least recently admitted goes first past this many. */
    public static final int MAX_SESSIONS = 65_536;

    /** Replies kept for retransmissions (RFC 5080 section 2.2.2), by client, port, id and authenticator. */
    static final int DUPLICATE_CACHE = 4_096;

    /** How long the receive loop waits before looking whether it was closed. */
    private static final int POLL_MILLIS = 200;

    /**
     * One answer given.
     *
     * @param at when (milliseconds since the epoch)
     * @param client the NAS that asked
     * @param mac the device's MAC, or null when the request named none
     * @param device the inventory device, or null
     * @param accepted whether it was let in
     * @param vlan the VLAN given, or 0
     * @param reason why
     */
    public record Answer(long at, String client, String mac, String device, boolean accepted, int vlan, String reason) {
    }

    private final DatagramSocket socket;
    private final List<RadiusClient> clients;
    private volatile Placement placement;
    private final Consumer<Answer> log;
    private final Map<String, Session> sessions = new LinkedHashMap<>(16, 0.75f, false);
    private final Map<String, byte[]> replies = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> e) {
            return size() > DUPLICATE_CACHE;
        }
    };
    private final Map<String, AtomicLong> dropped = new ConcurrentHashMap<>();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong retransmissions = new AtomicLong();
    private final Thread loop;
    private volatile boolean closed;

    private RadiusServer(DatagramSocket socket, List<RadiusClient> clients, Placement placement, Consumer<Answer> log) {
        this.socket = socket;
        this.clients = List.copyOf(clients);
        this.placement = placement;
        this.log = log;
        this.loop = Thread.ofPlatform().name("vigil-radius").daemon().unstarted(this::run);
    }

    /**
     * Listens and answers until closed.
     *
     * @param listen the address and port to bind (an explicit address: never every interface by default)
     * @param clients the NASes that may ask
     * @param placement where each MAC goes; {@link #place} replaces it when the inventory or a tier changes
     * @param log told of every answer
     */
    public static RadiusServer start(InetSocketAddress listen, List<RadiusClient> clients, Placement placement,
            Consumer<Answer> log) throws IOException {
        if (clients.isEmpty()) {
            throw new IllegalArgumentException("a RADIUS server needs at least one client (NAS) and its secret");
        }
        DatagramSocket s = new DatagramSocket(listen);
        s.setSoTimeout(POLL_MILLIS);
        RadiusServer r = new RadiusServer(s, clients, placement, log);
        r.loop.start();
        return r;
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** Uses another placement from now on (the inventory or a tier changed). */
    public void place(Placement p) {
        placement = p;
    }

    public Placement placement() {
        return placement;
    }

    /** The sessions admitted, oldest first. */
    public List<Session> sessions() {
        synchronized (sessions) {
            return new ArrayList<>(sessions.values());
        }
    }

    /** Records that a session moved (after a CoA or a Disconnect was acknowledged). */
    void update(Session s) {
        synchronized (sessions) {
            sessions.put(s.mac(), s);
        }
    }

    public long accepted() {
        return accepted.get();
    }

    public long rejected() {
        return rejected.get();
    }

    /** Retransmitted requests answered again with the reply they had. */
    public long retransmissions() {
        return retransmissions.get();
    }

    /** Requests dropped unanswered, by reason. */
    public Map<String, Long> dropped() {
        Map<String, Long> out = new java.util.TreeMap<>();
        dropped.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** The RADIUS clients whose secret is needed to reach a NAS. */
    public Collection<RadiusClient> clients() {
        return clients;
    }

    private void run() {
        byte[] buf = new byte[RadiusPacket.MAX_LENGTH];
        while (!closed) {
            DatagramPacket d = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(d);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                if (!closed) {
                    drop("receive error");
                }
                continue;
            }
            try {
                byte[] reply = handle(buf, d.getLength(), (InetSocketAddress) d.getSocketAddress());
                if (reply != null) {
                    socket.send(new DatagramPacket(reply, reply.length, d.getSocketAddress()));
                }
            } catch (IOException e) {
                drop("send error");
            } catch (RuntimeException e) {
                // one request never stops the server; what it was is counted
                drop("internal error: " + e.getClass().getSimpleName());
            }
        }
    }

    /** The reply to one datagram, or null when it is dropped. */
    byte[] handle(byte[] wire, int length, InetSocketAddress from) {
        RadiusClient c = RadiusClient.of(clients, from.getAddress());
        if (c == null) {
            return drop("unknown client");
        }
        RadiusPacket req;
        try {
            req = RadiusPacket.parse(wire, length);
        } catch (RadiusFormatException e) {
            return drop("malformed");
        }
        if (req.code() != RadiusPacket.ACCESS_REQUEST) {
            return drop("not an Access-Request");
        }
        if (!RadiusCrypto.verifyAccessRequest(wire, length, c.secret())) {
            return drop(req.first(RadiusPacket.MESSAGE_AUTHENTICATOR) == null ? "no Message-Authenticator"
                    : "bad Message-Authenticator");
        }
        String key = from + "/" + req.id() + "/" + java.util.HexFormat.of().formatHex(req.authenticator());
        synchronized (replies) {
            byte[] again = replies.get(key);
            if (again != null) {
                retransmissions.incrementAndGet();
                return again;
            }
        }
        byte[] reply = decide(req, c, from);
        synchronized (replies) {
            replies.put(key, reply);
        }
        return reply;
    }

    private byte[] decide(RadiusPacket req, RadiusClient c, InetSocketAddress from) {
        if (req.first(RadiusPacket.EAP_MESSAGE) != null) {
            return reject(req, c, null, null, "802.1X (EAP) is not answered here: Vigil's RADIUS server answers MAC authentication bypass");
        }
        String mac = Macs.normalize(req.text(RadiusPacket.CALLING_STATION_ID));
        if (mac == null) {
            mac = Macs.normalize(req.text(RadiusPacket.USER_NAME));
        }
        if (mac == null) {
            return reject(req, c, null, null, "no MAC in Calling-Station-Id or User-Name");
        }
        RadiusPacket.Attribute pw = req.first(RadiusPacket.USER_PASSWORD);
        if (pw != null && !mac.equals(Macs.normalize(RadiusCrypto.userPassword(pw.value(), req.authenticator(), c.secret())))) {
            return reject(req, c, mac, null, "User-Password is not the MAC (MAC authentication bypass sends the MAC as both)");
        }
        Placement.Placed p = placement.place(mac);
        VlanPlan.Assignment a = p.assignment();
        if (a == null) {
            return reject(req, c, mac, p.device(), p.device() == null
                    ? "not in the inventory and the policy has no vlan default"
                    : "no vlan statement places this device and the policy has no vlan default");
        }
        RadiusPacket.Attribute nasIp = req.first(RadiusPacket.NAS_IP_ADDRESS);
        RadiusPacket.Attribute port = req.first(RadiusPacket.NAS_PORT);
        long now = System.currentTimeMillis();
        Session s = new Session(mac, from, nasIp == null ? null : nasIp.value(), req.text(RadiusPacket.NAS_IDENTIFIER),
                port == null ? -1 : port.asInteger(), req.text(RadiusPacket.USER_NAME),
                req.text(RadiusPacket.CALLING_STATION_ID), a.vlan(), a.reason(), now);
        synchronized (sessions) {
            sessions.remove(mac);
            sessions.put(mac, s);
            if (sessions.size() > MAX_SESSIONS) {
                sessions.remove(sessions.keySet().iterator().next());
            }
        }
        accepted.incrementAndGet();
        log.accept(new Answer(now, c.name(), mac, p.device(), true, a.vlan(), a.reason()));
        return RadiusCrypto.signReply(RadiusPacket.ACCESS_ACCEPT, req.id(), vlanAttributes(a.vlan()), req.authenticator(), c.secret());
    }

    /** Tunnel-Type VLAN, Tunnel-Medium-Type 802 and Tunnel-Private-Group-Id, untagged (RFC 3580 section 3.31). */
    static List<RadiusPacket.Attribute> vlanAttributes(int vlan) {
        return List.of(RadiusPacket.Attribute.tagged(RadiusPacket.TUNNEL_TYPE, 0, TUNNEL_VLAN),
                RadiusPacket.Attribute.tagged(RadiusPacket.TUNNEL_MEDIUM_TYPE, 0, MEDIUM_802),
                RadiusPacket.Attribute.text(RadiusPacket.TUNNEL_PRIVATE_GROUP_ID, Integer.toString(vlan)));
    }

    private byte[] reject(RadiusPacket req, RadiusClient c, String mac, String device, String reason) {
        rejected.incrementAndGet();
        log.accept(new Answer(System.currentTimeMillis(), c.name(), mac, device, false, 0, reason));
        return RadiusCrypto.signReply(RadiusPacket.ACCESS_REJECT, req.id(),
                List.of(RadiusPacket.Attribute.text(RadiusPacket.REPLY_MESSAGE, reason)), req.authenticator(), c.secret());
    }

    private byte[] drop(String why) {
        dropped.computeIfAbsent(why, k -> new AtomicLong()).incrementAndGet();
        return null;
    }

    @Override
    public void close() {
        closed = true;
        socket.close();
        try {
            loop.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
