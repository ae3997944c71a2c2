package dev.vigil.engine.proto.tls;

import dev.vigil.engine.dissect.DatagramDissector;
import dev.vigil.engine.dissect.DissectorContext;
import dev.vigil.engine.wire.Bytes;

/**
 * DTLS over UDP (RFC 6347 §4.1, §4.2.2): 13-byte record headers and 12-byte handshake headers.
 * Hellos that arrive in one fragment are read; fragmented ones are counted and skipped.
 */
final class DtlsDissector implements DatagramDissector {

    static final dev.vigil.engine.anomaly.Anomaly FRAGMENTED = dev.vigil.engine.anomaly.Anomaly.declare(
            "dtls.fragmented_hello", dev.vigil.engine.anomaly.Anomaly.Kind.UNSUPPORTED,
            "a DTLS hello split over several fragments (not reassembled)");

    @Override
    public void onDatagram(DissectorContext ctx, boolean fromClient, byte[] b, int off, int len) {
        int p = off;
        int end = off + len;
        while (end - p >= 13) {
            int type = b[p] & 0xff;
            int version = Bytes.u16(b, p + 1);
            int epoch = Bytes.u16(b, p + 3);
            int n = Bytes.u16(b, p + 11);
            if (type < 20 || type > 25 || !dtlsVersion(version) || end - p - 13 < n) {
                ctx.malformed(TlsDissector.BAD_RECORD);
                return;
            }
            if (type == 22 && epoch == 0 && n >= 12) {
                handshake(ctx, version, b, p + 13, n);
            } else if (type == 21 && epoch == 0 && n == 2) {
                ctx.emit(new TlsAlert(ctx.ts(), ctx.flow(), fromClient, b[p + 13] & 0xff, b[p + 14] & 0xff));
            }
            p += 13 + n;
        }
    }

    /** DTLS 1.0, 1.2, 1.3, and 0x0100: the version OpenSSL sent before 0.9.8f. */
    static boolean dtlsVersion(int v) {
        return v == 0xfeff || v == 0xfefd || v == 0xfefc || v == 0x0100;
    }

    private static void handshake(DissectorContext ctx, int version, byte[] b, int p, int n) {
        int msgType = b[p] & 0xff;
        int length = ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
        int fragOffset = ((b[p + 6] & 0xff) << 16) | ((b[p + 7] & 0xff) << 8) | (b[p + 8] & 0xff);
        int fragLength = ((b[p + 9] & 0xff) << 16) | ((b[p + 10] & 0xff) << 8) | (b[p + 11] & 0xff);
        if (msgType != 1 && msgType != 2) {
            return;
        }
        if (fragOffset != 0 || fragLength != length || 12 + length > n) {
            ctx.count(FRAGMENTED);
            return;
        }
        if (msgType == 1) {
            TlsClientHello h = HelloParser.client(ctx.ts(), ctx.flow(), "dtls", version, b, p + 12, length, true);
            if (h == null) {
                ctx.malformed(TlsDissector.BAD_HELLO);
            } else {
                ctx.emit(h);
            }
        } else {
            TlsServerHello h = HelloParser.server(ctx.ts(), ctx.flow(), "dtls", b, p + 12, length, true);
            if (h == null) {
                ctx.malformed(TlsDissector.BAD_HELLO);
            } else {
                ctx.emit(h);
            }
        }
    }
}
