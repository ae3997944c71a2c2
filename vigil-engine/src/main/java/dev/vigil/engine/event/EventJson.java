package dev.vigil.engine.event;

import dev.vigil.engine.net.Cidr;
import dev.vigil.engine.net.Ip;
import dev.vigil.engine.net.Mac;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * Canonical JSON for events: one object per event, fields in record-component order, {@code kind}
 * first, times as ISO-8601 UTC, addresses as text, secrets masked, nulls and empty lists left out.
 * The same event always gives the same bytes, which is what golden files and {@code --events}
 * logs need. JDK only, so the engine can use it without a JSON library.
 */
public final class EventJson {

    private EventJson() {
    }

    public static String toJson(Event e) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("{\"kind\":");
        string(sb, e.kind());
        if (!(e instanceof Record r)) {
            throw new IllegalArgumentException(e.getClass().getName() + " is not a record");
        }
        fields(sb, r, true);
        sb.append('}');
        return sb.toString();
    }

    private static void fields(StringBuilder sb, Record r, boolean afterFirst) {
        boolean first = !afterFirst;
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            Object v;
            try {
                v = c.getAccessor().invoke(r);
            } catch (ReflectiveOperationException ex) {
                throw new IllegalStateException("cannot read " + c.getName() + " of " + r.getClass().getName(), ex);
            }
            if (skip(v) || v instanceof Integer i && i == 0 && ZERO_OMITTED.contains(c.getName())) {
                continue;
            }
            if (!first) {
                sb.append(',');
            }
            first = false;
            string(sb, c.getName());
            sb.append(':');
            if (v instanceof Long l && TIME_FIELDS.contains(c.getName())) {
                string(sb, time(l));
            } else {
                value(sb, v);
            }
        }
    }

    /** Long fields that hold packet times and print as ISO-8601. */
    private static final java.util.Set<String> TIME_FIELDS = java.util.Set.of("ts", "firstSeen", "lastSeen",
            "notBefore", "notAfter");

    /** Int fields that mean "nothing seen" at zero and are left out then, as null fields are. */
    private static final java.util.Set<String> ZERO_OMITTED = java.util.Set.of("clientCrafted");

    private static boolean skip(Object v) {
        return v == null || (v instanceof Collection<?> c && c.isEmpty()) || (v instanceof Map<?, ?> m && m.isEmpty());
    }

    /** ISO-8601 UTC with as many fractional digits as the time has (up to nanoseconds). */
    /** Nanoseconds since the epoch of an ISO-8601 instant as {@link #time} writes it; 0 for null. */
    public static long nanos(String iso) {
        if (iso == null) {
            return 0;
        }
        Instant i = Instant.parse(iso);
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    public static String time(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L))
                .toString();
    }

    private static void value(StringBuilder sb, Object v) {
        switch (v) {
            case null -> sb.append("null");
            case String s -> string(sb, s);
            case Boolean bool -> sb.append(bool);
            case Double dbl -> sb.append(Double.isFinite(dbl) ? Double.toString(dbl) : "null");
            case Float f -> sb.append(Float.isFinite(f) ? Float.toString(f) : "null");
            case Number n -> sb.append(n);
            case Secret s -> string(sb, s.masked());
            case Ip ip -> string(sb, ip.toString());
            case Mac mac -> string(sb, mac.toString());
            case Cidr cidr -> string(sb, cidr.toString());
            case Enum<?> en -> string(sb, en.name().toLowerCase(java.util.Locale.ROOT));
            case byte[] bytes -> string(sb, java.util.HexFormat.of().formatHex(bytes));
            case Collection<?> c -> {
                sb.append('[');
                boolean first = true;
                for (Object o : c) {
                    if (!first) {
                        sb.append(',');
                    }
                    first = false;
                    value(sb, o);
                }
                sb.append(']');
            }
            case Map<?, ?> m -> {
                sb.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> en : m.entrySet()) {
                    if (en.getValue() == null) {
                        continue;
                    }
                    if (!first) {
                        sb.append(',');
                    }
                    first = false;
                    string(sb, String.valueOf(en.getKey()));
                    sb.append(':');
                    value(sb, en.getValue());
                }
                sb.append('}');
            }
            case Record r -> {
                sb.append('{');
                fields(sb, r, false);
                sb.append('}');
            }
            default -> string(sb, v.toString());
        }
    }

    /** Appends a JSON string literal (RFC 8259 §7 escaping). */
    public static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
