package dev.vigil.engine.proto.dns;

import dev.vigil.engine.anomaly.Anomaly;
import dev.vigil.engine.flow.FlowMeta;
import dev.vigil.engine.net.Ip;
import dev.vigil.engine.wire.Bytes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Parses one DNS message (RFC 1035 §4). Names follow compression pointers only backwards (RFC 1035
 * §4.1.4: a pointer refers to a prior occurrence), which rules out loops; a name is at most 255
 * bytes and a message's sections are read up to {@link #MAX_RECORDS} records each. Not thread-safe:
 * one parser per dissector.
 */
public final class DnsParser {

    static final int MAX_RECORDS = 64;
    static final int MAX_NAME = 255;
    static final int MAX_TXT_STRINGS = 64;

    public static final Anomaly TRUNCATED = Anomaly.declare("dns.truncated",
            "a DNS message that ends inside its header, a name or a record");
    public static final Anomaly BAD_POINTER = Anomaly.declare("dns.bad_compression_pointer",
            "a name compression pointer that points forward, at itself, or outside the message (a loop attempt)");
    public static final Anomaly BAD_LABEL = Anomaly.declare("dns.bad_label_type",
            "a label with the reserved 0x40/0x80 type bits (RFC 6891 §5 retired extended labels)");
    public static final Anomaly NAME_TOO_LONG = Anomaly.declare("dns.name_too_long",
            "a domain name longer than 255 bytes (RFC 1035 §2.3.4)");
    public static final Anomaly TOO_MANY_RECORDS = Anomaly.declare("dns.too_many_records", Anomaly.Kind.LIMIT,
            "a section with more records than the parser reads; the rest were skipped");

    private final StringBuilder sb = new StringBuilder(128);
    private Anomaly problem;
    private int pos;
    private byte[] b;
    private int base;
    private int end;

    /** What went wrong in the last {@link #parse}, or null. */
    public Anomaly problem() {
        return problem;
    }

    /** Parses a message sent by the flow's client, or returns null and sets {@link #problem()}. */
    public DnsMessage parse(long ts, FlowMeta flow, String protocol, byte[] buf, int off, int len) {
        return parse(ts, flow, true, protocol, buf, off, len);
    }

    /** Parses a message, or returns null and sets {@link #problem()}. */
    public DnsMessage parse(long ts, FlowMeta flow, boolean fromClient, String protocol, byte[] buf, int off, int len) {
        problem = null;
        b = buf;
        base = off;
        end = off + len;
        if (len < 12) {
            problem = TRUNCATED;
            return null;
        }
        int id = Bytes.u16(b, off);
        int flags = Bytes.u16(b, off + 2);
        int qd = Bytes.u16(b, off + 4);
        int an = Bytes.u16(b, off + 6);
        int ns = Bytes.u16(b, off + 8);
        int ar = Bytes.u16(b, off + 10);
        pos = off + 12;
        List<DnsMessage.Question> questions = new ArrayList<>(Math.min(qd, 4));
        for (int i = 0; i < qd; i++) {
            if (i == MAX_RECORDS) {
                problem = TOO_MANY_RECORDS;
                break;
            }
            String name = name();
            if (name == null || pos + 4 > end) {
                if (problem == null) {
                    problem = TRUNCATED;
                }
                return null;
            }
            int type = Bytes.u16(b, pos);
            int qclass = Bytes.u16(b, pos + 2);
            pos += 4;
            questions.add(new DnsMessage.Question(name, DnsTypes.name(type), (qclass & 0x8000) != 0));
        }
        List<DnsMessage.ResourceRecord> answers = section(an);
        List<DnsMessage.ResourceRecord> authorities = answers == null ? null : section(ns);
        List<DnsMessage.ResourceRecord> additionals = authorities == null ? null : section(ar);
        if (additionals == null) {
            // keep what was read before the damage: a partial answer still names the device
            answers = answers == null ? List.of() : answers;
            authorities = authorities == null ? List.of() : authorities;
            additionals = List.of();
        }
        return new DnsMessage(ts, flow, fromClient, protocol, id, (flags & 0x8000) != 0, (flags >>> 11) & 0xf, flags & 0xf,
                (flags & 0x0400) != 0, (flags & 0x0200) != 0, (flags & 0x0100) != 0, List.copyOf(questions),
                answers, authorities, additionals);
    }

    /** Reads {@code count} records; null when the message is damaged (problem set). */
    private List<DnsMessage.ResourceRecord> section(int count) {
        if (count == 0) {
            return List.of();
        }
        List<DnsMessage.ResourceRecord> out = new ArrayList<>(Math.min(count, 8));
        for (int i = 0; i < count; i++) {
            if (i == MAX_RECORDS) {
                problem = TOO_MANY_RECORDS;
                break;
            }
            String name = name();
            if (name == null || pos + 10 > end) {
                if (problem == null) {
                    problem = TRUNCATED;
                }
                return out.isEmpty() ? null : List.copyOf(out);
            }
            int type = Bytes.u16(b, pos);
            long ttl = Bytes.u32(b, pos + 4);
            int rdlen = Bytes.u16(b, pos + 8);
            pos += 10;
            if (pos + rdlen > end) {
                problem = TRUNCATED;
                return out.isEmpty() ? null : List.copyOf(out);
            }
            int rdata = pos;
            pos += rdlen;
            if (type == DnsTypes.OPT) {
                continue;
            }
            List<String> txt = List.of();
            String data;
            if (type == DnsTypes.TXT) {
                txt = txt(rdata, rdlen);
                data = null;
            } else {
                data = rdata(type, rdata, rdlen);
            }
            out.add(new DnsMessage.ResourceRecord(name, DnsTypes.name(type), ttl, data, txt));
        }
        return List.copyOf(out);
    }

    private String rdata(int type, int p, int n) {
        int save = pos;
        try {
            switch (type) {
                case DnsTypes.A:
                    return n == 4 ? Ip.ofBytes(Arrays.copyOfRange(b, p, p + 4)).toString() : null;
                case DnsTypes.AAAA:
                    return n == 16 ? Ip.ofBytes(Arrays.copyOfRange(b, p, p + 16)).toString() : null;
                case DnsTypes.CNAME, DnsTypes.PTR, DnsTypes.NS, 39:
                    pos = p;
                    return name();
                case DnsTypes.MX:
                    if (n < 3) {
                        return null;
                    }
                    pos = p + 2;
                    return Bytes.u16(b, p) + " " + name();
                case DnsTypes.SRV:
                    if (n < 7) {
                        return null;
                    }
                    pos = p + 6;
                    return Bytes.u16(b, p) + " " + Bytes.u16(b, p + 2) + " " + Bytes.u16(b, p + 4) + " " + name();
                case DnsTypes.HINFO:
                    List<String> parts = txt(p, n);
                    return String.join(" ", parts);
                case DnsTypes.SOA:
                    pos = p;
                    String mname = name();
                    String rname = mname == null ? null : name();
                    return mname == null || rname == null ? null : mname + " " + rname;
                default:
                    return n + " bytes";
            }
        } finally {
            pos = save;
        }
    }

    private List<String> txt(int p, int n) {
        List<String> l = new ArrayList<>();
        int q = p;
        int stop = p + n;
        while (q < stop && l.size() < MAX_TXT_STRINGS) {
            int sl = b[q] & 0xff;
            if (q + 1 + sl > stop) {
                break;
            }
            l.add(printable(q + 1, sl));
            q += 1 + sl;
        }
        return List.copyOf(l);
    }

    /**
     * Reads a name at {@link #pos}, following backward compression pointers; advances {@code pos}
     * past the name as it appears in place. Returns null (with {@link #problem} set) when damaged.
     * Label bytes are gathered in a reused buffer; a plain name (printable ASCII, no dots or
     * backslashes inside labels) comes from {@link #names} without allocating when seen before.
     */
    private String name() {
        int p = pos;
        int resume = -1;
        int total = 0;
        int limit = p;
        int n = 0;
        int labels = 0;
        boolean plain = true;
        while (true) {
            if (p >= end) {
                problem = TRUNCATED;
                return null;
            }
            int len = b[p] & 0xff;
            if ((len & 0xc0) == 0xc0) {
                if (p + 1 >= end) {
                    problem = TRUNCATED;
                    return null;
                }
                int target = base + (((len & 0x3f) << 8) | (b[p + 1] & 0xff));
                if (target >= limit || target >= end) {
                    problem = BAD_POINTER;
                    return null;
                }
                if (resume < 0) {
                    resume = p + 2;
                }
                limit = target;
                p = target;
                continue;
            }
            if ((len & 0xc0) != 0) {
                problem = BAD_LABEL;
                return null;
            }
            if (len == 0) {
                p++;
                break;
            }
            if (p + 1 + len > end) {
                problem = TRUNCATED;
                return null;
            }
            total += len + 1;
            if (total > MAX_NAME) {
                problem = NAME_TOO_LONG;
                return null;
            }
            if (n > 0) {
                buf[n++] = '.';
            }
            for (int i = p + 1; i <= p + len; i++) {
                byte c = b[i];
                if (c <= 0x20 || c >= 0x7f || c == '.' || c == '\\') {
                    plain = false;
                }
                buf[n++] = c;
            }
            labelLengths[labels++] = len;
            p += 1 + len;
            if (resume < 0) {
                limit = p;
            }
        }
        pos = resume >= 0 ? resume : p;
        return plain ? names.get(buf, n) : escaped(n, labels);
    }

    private final byte[] buf = new byte[MAX_NAME + 2];
    private final int[] labelLengths = new int[MAX_NAME];
    private final NameCache names = new NameCache();

    /** A name with bytes that need escaping (RFC 4343 §2.1) or that are UTF-8 (mDNS instance names). */
    private String escaped(int n, int labels) {
        sb.setLength(0);
        int q = 0;
        for (int l = 0; l < labels; l++) {
            if (l > 0) {
                sb.append('.');
                q++;
            }
            int len = labelLengths[l];
            int startChars = sb.length();
            boolean high = false;
            for (int i = q; i < q + len; i++) {
                int c = buf[i] & 0xff;
                if (c == '.' || c == '\\') {
                    sb.append('\\').append((char) c);
                } else if (c > 0x20 && c < 0x7f || c == 0x20) {
                    sb.append((char) c);
                } else if (c >= 0x80) {
                    high = true;
                    sb.append((char) c);
                } else {
                    sb.append('\\').append((char) ('0' + c / 100)).append((char) ('0' + c / 10 % 10))
                            .append((char) ('0' + c % 10));
                }
            }
            if (high) {
                java.nio.charset.CharsetDecoder dec = java.nio.charset.StandardCharsets.UTF_8.newDecoder();
                try {
                    String utf = dec.decode(java.nio.ByteBuffer.wrap(buf, q, len)).toString();
                    sb.setLength(startChars);
                    sb.append(utf.replace("\\", "\\\\").replace(".", "\\."));
                } catch (java.nio.charset.CharacterCodingException e) {
                    // not UTF-8: keep the Latin-1 rendering
                }
            }
            q += len;
        }
        return sb.toString();
    }

    /**
     * Recent plain names, so that the names a network repeats all day are made once. A small
     * open-addressing table replaced on collision: a cache, not a set.
     */
    static final class NameCache {
        private static final int SIZE = 8192;
        private final String[] values = new String[SIZE];
        private final int[] hashes = new int[SIZE];

        String get(byte[] bytes, int n) {
            int h = 1;
            for (int i = 0; i < n; i++) {
                h = 31 * h + bytes[i];
            }
            h ^= h >>> 16;
            int slot = h & (SIZE - 1);
            String v = values[slot];
            if (v != null && hashes[slot] == h && v.length() == n) {
                boolean same = true;
                for (int i = 0; i < n; i++) {
                    if (v.charAt(i) != (char) bytes[i]) {
                        same = false;
                        break;
                    }
                }
                if (same) {
                    return v;
                }
            }
            v = new String(bytes, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1);
            values[slot] = v;
            hashes[slot] = h;
            return v;
        }
    }

    private String printable(int p, int len) {
        boolean plain = true;
        for (int i = p; i < p + len; i++) {
            if (b[i] < 0x20 || b[i] == 0x7f) {
                plain = false;
                break;
            }
        }
        if (plain) {
            return new String(b, p, len, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        StringBuilder s = new StringBuilder(len);
        for (int i = p; i < p + len; i++) {
            int c = b[i] & 0xff;
            s.append(c >= 0x20 && c < 0x7f ? (char) c : '?');
        }
        return s.toString();
    }
}
