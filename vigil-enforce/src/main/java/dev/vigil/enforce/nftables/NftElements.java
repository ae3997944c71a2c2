package dev.vigil.enforce.nftables;

import dev.vigil.detect.segmentation.AddressRange;
import dev.vigil.detect.segmentation.Box;
import dev.vigil.detect.segmentation.CompiledPolicy;
import dev.vigil.detect.segmentation.Service;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes compiled elements as nftables set elements: intervals of addresses, protocols and ports
 * joined by {@code .}. A box whose protocols mix those with ports and those without is split:
 * protocols with ports go to the sets keyed on {@code th dport}, the others (their port taken as
 * 0, as the decision function does) to the sets without it.
 */
final class NftElements {

    /** The IANA numbers of the protocols whose transport header starts with ports. */
    static final int[] PORT_PROTOCOLS = {6, 17, 33, 132, 136};
    static final String PORT_PROTOCOL_SET = "{ tcp, udp, dccp, sctp, udplite }";

    /**
     * The longest element timeout written: nft refuses timeouts past about 63 years; an element that
     * lasts longer (an exception expiring in 2099) is renewed by the next apply well before this.
     */
    static final long MAX_TIMEOUT_SECONDS = 3650L * 86_400;

    /** Longest element comment nftables keeps (NFT_USERDATA_MAXLEN is 256; comments are cut at 128). */
    static final int MAX_COMMENT = 128;

    private NftElements() {
    }

    /** One element text (value and comment) and, apart, its timeout in seconds (0: none). */
    record Text(String value, String comment, long timeoutSeconds) {
        String render() {
            return value + (timeoutSeconds > 0 ? " timeout " + duration(timeoutSeconds) : "") + " comment \"" + comment + "\"";
        }

        String canonical() {
            return value + " " + comment;
        }
    }

    /**
     * The elements of one compiled element.
     *
     * @param withSource include the source address field (timed sets and the anonymous group)
     * @param ports the elements for protocols with ports (else those without)
     */
    static List<Text> of(CompiledPolicy.Element e, boolean withSource, boolean ports, long now) {
        Box b = e.box();
        List<Text> out = new ArrayList<>();
        long timeout = e.expires() == CompiledPolicy.FOREVER ? 0 : timeout(e.expires(), now);
        String comment = comment(e.reason() + (e.note() != null ? " (" + e.note() + ")" : "") + " [" + e.key() + "]");
        String head = (withSource ? range(b.src()) + " . " : "") + range(b.dst()) + " . ";
        for (int[] p : split(b.protoLo(), b.protoHi(), ports)) {
            String proto = p[0] == p[1] ? Integer.toString(p[0]) : p[0] + "-" + p[1];
            if (ports) {
                String port = b.portLo() == b.portHi() ? Integer.toString(b.portLo()) : b.portLo() + "-" + b.portHi();
                out.add(new Text(head + proto + " . " + port, comment, timeout));
            } else if (b.portLo() == 0) {
                out.add(new Text(head + proto, comment, timeout));
            }
        }
        return out;
    }

    static long ceilSeconds(long nanos) {
        return (nanos + 999_999_999L) / 1_000_000_000L;
    }

    /**
     * A duration as nft reads it: days, hours, minutes and seconds ("3d4h5m6s"); nft refuses a bare
     * number of seconds past 2^32 milliseconds but reads the same time in days.
     */
    static String duration(long seconds) {
        StringBuilder b = new StringBuilder();
        long d = seconds / 86_400;
        long h = seconds % 86_400 / 3600;
        long m = seconds % 3600 / 60;
        long s = seconds % 60;
        if (d > 0) {
            b.append(d).append('d');
        }
        if (h > 0) {
            b.append(h).append('h');
        }
        if (m > 0) {
            b.append(m).append('m');
        }
        if (s > 0 || b.isEmpty()) {
            b.append(s).append('s');
        }
        return b.toString();
    }

    /** The timeout of an element that ends at {@code until}, in whole seconds: at least 1, at most the bound. */
    static long timeout(long until, long now) {
        return Math.min(MAX_TIMEOUT_SECONDS, Math.max(1, ceilSeconds(until - now)));
    }

    /** The protocol intervals of [lo, hi] that have ports ({@code ports}) or have none. */
    static List<int[]> split(int lo, int hi, boolean ports) {
        List<int[]> out = new ArrayList<>();
        if (ports) {
            for (int p : PORT_PROTOCOLS) {
                if (p >= lo && p <= hi) {
                    out.add(new int[] {p, p});
                }
            }
            return out;
        }
        int start = lo;
        for (int p = lo; p <= hi; p++) {
            if (Service.hasPorts(p)) {
                if (start < p) {
                    out.add(new int[] {start, p - 1});
                }
                start = p + 1;
            }
        }
        if (start <= hi) {
            out.add(new int[] {start, hi});
        }
        return out;
    }

    static String range(AddressRange r) {
        return r.single() ? r.first().toString() : r.first() + "-" + r.last();
    }

    /** A comment nft keeps: ASCII, no quotes, at most {@link #MAX_COMMENT} bytes, its key kept whole when cut. */
    static String comment(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            b.append(ch == '"' ? '\'' : ch < 32 || ch > 126 ? '?' : ch);
        }
        String c = b.toString();
        if (c.length() <= MAX_COMMENT) {
            return c;
        }
        // the key at the end is what counters are read back by: keep it whole
        int k = c.lastIndexOf(" [");
        String key = k < 0 ? "" : c.substring(k);
        return c.substring(0, Math.max(0, MAX_COMMENT - key.length() - 3)) + "..." + key;
    }
}
