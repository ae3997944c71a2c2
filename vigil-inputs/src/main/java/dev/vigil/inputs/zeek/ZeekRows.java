package dev.vigil.inputs.zeek;

import dev.vigil.engine.flow.EndReason;
import dev.vigil.engine.flow.FlowEnded;
import dev.vigil.engine.flow.FlowMeta;
import dev.vigil.engine.flow.Transport;
import dev.vigil.engine.net.Ip;
import dev.vigil.engine.net.Mac;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The fields of one conn.log row (Zeek's base/protocols/conn/main.zeek names; CSV exports' aliases
 * mapped onto them), as the engine's flow record. A field that does not parse makes the row
 * unreadable, never an exception out of the reader.
 */
final class ZeekRows {

    static final int MAX_SCALE = ZeekConnReader.MAX_SCALE;

    /** Names CSV exports use for Zeek's fields. */
    static final Map<String, String> ALIASES = Map.ofEntries(Map.entry("timestamp", "ts"),
            Map.entry("origin_address", "id.orig_h"), Map.entry("origin_port", "id.orig_p"),
            Map.entry("response_address", "id.resp_h"), Map.entry("response_port", "id.resp_p"),
            Map.entry("protocol", "proto"), Map.entry("id_orig_h", "id.orig_h"), Map.entry("id_orig_p", "id.orig_p"),
            Map.entry("id_resp_h", "id.resp_h"), Map.entry("id_resp_p", "id.resp_p"),
            Map.entry("detailed_label", "detailed-label"), Map.entry("detailedlabel", "detailed-label"));

    private ZeekRows() {
    }

    /** Keys in lower case under Zeek's names, and "-", "(empty)" and "" as absent. */
    static Map<String, String> normalise(Map<String, String> v) {
        Map<String, String> out = new HashMap<>();
        for (Map.Entry<String, String> e : v.entrySet()) {
            String k = e.getKey() == null ? "" : e.getKey().trim().toLowerCase(Locale.ROOT);
            String val = e.getValue();
            if (val != null && (val.equals("-") || val.equals("(empty)") || val.isEmpty())) {
                val = null;
            }
            out.put(ALIASES.getOrDefault(k, k), val);
        }
        return out;
    }

    /** The row as the engine's flow record, its flow numbered by {@code ids}; null when it lacks what a flow needs. */
    static ZeekConnReader.Row row(Map<String, String> v, java.util.function.LongSupplier ids) {
        try {
            String ts = v.get("ts");
            String orig = v.get("id.orig_h");
            String resp = v.get("id.resp_h");
            if (ts == null || orig == null || resp == null) {
                return null;
            }
            long start = seconds(ts);
            long duration = v.get("duration") == null ? 0 : seconds(v.get("duration"));
            Ip o = Ip.parse(orig);
            Ip r = Ip.parse(resp);
            String proto = java.util.Objects.requireNonNullElse(v.get("proto"), "tcp");
            Transport t = switch (proto == null ? "" : proto.toLowerCase(Locale.ROOT)) {
                case "tcp" -> Transport.TCP;
                case "udp" -> Transport.UDP;
                case "icmp" -> o.isV4() ? Transport.ICMP : Transport.ICMP6;
                default -> Transport.OTHER;
            };
            int ipProto = switch (t) {
                case TCP -> 6;
                case UDP -> 17;
                case ICMP -> 1;
                case ICMP6 -> 58;
                default -> 0;
            };
            Mac om = mac(v.get("orig_l2_addr"));
            Mac rm = mac(v.get("resp_l2_addr"));
            FlowMeta meta = new FlowMeta(ids.getAsLong(), t, ipProto, o, port(v.get("id.orig_p")), r, port(v.get("id.resp_p")), om,
                    rm, null);
            // Zeek lists every analyzer that matched ("ssl,http"); the first is the service. A field of
            // only commas is no service (split(",") of "," is empty: reading [0] stopped the reader)
            String service = v.get("service");
            if (service != null) {
                int comma = service.indexOf(',');
                service = (comma < 0 ? service : service.substring(0, comma)).trim().toLowerCase(Locale.ROOT);
                service = service.isEmpty() ? null : service.equals("ssl") ? "tls" : service;
            }
            FlowEnded f = new FlowEnded(start + duration, meta, EndReason.RECORD, start, count(v.get("orig_pkts")),
                    count(v.get("resp_pkts")), count(v.get("orig_ip_bytes")), count(v.get("resp_ip_bytes")),
                    count(v.get("orig_bytes")), count(v.get("resp_bytes")),
                    java.util.Objects.requireNonNullElse(v.get("history"), ""),
                    java.util.Objects.requireNonNullElse(v.get("conn_state"), "OTH"), service, 0);
            String label = v.get("label");
            String detailed = v.get("detailed-label");
            return new ZeekConnReader.Row(f, v.get("uid"), bool(v.get("local_orig")), bool(v.get("local_resp")), label, detailed);
        } catch (IllegalArgumentException | ArithmeticException e) {
            return null;
        }
    }

    /**
     * Seconds as nanoseconds. The exponent is bounded first: rescaling {@code 1e100000000} computes a
     * number of a hundred million digits (minutes of CPU for one row).
     */
    private static long seconds(String s) {
        java.math.BigDecimal d = new java.math.BigDecimal(s.trim());
        if (d.scale() > MAX_SCALE || d.scale() < -MAX_SCALE) {
            throw new ArithmeticException("exponent out of range: " + s);
        }
        return d.movePointRight(9).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
    }

    private static int port(String s) {
        if (s == null) {
            return 0;
        }
        int p = Integer.parseInt(s.trim());
        if (p < 0 || p > 65535) {
            throw new IllegalArgumentException("port " + p);
        }
        return p;
    }

    private static long count(String s) {
        return s == null ? 0 : Long.parseLong(s.trim());
    }

    private static Boolean bool(String s) {
        return s == null ? null : s.equalsIgnoreCase("T") || s.equalsIgnoreCase("true");
    }

    private static Mac mac(String s) {
        return s == null ? null : Mac.parse(s);
    }
}
