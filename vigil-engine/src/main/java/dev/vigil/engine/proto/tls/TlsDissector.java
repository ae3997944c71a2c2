package dev.vigil.engine.proto.tls;

import dev.vigil.engine.anomaly.Anomaly;
import dev.vigil.engine.dissect.DissectorContext;
import dev.vigil.engine.dissect.StreamDissector;
import dev.vigil.engine.wire.Bytes;
import java.util.ArrayList;
import java.util.List;

/**
 * TLS and SSL on one TCP flow: record layer (RFC 8446 §5), handshake messages reassembled across
 * records, hellos, the clear-text certificate chain, alerts and heartbeats. Inspection stops once
 * both sides encrypt, unless the heartbeat extension was negotiated (then record headers are
 * still watched, for Heartbleed).
 */
final class TlsDissector implements StreamDissector {

    static final int MAX_RECORD = 16384 + 2048;
    static final int MAX_HANDSHAKE = 64 * 1024;
    static final int MAX_HEARTBEAT_RECORDS = 64;

    static final Anomaly BAD_RECORD = Anomaly.declare("tls.bad_record",
            "a TLS record with an unknown content type, version or an oversized length");
    static final Anomaly BAD_HELLO = Anomaly.declare("tls.bad_hello",
            "a ClientHello or ServerHello that does not parse");
    static final Anomaly BAD_CERTIFICATE = Anomaly.declare("tls.bad_certificate",
            "a certificate the X.509 parser rejected");
    static final Anomaly HANDSHAKE_TOO_LONG = Anomaly.declare("tls.handshake_too_long", Anomaly.Kind.LIMIT,
            "a handshake message longer than " + MAX_HANDSHAKE + " bytes; not inspected");

    private static final class Side {
        boolean encrypted;
        boolean stopped;
        boolean first = true;
        /** Bytes of an encrypted record still to skip (its body spans segments). */
        long skip;
        byte[] hs;
        int hsLen;
    }

    private final Side client = new Side();
    private final Side server = new Side();
    private final CertificateParser certificates = CertificateParser.shared();
    private boolean clientHello;
    private boolean serverHello;
    private boolean tls13;
    private boolean heartbeat;
    private int heartbeats;

    @Override
    public int onData(DissectorContext ctx, boolean fromClient, byte[] b, int off, int len) {
        Side s = fromClient ? client : server;
        int p = off;
        int end = off + len;
        if (s.skip > 0) {
            int n = (int) Math.min(s.skip, len);
            s.skip -= n;
            p += n;
        }
        if (s.first && len >= 3 && (b[off] & 0x80) != 0) {
            int n = ((b[off] & 0x7f) << 8) | (b[off + 1] & 0xff);
            if (len < 2 + n) {
                return 0;
            }
            s.first = false;
            sslv2(ctx, fromClient, b, off + 2, n);
            s.stopped = true;
            return len;
        }
        while (end - p >= 5 && !s.stopped) {
            int type = b[p] & 0xff;
            int version = Bytes.u16(b, p + 1);
            int n = Bytes.u16(b, p + 3);
            if (type < 20 || type > 24 || (version >>> 8) != 3 || n > MAX_RECORD) {
                ctx.malformed(BAD_RECORD);
                s.stopped = true;
                return len;
            }
            if (end - p < 5 + n) {
                if (s.encrypted && type != 24) {
                    // encrypted data: its length is all we need; skip the body instead of buffering it
                    s.skip = 5 + n - (end - p);
                    return len;
                }
                break;
            }
            s.first = false;
            record(ctx, fromClient, s, type, version, b, p + 5, n);
            p += 5 + n;
        }
        return s.stopped ? len : p - off;
    }

    private void record(DissectorContext ctx, boolean fromClient, Side s, int type, int version, byte[] b, int p,
            int n) {
        switch (type) {
            case 20 -> s.encrypted = true;
            case 21 -> {
                if (!s.encrypted && n == 2) {
                    ctx.emit(new TlsAlert(ctx.ts(), ctx.flow(), fromClient, b[p] & 0xff, b[p + 1] & 0xff));
                }
            }
            case 22 -> {
                if (!s.encrypted) {
                    handshake(ctx, fromClient, s, version, b, p, n);
                }
            }
            case 23 -> s.encrypted = true;
            case 24 -> heartbeat(ctx, fromClient, s, b, p, n);
            default -> {
            }
        }
    }

    private void heartbeat(DissectorContext ctx, boolean fromClient, Side s, byte[] b, int p, int n) {
        if (heartbeats++ >= MAX_HEARTBEAT_RECORDS) {
            return;
        }
        boolean enc = s.encrypted;
        int msgType = !enc && n >= 3 ? b[p] & 0xff : 0;
        int payload = !enc && n >= 3 ? Bytes.u16(b, p + 1) : -1;
        ctx.emit(new TlsHeartbeat(ctx.ts(), ctx.flow(), fromClient, enc, n, msgType, payload));
    }

    /** Appends a handshake record's bytes and handles every complete message (RFC 8446 §4). */
    private void handshake(DissectorContext ctx, boolean fromClient, Side s, int version, byte[] b, int p, int n) {
        byte[] buf = b;
        int start = p;
        int avail = n;
        if (s.hsLen > 0) {
            if (s.hsLen + n > MAX_HANDSHAKE) {
                ctx.count(HANDSHAKE_TOO_LONG);
                s.hsLen = 0;
                s.stopped = true;
                return;
            }
            if (s.hs.length < s.hsLen + n) {
                s.hs = java.util.Arrays.copyOf(s.hs, Math.min(MAX_HANDSHAKE, Math.max(s.hsLen + n, s.hs.length * 2)));
            }
            System.arraycopy(b, p, s.hs, s.hsLen, n);
            s.hsLen += n;
            buf = s.hs;
            start = 0;
            avail = s.hsLen;
        }
        int q = start;
        int end = start + avail;
        while (end - q >= 4) {
            int msgType = buf[q] & 0xff;
            int msgLen = ((buf[q + 1] & 0xff) << 16) | ((buf[q + 2] & 0xff) << 8) | (buf[q + 3] & 0xff);
            if (msgLen > MAX_HANDSHAKE) {
                ctx.count(HANDSHAKE_TOO_LONG);
                s.stopped = true;
                s.hsLen = 0;
                return;
            }
            if (end - q < 4 + msgLen) {
                break;
            }
            message(ctx, fromClient, s, version, msgType, buf, q + 4, msgLen);
            q += 4 + msgLen;
            if (s.encrypted) {
                break;
            }
        }
        int rest = end - q;
        if (rest == 0 || s.encrypted) {
            s.hsLen = 0;
            return;
        }
        // keep the unfinished message; size the buffer to what it announced, not to the maximum
        int announced = rest >= 4 ? 4 + (((buf[q + 1] & 0xff) << 16) | ((buf[q + 2] & 0xff) << 8) | (buf[q + 3] & 0xff)) : 4096;
        int want = Math.min(MAX_HANDSHAKE, Math.max(rest, announced));
        if (s.hs == null || s.hs.length < want) {
            byte[] bigger = new byte[want];
            System.arraycopy(buf, q, bigger, 0, rest);
            s.hs = bigger;
        } else if (buf != s.hs || q != 0) {
            System.arraycopy(buf, q, s.hs, 0, rest);
        }
        s.hsLen = rest;
    }

    private void message(DissectorContext ctx, boolean fromClient, Side s, int recordVersion, int type, byte[] b,
            int p, int n) {
        switch (type) {
            case 1 -> {
                if (!fromClient || clientHello) {
                    return;
                }
                clientHello = true;
                TlsClientHello h = HelloParser.client(ctx.ts(), ctx.flow(), "tls", recordVersion, b, p, n, false);
                if (h == null) {
                    ctx.malformed(BAD_HELLO);
                } else {
                    ctx.emit(h);
                }
            }
            case 2 -> {
                if (fromClient || serverHello) {
                    return;
                }
                serverHello = true;
                TlsServerHello h = HelloParser.server(ctx.ts(), ctx.flow(), "tls", b, p, n, false);
                if (h == null) {
                    ctx.malformed(BAD_HELLO);
                    return;
                }
                ctx.emit(h);
                heartbeat = h.heartbeat();
                if (h.version() == TlsNames.TLS13) {
                    // RFC 8446 §2: everything after the ServerHello is encrypted
                    tls13 = true;
                    s.encrypted = true;
                }
            }
            case 11 -> certificates(ctx, fromClient, b, p, n);
            default -> {
            }
        }
    }

    /** Certificate message (RFC 5246 §7.4.2): a 24-bit list length, then 24-bit-length DER certificates. */
    private void certificates(DissectorContext ctx, boolean fromClient, byte[] b, int p, int n) {
        if (tls13 || n < 3) {
            return;
        }
        int total = Math.min(((b[p] & 0xff) << 16) | ((b[p + 1] & 0xff) << 8) | (b[p + 2] & 0xff), n - 3);
        int q = p + 3;
        int end = q + total;
        List<CertificateInfo> chain = new ArrayList<>(3);
        while (end - q >= 3 && chain.size() < 10) {
            int len = ((b[q] & 0xff) << 16) | ((b[q + 1] & 0xff) << 8) | (b[q + 2] & 0xff);
            q += 3;
            if (len > end - q) {
                ctx.malformed(BAD_CERTIFICATE);
                break;
            }
            CertificateInfo c = certificates.parse(b, q, len);
            if (c == null) {
                ctx.malformed(BAD_CERTIFICATE);
            } else {
                chain.add(c);
            }
            q += len;
        }
        if (!chain.isEmpty()) {
            ctx.emit(new TlsCertificates(ctx.ts(), ctx.flow(), fromClient, List.copyOf(chain)));
        }
    }

    private void sslv2(DissectorContext ctx, boolean fromClient, byte[] b, int p, int n) {
        if (fromClient) {
            clientHello = true;
            TlsClientHello h = HelloParser.sslv2Client(ctx.ts(), ctx.flow(), b, p, n);
            if (h == null) {
                ctx.malformed(BAD_HELLO);
            } else {
                ctx.emit(h);
            }
            return;
        }
        serverHello = true;
        Object[] r = HelloParser.sslv2Server(ctx.ts(), ctx.flow(), b, p, n);
        if (r == null) {
            ctx.malformed(BAD_HELLO);
            return;
        }
        ctx.emit((TlsServerHello) r[0]);
        int certOff = (Integer) r[1];
        int certLen = (Integer) r[2];
        if (certLen > 0) {
            CertificateInfo c = certificates.parse(b, certOff, certLen);
            if (c == null) {
                ctx.malformed(BAD_CERTIFICATE);
            } else {
                ctx.emit(new TlsCertificates(ctx.ts(), ctx.flow(), false, List.of(c)));
            }
        }
    }

    @Override
    public boolean onGap(DissectorContext ctx, boolean fromClient, long missing) {
        Side s = fromClient ? client : server;
        if (s.skip >= missing) {
            s.skip -= missing;
            return true;
        }
        s.stopped = true;
        return !(client.stopped && server.stopped);
    }

    @Override
    public boolean wantsMore() {
        if (client.stopped && server.stopped) {
            return false;
        }
        boolean handshakeOver = (client.encrypted || client.stopped) && (server.encrypted || server.stopped);
        return !handshakeOver || (heartbeat && heartbeats < MAX_HEARTBEAT_RECORDS);
    }
}
