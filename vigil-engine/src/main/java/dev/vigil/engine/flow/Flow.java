package dev.vigil.engine.flow;

import dev.vigil.engine.net.Ip;
import dev.vigil.engine.net.Mac;

/**
 * One bidirectional flow in the table. Flow objects are pooled and reused after eviction, so a
 * reference is only valid until the flow ends; keep the {@link #id()} or a {@link FlowMeta} instead.
 * Owned by the pipeline thread.
 */
public final class Flow {

    static final int CLASS_TCP_NEW = 0;
    static final int CLASS_TCP_ESTABLISHED = 1;
    static final int CLASS_TCP_CLOSED = 2;
    static final int CLASS_UDP = 3;
    static final int CLASS_OTHER = 4;
    static final int CLASSES = 5;

    // history letters, Zeek conn.log style: upper case for the client, lower case for the server
    static final int H_SYN = 0;
    static final int H_SYNACK = 1;
    static final int H_ACK = 2;
    static final int H_DATA = 3;
    static final int H_FIN = 4;
    static final int H_RST = 5;
    private static final char[] LETTERS = {'S', 'H', 'A', 'D', 'F', 'R'};

    // key: endpoint A is the smaller (address, port) of the two
    long aHi;
    long aLo;
    long bHi;
    long bLo;
    int aPort;
    int bPort;
    int proto;
    int vlan;
    int hash;

    long id;
    boolean clientIsA;
    long clientMac;
    long serverMac;
    long firstSeen;
    long lastSeen;
    long clientPackets;
    long serverPackets;
    long clientBytes;
    long serverBytes;
    long clientPayloadBytes;
    long serverPayloadBytes;
    int clientFlags;
    int serverFlags;
    int clientTtl;
    /** {@link FlowEnded#CRAFTED_TINY_SYN_WINDOW} and the other crafted-header bits of the client's segments. */
    int clientCrafted;
    /** Which history letters have occurred, bit (dir*6 + letter). */
    int historySeen;
    /** Order of first occurrence: up to 12 four-bit codes (1 + dir*6 + letter). */
    long historyOrder;
    int historyLength;

    int timeoutClass;
    Flow prev;
    Flow next;
    boolean active;
    private FlowMeta meta;

    /** Per-flow state of the layer above (stream inspection); cleared when the flow ends. */
    public Object inspection;
    /** Application protocol once a dissector recognised it, else null. */
    public String service;

    void clearForReuse() {
        clientMac = Mac.NONE;
        serverMac = Mac.NONE;
        clientPackets = 0;
        serverPackets = 0;
        clientBytes = 0;
        serverBytes = 0;
        clientPayloadBytes = 0;
        serverPayloadBytes = 0;
        clientFlags = 0;
        serverFlags = 0;
        clientTtl = 0;
        clientCrafted = 0;
        historySeen = 0;
        historyOrder = 0;
        historyLength = 0;
        meta = null;
        inspection = null;
        service = null;
        prev = null;
        next = null;
    }

    void addHistory(boolean fromClient, int letter) {
        int bit = (fromClient ? 0 : 6) + letter;
        if ((historySeen & (1 << bit)) == 0) {
            historySeen |= 1 << bit;
            if (historyLength < 12) {
                historyOrder |= (long) (bit + 1) << (4 * historyLength);
                historyLength++;
            }
        }
    }

    boolean seen(boolean client, int letter) {
        return (historySeen & (1 << ((client ? 0 : 6) + letter))) != 0;
    }

    public long id() {
        return id;
    }

    public int ipProtocol() {
        return proto;
    }

    public Transport transport() {
        return Transport.of(proto);
    }

    public long firstSeen() {
        return firstSeen;
    }

    public long lastSeen() {
        return lastSeen;
    }

    public long clientPackets() {
        return clientPackets;
    }

    public long serverPackets() {
        return serverPackets;
    }

    public long clientBytes() {
        return clientBytes;
    }

    public long serverBytes() {
        return serverBytes;
    }

    public long clientPayloadBytes() {
        return clientPayloadBytes;
    }

    public long serverPayloadBytes() {
        return serverPayloadBytes;
    }

    public int clientPort() {
        return clientIsA ? aPort : bPort;
    }

    public int serverPort() {
        return clientIsA ? bPort : aPort;
    }

    public long clientMac() {
        return clientMac;
    }

    public long serverMac() {
        return serverMac;
    }

    public int clientTcpFlags() {
        return clientFlags;
    }

    public int serverTcpFlags() {
        return serverFlags;
    }

    /** Header fields of the client's TCP segments that no conforming stack sets (FlowEnded.CRAFTED_*). */
    public int clientCrafted() {
        return clientCrafted;
    }

    /** TTL or hop limit of the client's first packet. */
    public int clientTtl() {
        return clientTtl;
    }

    public Ip clientIp() {
        return clientIsA ? new Ip(aHi, aLo) : new Ip(bHi, bLo);
    }

    public Ip serverIp() {
        return clientIsA ? new Ip(bHi, bLo) : new Ip(aHi, aLo);
    }

    public long clientHi() {
        return clientIsA ? aHi : bHi;
    }

    public long clientLo() {
        return clientIsA ? aLo : bLo;
    }

    public long serverHi() {
        return clientIsA ? bHi : aHi;
    }

    public long serverLo() {
        return clientIsA ? bLo : aLo;
    }

    public int vlan() {
        return vlan;
    }

    /** The flow's identity for events; made once per flow, on first use. */
    public FlowMeta meta() {
        if (meta == null) {
            meta = new FlowMeta(id, transport(), proto, clientIp(), clientPort(), serverIp(), serverPort(),
                    Mac.isStation(clientMac) ? Mac.of(clientMac) : null,
                    serverMac != Mac.NONE ? Mac.of(serverMac) : null, vlan < 0 ? null : vlan);
        }
        return meta;
    }

    /** Zeek-style history: S (SYN), H (SYN-ACK), A (ACK), D (data), F (FIN), R (RST); client upper case. */
    public String history() {
        char[] c = new char[historyLength];
        for (int i = 0; i < historyLength; i++) {
            int code = (int) ((historyOrder >>> (4 * i)) & 0xf) - 1;
            char letter = LETTERS[code % 6];
            c[i] = code >= 6 ? Character.toLowerCase(letter) : letter;
        }
        return new String(c);
    }

    /** Zeek conn_state (S0, S1, SF, REJ, S2, S3, RSTO, RSTR, RSTOS0, RSTRH, SH, SHR, OTH). */
    public String connState() {
        boolean serverAny = serverPackets > 0;
        if (proto != 6) {
            return serverAny ? "SF" : "S0";
        }
        boolean syn = seen(true, H_SYN);
        boolean synAck = seen(false, H_SYNACK);
        boolean cFin = seen(true, H_FIN);
        boolean sFin = seen(false, H_FIN);
        boolean cRst = seen(true, H_RST);
        boolean sRst = seen(false, H_RST);
        if (syn && !synAck) {
            if (cRst) {
                return "RSTOS0";
            }
            if (sRst) {
                return "REJ";
            }
            if (cFin) {
                return "SH";
            }
            return serverAny ? "OTH" : "S0";
        }
        if (!syn && synAck && !seen(true, H_ACK) && !seen(true, H_DATA)) {
            if (sRst) {
                return "RSTRH";
            }
            if (sFin) {
                return "SHR";
            }
        }
        if (!syn && !synAck) {
            return "OTH";
        }
        if (cRst) {
            return "RSTO";
        }
        if (sRst) {
            return "RSTR";
        }
        if (cFin && sFin) {
            return "SF";
        }
        if (cFin) {
            return "S2";
        }
        if (sFin) {
            return "S3";
        }
        return "S1";
    }
}
