package dev.vigil.engine.proto.tls;

import dev.vigil.engine.flow.FlowMeta;
import dev.vigil.engine.wire.WireReader;
import java.util.ArrayList;
import java.util.List;

/** Parses ClientHello and ServerHello bodies (RFC 8446 §4.1.2–4.1.3, RFC 5246 §7.4.1) and SSL 2.0 hellos. Pure. */
final class HelloParser {

    static final int EXT_SNI = 0x0000;
    static final int EXT_GROUPS = 0x000a;
    static final int EXT_POINT_FORMATS = 0x000b;
    static final int EXT_SIG_ALGS = 0x000d;
    static final int EXT_HEARTBEAT = 0x000f;
    static final int EXT_ALPN = 0x0010;
    static final int EXT_SUPPORTED_VERSIONS = 0x002b;

    private HelloParser() {
    }

    /** Fingerprints of recent distinct hello shapes (bounded; per parsing thread). */
    private static final ThreadLocal<java.util.LinkedHashMap<String, String[]>> CACHE = ThreadLocal.withInitial(
            () -> new java.util.LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<String, String[]> e) {
                    return size() > 1024;
                }
            });

    private static final class FingerprintCache {
        String[] get(String k) {
            return CACHE.get().get(k);
        }

        void put(String k, String[] v) {
            CACHE.get().put(k, v);
        }
    }

    private static final FingerprintCache FINGERPRINTS = new FingerprintCache();

    /** A ClientHello body (after the 4-byte handshake header); null when malformed. */
    static TlsClientHello client(long ts, FlowMeta flow, String protocol, int recordVersion, byte[] b, int off, int len,
            boolean dtls) {
        WireReader r = new WireReader(b, off, len);
        int version = r.u16();
        r.skip(32);
        r.skip(r.u8());
        if (dtls) {
            r.skip(r.u8());
        }
        int cipherBytes = r.u16();
        List<Integer> ciphers = new ArrayList<>(cipherBytes / 2);
        for (int i = 0; i + 1 < cipherBytes && r.ok(); i += 2) {
            int c = r.u16();
            if (!TlsNames.grease(c)) {
                ciphers.add(c);
            }
        }
        r.skip(r.u8());
        if (!r.ok()) {
            return null;
        }
        List<Integer> extensions = new ArrayList<>();
        List<Integer> groups = new ArrayList<>();
        List<Integer> formats = new ArrayList<>();
        List<Integer> sigAlgs = new ArrayList<>();
        List<Integer> versions = new ArrayList<>();
        List<String> alpn = new ArrayList<>();
        String sni = null;
        if (r.remaining() >= 2) {
            int extLen = r.u16();
            int old = r.narrow(Math.min(extLen, r.remaining()));
            while (r.remaining() >= 4) {
                int type = r.u16();
                int n = r.u16();
                if (!r.has(n)) {
                    break;
                }
                int v = r.position();
                if (!TlsNames.grease(type)) {
                    extensions.add(type);
                }
                WireReader e = new WireReader(b, v, n);
                switch (type) {
                    case EXT_SNI -> sni = sni(e);
                    case EXT_GROUPS -> u16List(e, e.u16(), groups);
                    case EXT_POINT_FORMATS -> {
                        int k = e.u8();
                        for (int i = 0; i < k && e.ok(); i++) {
                            formats.add(e.u8());
                        }
                    }
                    case EXT_SIG_ALGS -> u16List(e, e.u16(), sigAlgs);
                    case EXT_ALPN -> alpn(e, alpn);
                    case EXT_SUPPORTED_VERSIONS -> u16List(e, e.u8(), versions);
                    default -> {
                    }
                }
                r.skip(n);
            }
            r.widen(old, true);
        }
        int max = versions.isEmpty() ? version : versions.stream().max(Integer::compare).get();
        String ja3 = Fingerprints.ja3(version, ciphers, extensions, groups, formats);
        // clients repeat the same hello: hash the fingerprints once per distinct shape
        StringBuilder k = new StringBuilder(ja3.length() + 64).append(ja3).append('|');
        for (int v : versions) {
            k.append(v).append(',');
        }
        k.append('|');
        for (int v : sigAlgs) {
            k.append(v).append(',');
        }
        k.append('|').append(alpn.isEmpty() ? "" : alpn.get(0)).append('|').append(dtls).append('|').append(sni != null);
        String key = k.toString();
        String[] fp = FINGERPRINTS.get(key);
        if (fp == null) {
            fp = new String[] {Fingerprints.md5(ja3), Fingerprints.ja4(dtls ? 'd' : 't', version, versions, sni != null,
                    ciphers, extensions, alpn, sigAlgs)};
            FINGERPRINTS.put(key, fp);
        }
        return new TlsClientHello(ts, flow, protocol, recordVersion, version, List.copyOf(versions),
                TlsNames.version(max), List.copyOf(ciphers), List.copyOf(extensions), sni, List.copyOf(alpn),
                List.copyOf(groups), List.copyOf(formats), List.copyOf(sigAlgs), false, ja3, fp[0], fp[1]);
    }

    /** A ServerHello body; null when malformed. */
    static TlsServerHello server(long ts, FlowMeta flow, String protocol, byte[] b, int off, int len, boolean dtls) {
        WireReader r = new WireReader(b, off, len);
        int version = r.u16();
        r.skip(32);
        r.skip(r.u8());
        int cipher = r.u16();
        r.u8();
        if (!r.ok()) {
            return null;
        }
        List<Integer> extensions = new ArrayList<>();
        int selected = version;
        String alpn = null;
        boolean heartbeat = false;
        if (r.remaining() >= 2) {
            int extLen = r.u16();
            int old = r.narrow(Math.min(extLen, r.remaining()));
            while (r.remaining() >= 4) {
                int type = r.u16();
                int n = r.u16();
                if (!r.has(n)) {
                    break;
                }
                int v = r.position();
                if (!TlsNames.grease(type)) {
                    extensions.add(type);
                }
                WireReader e = new WireReader(b, v, n);
                if (type == EXT_SUPPORTED_VERSIONS && n == 2) {
                    selected = e.u16();
                } else if (type == EXT_ALPN) {
                    List<String> l = new ArrayList<>(1);
                    alpn(e, l);
                    alpn = l.isEmpty() ? null : l.get(0);
                } else if (type == EXT_HEARTBEAT) {
                    heartbeat = true;
                }
                r.skip(n);
            }
            r.widen(old, true);
        }
        String ja3s = Fingerprints.ja3s(version, cipher, extensions);
        return new TlsServerHello(ts, flow, protocol, version, selected, TlsNames.version(selected), cipher,
                TlsNames.cipher(cipher), List.copyOf(extensions), alpn, heartbeat, false, ja3s, Fingerprints.md5(ja3s));
    }

    /**
     * An SSL 2.0 CLIENT-HELLO (message type 1) after the 2-byte record header: version, cipher-spec,
     * session-id and challenge lengths, then 3-byte cipher kinds. SSLv3/TLS clients may send their
     * first hello in this format with a higher version.
     */
    static TlsClientHello sslv2Client(long ts, FlowMeta flow, byte[] b, int off, int len) {
        WireReader r = new WireReader(b, off, len);
        if (r.u8() != 1) {
            return null;
        }
        int version = r.u16();
        int specLen = r.u16();
        r.u16();
        r.u16();
        if (!r.ok() || specLen % 3 != 0) {
            return null;
        }
        List<Integer> ciphers = new ArrayList<>(specLen / 3);
        for (int i = 0; i < specLen && r.ok(); i += 3) {
            int c = r.u24();
            if (!TlsNames.grease(c & 0xffff) || (c >>> 16) != 0) {
                ciphers.add(c);
            }
        }
        if (!r.ok()) {
            return null;
        }
        String ja3 = Fingerprints.ja3(version, ciphers, List.of(), List.of(), List.of());
        String ja4 = Fingerprints.ja4('t', version, List.of(), false,
                ciphers.stream().map(c -> c & 0xffff).toList(), List.of(), List.of(), List.of());
        return new TlsClientHello(ts, flow, "tls", TlsNames.SSL2, version, List.of(), TlsNames.version(version),
                List.copyOf(ciphers), List.of(), null, List.of(), List.of(), List.of(), List.of(), true, ja3,
                Fingerprints.md5(ja3), ja4);
    }

    /** An SSL 2.0 SERVER-HELLO (message type 4); returns the hello and the certificate's DER offsets. */
    static Object[] sslv2Server(long ts, FlowMeta flow, byte[] b, int off, int len) {
        WireReader r = new WireReader(b, off, len);
        if (r.u8() != 4) {
            return null;
        }
        r.u8();
        r.u8();
        int version = r.u16();
        int certLen = r.u16();
        int specLen = r.u16();
        r.u16();
        int certOff = r.position();
        r.skip(certLen);
        int cipher = specLen >= 3 ? r.u24() : 0;
        if (!r.ok()) {
            return null;
        }
        String ja3s = Fingerprints.ja3s(version, cipher, List.of());
        TlsServerHello hello = new TlsServerHello(ts, flow, "tls", version, version, TlsNames.version(version), cipher,
                TlsNames.cipher(cipher), List.of(), null, false, true, ja3s, Fingerprints.md5(ja3s));
        return new Object[] {hello, certOff, certLen};
    }

    private static void u16List(WireReader e, int bytes, List<Integer> out) {
        for (int i = 0; i + 1 < bytes && e.ok(); i += 2) {
            int v = e.u16();
            if (e.ok() && !TlsNames.grease(v)) {
                out.add(v);
            }
        }
    }

    private static String sni(WireReader e) {
        int listLen = e.u16();
        int old = e.narrow(Math.min(listLen, e.remaining()));
        while (e.remaining() >= 3) {
            int type = e.u8();
            int n = e.u16();
            String name = e.latin1(n);
            if (type == 0 && e.ok()) {
                e.widen(old, false);
                return name;
            }
        }
        return null;
    }

    private static void alpn(WireReader e, List<String> out) {
        int listLen = e.u16();
        int old = e.narrow(Math.min(listLen, e.remaining()));
        while (e.remaining() >= 1) {
            int n = e.u8();
            String p = e.latin1(n);
            if (e.ok()) {
                out.add(p);
            }
        }
        e.widen(old, false);
    }
}
