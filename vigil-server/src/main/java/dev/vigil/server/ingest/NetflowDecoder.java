package dev.vigil.server.ingest;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Decodes NetFlow v5, NetFlow v9 (RFC 3954) and IPFIX (RFC 7011) export packets into unidirectional
 * flow records. Templates and options templates are kept per exporter and observation domain (v9
 * source id); data sets that arrive before their template are counted and skipped; the exporters'
 * sequence numbers reveal records lost on the way, which are counted. Times are made absolute from
 * the export header (v5, v9: uptime and wall clock) or from IPFIX absolute fields, or from the
 * system initialisation time an IPFIX exporter announces in an options record (softflowd does).
 */
public final class NetflowDecoder {

    /** One unidirectional flow record; times are epoch milliseconds. */
    public record Record(byte[] src, byte[] dst, int srcPort, int dstPort, int protocol, long packets, long bytes,
            long firstMs, long lastMs, int tcpFlags, long srcMac, long dstMac) {
    }

    /** Decoding counters. */
    public static final class Counters {
        public long exportPackets;
        public long records;
        public long malformed;
        public long noTemplate;
        public long lost;
    }

    record Field(int id, int length, long enterprise) {
    }

    record Template(Field[] fields, int scopeCount) {
    }

    private final Map<String, Template> templates = new HashMap<>();
    private final Map<String, Long> initTime = new HashMap<>();
    private final Map<String, Long> sequence = new HashMap<>();
    private final Counters counters = new Counters();
    private long decoded;

    public Counters counters() {
        return counters;
    }

    /** Decodes one export packet from {@code exporter}; a packet that does not parse is counted, never thrown. */
    public void decode(byte[] b, int len, String exporter, Consumer<Record> out) {
        counters.exportPackets++;
        try {
            if (len < 4) {
                counters.malformed++;
                return;
            }
            int version = u16(b, 0);
            switch (version) {
                case 5 -> v5(b, len, exporter, out);
                case 9 -> v9(b, len, exporter, out);
                case 10 -> ipfix(b, len, exporter, out);
                default -> counters.malformed++;
            }
        } catch (IndexOutOfBoundsException e) {
            counters.malformed++;
        }
    }

    private void v5(byte[] b, int len, String exporter, Consumer<Record> out) {
        int count = u16(b, 2);
        if (len < 24 + count * 48 || count > 30) {
            counters.malformed++;
            return;
        }
        long uptime = u32(b, 4);
        long wall = u32(b, 8) * 1000 + u32(b, 12) / 1_000_000;
        long seq = u32(b, 16);
        gap(exporter + "/v5/" + u16(b, 20), seq, count, false);
        for (int i = 0; i < count; i++) {
            int o = 24 + i * 48;
            long first = wall - (uptime - u32(b, o + 24));
            long last = wall - (uptime - u32(b, o + 28));
            out.accept(new Record(slice(b, o, 4), slice(b, o + 4, 4), u16(b, o + 32), u16(b, o + 34), b[o + 38] & 0xff,
                    u32(b, o + 16), u32(b, o + 20), first, last, b[o + 37] & 0xff, -1, -1));
            counters.records++;
        }
    }

    private void gap(String key, long seq, long count, boolean perPacket) {
        Long expected = sequence.get(key);
        if (expected != null && seq > expected && seq - expected < 1_000_000) {
            counters.lost += seq - expected;
        }
        sequence.put(key, (seq + (perPacket ? 1 : count)) & 0xffffffffL);
    }

    private void v9(byte[] b, int len, String exporter, Consumer<Record> out) {
        if (len < 20) {
            counters.malformed++;
            return;
        }
        long uptime = u32(b, 4);
        long wall = u32(b, 8) * 1000;
        long seq = u32(b, 12);
        long sourceId = u32(b, 16);
        String domain = exporter + "/v9/" + sourceId;
        gap(domain, seq, 1, true);
        int o = 20;
        while (o + 4 <= len) {
            int id = u16(b, o);
            int setLen = u16(b, o + 2);
            if (setLen < 4 || o + setLen > len) {
                counters.malformed++;
                return;
            }
            int end = o + setLen;
            if (id == 0) {
                int p = o + 4;
                while (p + 4 <= end) {
                    int tid = u16(b, p);
                    int n = u16(b, p + 2);
                    p += 4;
                    Field[] f = new Field[n];
                    for (int i = 0; i < n; i++, p += 4) {
                        f[i] = new Field(u16(b, p), u16(b, p + 2), 0);
                    }
                    templates.put(domain + "/" + tid, new Template(f, 0));
                }
            } else if (id == 1) {
                int p = o + 4;
                while (p + 6 <= end) {
                    int tid = u16(b, p);
                    int scopeLen = u16(b, p + 2);
                    int optLen = u16(b, p + 4);
                    if (scopeLen == 0 && optLen == 0) {
                        break; // padding
                    }
                    p += 6;
                    int n = (scopeLen + optLen) / 4;
                    Field[] f = new Field[n];
                    for (int i = 0; i < n; i++, p += 4) {
                        f[i] = new Field(u16(b, p), u16(b, p + 2), 0);
                    }
                    templates.put(domain + "/" + tid, new Template(f, scopeLen / 4));
                }
            } else if (id >= 256) {
                data(b, o + 4, end, domain, templates.get(domain + "/" + id), uptime, wall, out);
            }
            o = end;
        }
    }

    private void ipfix(byte[] b, int len, String exporter, Consumer<Record> out) {
        int msgLen = u16(b, 2);
        if (msgLen > len || msgLen < 16) {
            counters.malformed++;
            return;
        }
        long export = u32(b, 4) * 1000;
        long seq = u32(b, 8);
        String domain = exporter + "/ipfix/" + u32(b, 12);
        long before = decoded;
        int o = 16;
        Long savedSeq = sequence.get(domain);
        while (o + 4 <= msgLen) {
            int id = u16(b, o);
            int setLen = u16(b, o + 2);
            if (setLen < 4 || o + setLen > msgLen) {
                counters.malformed++;
                break;
            }
            int end = o + setLen;
            if (id == 2 || id == 3) {
                int p = o + 4;
                while (p + 4 <= end) {
                    int tid = u16(b, p);
                    int n = u16(b, p + 2);
                    int scope = 0;
                    p += 4;
                    if (id == 3) {
                        if (p + 2 > end) {
                            break;
                        }
                        scope = u16(b, p);
                        p += 2;
                    }
                    if (tid < 256) {
                        break; // padding
                    }
                    Field[] f = new Field[n];
                    for (int i = 0; i < n; i++) {
                        int fid = u16(b, p);
                        int fl = u16(b, p + 2);
                        p += 4;
                        long ent = 0;
                        if ((fid & 0x8000) != 0) {
                            ent = u32(b, p);
                            p += 4;
                            fid &= 0x7fff;
                        }
                        f[i] = new Field(fid, fl, ent);
                    }
                    templates.put(domain + "/" + tid, new Template(f, scope));
                }
            } else if (id >= 256) {
                Long init = initTime.get(domain);
                // relative times (sysUpTime) without an announced start: anchor them at the export time
                data(b, o + 4, end, domain, templates.get(domain + "/" + id), init == null ? -1 : 0,
                        init == null ? export : init, out);
            }
            o = end;
        }
        long data = decoded - before;
        if (savedSeq != null && seq > savedSeq && seq - savedSeq < 1_000_000) {
            counters.lost += seq - savedSeq;
        }
        sequence.put(domain, (seq + data) & 0xffffffffL);
    }

    /**
     * Decodes a data set. For relative times: absolute = base - (uptime - t) with uptime ≥ 0; with
     * uptime = -1 the record's last time is anchored at base (the export time).
     */
    private void data(byte[] b, int p, int end, String domain, Template t, long uptime, long base, Consumer<Record> out) {
        if (t == null) {
            counters.noTemplate++;
            return;
        }
        int fixed = 0;
        for (Field f : t.fields()) {
            fixed += f.length() == 65535 ? 1 : f.length();
        }
        while (p + Math.max(fixed, 1) <= end) {
            byte[] src = null;
            byte[] dst = null;
            int sp = 0;
            int dp = 0;
            int proto = 0;
            int flags = 0;
            long pk = 0;
            long by = 0;
            long firstRel = -1;
            long lastRel = -1;
            long firstAbs = -1;
            long lastAbs = -1;
            long smac = -1;
            long dmac = -1;
            Long init = null;
            for (Field f : t.fields()) {
                int l = f.length();
                if (l == 65535) {
                    l = b[p] & 0xff;
                    p++;
                    if (l == 255) {
                        l = u16(b, p);
                        p += 2;
                    }
                }
                if (p + l > end) {
                    counters.malformed++;
                    return;
                }
                if (f.enterprise() == 0) {
                    switch (f.id()) {
                        case 1 -> by = num(b, p, l);
                        case 2 -> pk = num(b, p, l);
                        case 4 -> proto = (int) num(b, p, l);
                        case 6 -> flags = (int) num(b, p, l);
                        case 7 -> sp = (int) num(b, p, l);
                        case 11 -> dp = (int) num(b, p, l);
                        case 8, 27 -> src = slice(b, p, l);
                        case 12, 28 -> dst = slice(b, p, l);
                        case 21 -> lastRel = num(b, p, l);
                        case 22 -> firstRel = num(b, p, l);
                        case 56 -> smac = num(b, p, l);
                        case 57, 80 -> dmac = num(b, p, l);
                        case 150 -> firstAbs = num(b, p, l) * 1000;
                        case 151 -> lastAbs = num(b, p, l) * 1000;
                        case 152 -> firstAbs = num(b, p, l);
                        case 153 -> lastAbs = num(b, p, l);
                        case 160 -> init = num(b, p, l);
                        default -> {
                        }
                    }
                }
                p += l;
            }
            decoded++;
            if (t.scopeCount() > 0) {
                if (init != null) {
                    initTime.put(domain, init);
                }
                continue;
            }
            if (src == null || dst == null || (src.length != 4 && src.length != 16) || src.length != dst.length) {
                counters.malformed++;
                continue;
            }
            long first;
            long last;
            if (firstAbs >= 0 && lastAbs >= 0) {
                first = firstAbs;
                last = lastAbs;
            } else if (firstRel >= 0 && lastRel >= 0) {
                if (uptime >= 0) {
                    first = base - (uptime - firstRel);
                    last = base - (uptime - lastRel);
                } else {
                    last = base;
                    first = base - Math.max(0, lastRel - firstRel);
                }
            } else {
                first = base;
                last = base;
            }
            out.accept(new Record(src, dst, sp, dp, proto, pk, by, first, Math.max(first, last), flags, smac, dmac));
            counters.records++;
        }
    }

    static int u16(byte[] b, int o) {
        return ((b[o] & 0xff) << 8) | (b[o + 1] & 0xff);
    }

    static long u32(byte[] b, int o) {
        return ((long) (b[o] & 0xff) << 24) | ((b[o + 1] & 0xff) << 16) | ((b[o + 2] & 0xff) << 8) | (b[o + 3] & 0xff);
    }

    static long num(byte[] b, int o, int l) {
        long v = 0;
        for (int i = 0; i < Math.min(l, 8); i++) {
            v = (v << 8) | (b[o + i] & 0xff);
        }
        return v;
    }

    static byte[] slice(byte[] b, int o, int l) {
        byte[] x = new byte[l];
        System.arraycopy(b, o, x, 0, l);
        return x;
    }
}
