package dev.vigil.inputs.netflow;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Decodes NetFlow v5, NetFlow v9 (RFC 3954) and IPFIX (RFC 7011) export packets into unidirectional
 * flow records. Templates and options templates are kept per exporter and observation domain (v9
 * source id); data sets that arrive before their template are counted and skipped; the exporters'
 * sequence numbers reveal records lost on the way, which are counted. Times are made absolute from
 * the export header (v5, v9: uptime and wall clock) or from IPFIX absolute fields, or from the
 * system initialisation time an IPFIX exporter announces in an options record (softflowd does).
 * What is kept per exporter is bounded by {@link NetflowLimits} ({@link NetflowTemplates}); what
 * does not parse is counted by name in {@link Counters#anomalies}, never thrown.
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
        /** Datagrams or parts of them that did not parse, the refused templates among them. */
        public long malformed;
        public long noTemplate;
        public long lost;
        /** What did not parse or hit a bound, by name ({@code netflow.template_no_fields}, …). */
        public final Map<String, Long> anomalies = new TreeMap<>();

        void anomaly(String name) {
            anomalies.merge(name, 1L, Long::sum);
            if (!name.endsWith("_evicted")) {
                malformed++;
            }
        }
    }

    private final Counters counters = new Counters();
    private final NetflowTemplates templates;
    private long decoded;

    public NetflowDecoder() {
        this(NetflowLimits.DEFAULT);
    }

    public NetflowDecoder(NetflowLimits limits) {
        this.templates = new NetflowTemplates(limits, counters);
    }

    public Counters counters() {
        return counters;
    }

    /** Templates kept, over every exporter. */
    public int templates() {
        return templates.size();
    }

    /** Exporters whose templates and sequence numbers are kept. */
    public int exporters() {
        return templates.exporters();
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
                case 5 -> v5(b, len, templates.exporter(exporter), out);
                case 9 -> v9(b, len, templates.exporter(exporter), out);
                case 10 -> ipfix(b, len, templates.exporter(exporter), out);
                default -> counters.anomaly("netflow.bad_version");
            }
        } catch (IndexOutOfBoundsException e) {
            counters.malformed++;
        } catch (RuntimeException e) {
            // a decoder bug costs this datagram, never the collector
            counters.anomaly("netflow.decoder_error");
        }
    }

    private void v5(byte[] b, int len, NetflowTemplates.Exporter exporter, Consumer<Record> out) {
        int count = u16(b, 2);
        if (len < 24 + count * 48 || count > 30) {
            counters.malformed++;
            return;
        }
        long uptime = u32(b, 4);
        long wall = u32(b, 8) * 1000 + u32(b, 12) / 1_000_000;
        long seq = u32(b, 16);
        gap(exporter, "v5/" + u16(b, 20), seq, count, false);
        for (int i = 0; i < count; i++) {
            int o = 24 + i * 48;
            long first = wall - (uptime - u32(b, o + 24));
            long last = wall - (uptime - u32(b, o + 28));
            out.accept(new Record(slice(b, o, 4), slice(b, o + 4, 4), u16(b, o + 32), u16(b, o + 34), b[o + 38] & 0xff,
                    u32(b, o + 16), u32(b, o + 20), first, last, b[o + 37] & 0xff, -1, -1));
            counters.records++;
        }
    }

    private void gap(NetflowTemplates.Exporter e, String key, long seq, long count, boolean perPacket) {
        Long expected = e.sequence.get(key);
        if (expected != null && seq > expected && seq - expected < 1_000_000) {
            counters.lost += seq - expected;
        }
        e.sequence.put(key, (seq + (perPacket ? 1 : count)) & 0xffffffffL);
    }

    private void v9(byte[] b, int len, NetflowTemplates.Exporter exporter, Consumer<Record> out) {
        if (len < 20) {
            counters.malformed++;
            return;
        }
        long uptime = u32(b, 4);
        long wall = u32(b, 8) * 1000;
        long seq = u32(b, 12);
        String domain = "v9/" + u32(b, 16);
        gap(exporter, domain, seq, 1, true);
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
                templates.v9Templates(b, o + 4, end, exporter, domain);
            } else if (id == 1) {
                templates.v9Options(b, o + 4, end, exporter, domain);
            } else if (id >= 256) {
                data(b, o + 4, end, exporter, domain, templates.get(exporter, domain + "/" + id), uptime, wall, out);
            }
            o = end;
        }
    }

    private void ipfix(byte[] b, int len, NetflowTemplates.Exporter exporter, Consumer<Record> out) {
        int msgLen = u16(b, 2);
        if (msgLen > len || msgLen < 16) {
            counters.malformed++;
            return;
        }
        long export = u32(b, 4) * 1000;
        long seq = u32(b, 8);
        String domain = "ipfix/" + u32(b, 12);
        long before = decoded;
        int o = 16;
        Long savedSeq = exporter.sequence.get(domain);
        while (o + 4 <= msgLen) {
            int id = u16(b, o);
            int setLen = u16(b, o + 2);
            if (setLen < 4 || o + setLen > msgLen) {
                counters.malformed++;
                break;
            }
            int end = o + setLen;
            if (id == 2 || id == 3) {
                templates.ipfixTemplates(b, o + 4, end, id == 3, exporter, domain);
            } else if (id >= 256) {
                Long init = exporter.initTime.get(domain);
                // relative times (sysUpTime) without an announced start: anchor them at the export time
                data(b, o + 4, end, exporter, domain, templates.get(exporter, domain + "/" + id), init == null ? -1 : 0,
                        init == null ? export : init, out);
            }
            o = end;
        }
        long data = decoded - before;
        if (savedSeq != null && seq > savedSeq && seq - savedSeq < 1_000_000) {
            counters.lost += seq - savedSeq;
        }
        exporter.sequence.put(domain, (seq + data) & 0xffffffffL);
    }

    /**
     * Decodes a data set. For relative times: absolute = base - (uptime - t) with uptime ≥ 0; with
     * uptime = -1 the record's last time is anchored at base (the export time).
     */
    private void data(byte[] b, int p, int end, NetflowTemplates.Exporter exporter, String domain, NetflowTemplates.Template t,
            long uptime, long base, Consumer<Record> out) {
        if (t == null) {
            counters.noTemplate++;
            return;
        }
        long fixed = t.minRecordLength();
        // a kept template's records take at least one byte each, so every turn moves p on
        while (p + fixed <= end) {
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
            for (int i = 0; i < t.size(); i++) {
                int l = t.length(i);
                if (l == NetflowTemplates.VARIABLE) {
                    // RFC 7011 §7: one length byte, or 255 and two more
                    if (p + 1 > end || (b[p] & 0xff) == 255 && p + 3 > end) {
                        counters.malformed++;
                        return;
                    }
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
                if (t.enterprise(i) == 0) {
                    switch (t.id(i)) {
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
                    exporter.initTime.put(domain, init);
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
