package dev.vigil.inputs.netflow;

import static dev.vigil.inputs.netflow.NetflowDecoder.u16;
import static dev.vigil.inputs.netflow.NetflowDecoder.u32;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The v9 and IPFIX templates exporters announced, with each exporter's sequence numbers and start
 * times, within {@link NetflowLimits}. Template sets are parsed here and every template is checked
 * before it is kept: one that could never describe a record (no fields, records of no bytes or of
 * more bytes than a message holds, a bad options scope, more fields than the limit, running past
 * its set) is refused and counted by name, so no data set can make the decoder loop or allocate
 * without bound.
 */
final class NetflowTemplates {

    /**
     * A template: per field its information element id and length (65535: variable) packed in one
     * int, its enterprise numbers (null when none has one), how many fields are the scope of an
     * options template, and the shortest record it describes (a variable-length field takes at
     * least its length byte). Four bytes a field keep the limits a bound on memory too.
     */
    record Template(int[] fields, long[] enterprises, int scopeCount, long minRecordLength) {

        static Template of(int[] fields, long[] enterprises, int scopeCount) {
            long min = 0;
            for (int f : fields) {
                min += (f & 0xffff) == VARIABLE ? 1 : f & 0xffff;
            }
            return new Template(fields, enterprises, scopeCount, min);
        }

        int size() {
            return fields.length;
        }

        int id(int i) {
            return fields[i] >>> 16;
        }

        int length(int i) {
            return fields[i] & 0xffff;
        }

        long enterprise(int i) {
            return enterprises == null ? 0 : enterprises[i];
        }
    }

    static int field(int id, int length) {
        return id << 16 | length;
    }

    /** What is kept per exporter: templates (least recently used first), sequence numbers, start times. */
    static final class Exporter {
        final LinkedHashMap<String, Template> templates = new LinkedHashMap<>(16, 0.75f, true);
        final Map<String, Long> sequence;
        final Map<String, Long> initTime;

        Exporter(int domains) {
            this.sequence = lru(domains);
            this.initTime = lru(domains);
        }
    }

    /** RFC 7011 §3.1: a message is at most 65535 bytes; less its header and one set header. */
    static final int MAX_IPFIX_RECORD = 65_535 - 16 - 4;
    /** RFC 3954 §5.1: the same for v9, whose header is 20 bytes. */
    static final int MAX_V9_RECORD = 65_535 - 20 - 4;
    /** RFC 7011 §7: a variable-length field takes at least its one length byte. */
    static final int VARIABLE = 65_535;

    private final NetflowLimits limits;
    private final NetflowDecoder.Counters counters;
    private final LinkedHashMap<String, Exporter> exporters = new LinkedHashMap<>(16, 0.75f, true);
    private int total;

    NetflowTemplates(NetflowLimits limits, NetflowDecoder.Counters counters) {
        this.limits = limits;
        this.counters = counters;
    }

    /** The state of an exporter, made (replacing the one heard from least recently, at the limit) when new. */
    Exporter exporter(String address) {
        Exporter e = exporters.get(address);
        if (e == null) {
            if (exporters.size() >= limits.exporters()) {
                Iterator<Exporter> it = exporters.values().iterator();
                total -= it.next().templates.size();
                it.remove();
                counters.anomaly("netflow.exporter_evicted");
            }
            e = new Exporter(limits.domainsPerExporter());
            exporters.put(address, e);
        }
        return e;
    }

    /** Templates kept in total. */
    int size() {
        return total;
    }

    /** Exporters whose state is kept. */
    int exporters() {
        return exporters.size();
    }

    /** A v9 template flowset (RFC 3954 §5.2). */
    void v9Templates(byte[] b, int p, int end, Exporter e, String domain) {
        while (p + 4 <= end) {
            int tid = u16(b, p);
            int n = u16(b, p + 2);
            p += 4;
            if (tid < 256) {
                counters.anomaly("netflow.template_bad_id");
                return;
            }
            if (p + 4L * n > end) {
                counters.anomaly("netflow.template_truncated");
                return;
            }
            keep(e, domain + "/" + tid, v9Fields(b, p, n), null, n, 0, MAX_V9_RECORD);
            p += 4 * n;
        }
    }

    /** A v9 options template flowset (RFC 3954 §6.1). */
    void v9Options(byte[] b, int p, int end, Exporter e, String domain) {
        while (p + 6 <= end) {
            int tid = u16(b, p);
            int scopeLen = u16(b, p + 2);
            int optLen = u16(b, p + 4);
            if (tid == 0 && scopeLen == 0 && optLen == 0) {
                return; // padding to the 32-bit boundary
            }
            p += 6;
            if (tid < 256 || scopeLen % 4 != 0 || optLen % 4 != 0) {
                counters.anomaly("netflow.template_bad_id");
                return;
            }
            int n = (scopeLen + optLen) / 4;
            if (p + 4L * n > end) {
                counters.anomaly("netflow.template_truncated");
                return;
            }
            keep(e, domain + "/" + tid, v9Fields(b, p, n), null, n, scopeLen / 4, MAX_V9_RECORD);
            p += 4 * n;
        }
    }

    /** The {@code n} (type, length) pairs of a v9 template at {@code p}, or null when they are over the limit. */
    private int[] v9Fields(byte[] b, int p, int n) {
        if (n > limits.fieldsPerTemplate()) {
            return null;
        }
        int[] f = new int[n];
        for (int i = 0; i < n; i++, p += 4) {
            f[i] = field(u16(b, p), u16(b, p + 2));
        }
        return f;
    }

    /** An IPFIX template set (id 2) or options template set (id 3), RFC 7011 §3.4.1 and §3.4.2. */
    void ipfixTemplates(byte[] b, int p, int end, boolean options, Exporter e, String domain) {
        while (p + 4 <= end) {
            int tid = u16(b, p);
            int n = u16(b, p + 2);
            if (tid == 0 && n == 0) {
                return; // RFC 7011 §3.3.1: padding, zeros shorter than any record
            }
            p += 4;
            if (tid < 256) {
                counters.anomaly("netflow.template_bad_id");
                return;
            }
            int scope = 0;
            if (options) {
                if (p + 2 > end) {
                    counters.anomaly("netflow.template_truncated");
                    return;
                }
                scope = u16(b, p);
                p += 2;
                // RFC 7011 §3.4.2.2: the scope field count MUST NOT be zero, and is part of the field count
                if (scope == 0 || scope > n) {
                    counters.anomaly("netflow.template_bad_scope");
                    return;
                }
            }
            int[] f = n <= limits.fieldsPerTemplate() ? new int[n] : null;
            long[] ents = null;
            for (int i = 0; i < n; i++) {
                if (p + 4 > end) {
                    counters.anomaly("netflow.template_truncated");
                    return;
                }
                int fid = u16(b, p);
                int fl = u16(b, p + 2);
                p += 4;
                long ent = 0;
                if ((fid & 0x8000) != 0) {
                    if (p + 4 > end) {
                        counters.anomaly("netflow.template_truncated");
                        return;
                    }
                    ent = u32(b, p);
                    p += 4;
                    fid &= 0x7fff;
                }
                if (f != null) {
                    f[i] = field(fid, fl);
                    if (ent != 0) {
                        ents = ents == null ? new long[n] : ents;
                        ents[i] = ent;
                    }
                }
            }
            keep(e, domain + "/" + tid, f, ents, n, scope, MAX_IPFIX_RECORD);
        }
    }

    /**
     * Keeps a template that can describe a record. A field count of zero is refused: in v9 it
     * describes nothing, in IPFIX it is a withdrawal, which RFC 7011 §8.4 rules out over UDP.
     */
    private void keep(Exporter e, String key, int[] f, long[] enterprises, int n, int scope, int maxRecord) {
        if (n == 0) {
            counters.anomaly("netflow.template_no_fields");
            return;
        }
        if (f == null) {
            counters.anomaly("netflow.template_too_many_fields");
            return;
        }
        Template t = Template.of(f, enterprises, scope);
        long min = t.minRecordLength();
        if (min == 0) {
            counters.anomaly("netflow.template_empty_record");
            return;
        }
        if (min > maxRecord) {
            counters.anomaly("netflow.template_record_too_long");
            return;
        }
        if (e.templates.put(key, t) != null) {
            return; // a refresh: RFC 7011 §8.1 lets an exporter resend (or redefine) a template
        }
        total++;
        if (e.templates.size() > limits.templatesPerExporter()) {
            evictOne(e);
        } else if (total > limits.templates()) {
            for (Exporter x : exporters.values()) {
                if (!x.templates.isEmpty()) {
                    evictOne(x);
                    break;
                }
            }
        }
    }

    private void evictOne(Exporter e) {
        Iterator<Template> it = e.templates.values().iterator();
        it.next();
        it.remove();
        total--;
        counters.anomaly("netflow.template_evicted");
    }

    Template get(Exporter e, String key) {
        return e.templates.get(key);
    }

    private static <V> Map<String, V> lru(int max) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > max;
            }
        };
    }
}
