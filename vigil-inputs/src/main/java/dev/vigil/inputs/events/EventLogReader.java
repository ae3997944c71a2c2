package dev.vigil.inputs.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.engine.anomaly.Anomaly;
import dev.vigil.engine.anomaly.AnomalyCounters;
import dev.vigil.engine.event.Event;
import dev.vigil.engine.event.EventJson;
import dev.vigil.engine.event.Secret;
import dev.vigil.engine.net.Cidr;
import dev.vigil.engine.net.Ip;
import dev.vigil.engine.net.Mac;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads back an event log that {@code vigil analyze --events FILE} wrote ({@link EventJson}: one
 * event a line, its kind first, times as ISO-8601, nulls and empty lists left out), so that events
 * recorded by one run, or by a sensor elsewhere, enter detection as the engine's own do. Secrets
 * were masked when written and stay masked: what depends on a password in clear (a factory-default
 * password in use) cannot be found again from a log. A line that is not an event of a known kind is
 * counted as {@code events.malformed_line} and skipped.
 */
public final class EventLogReader implements Closeable {

    static final Anomaly MALFORMED = Anomaly.declare("events.malformed_line", Anomaly.Kind.MALFORMED,
            "an event log line that is not an event of a known kind, or whose fields do not fit it");

    /** Record components written as ISO-8601 times (EventJson's). */
    static final Set<String> TIME_FIELDS = Set.of("ts", "firstSeen", "lastSeen", "notBefore", "notAfter");

    private final BufferedReader in;
    private final AnomalyCounters anomalies;
    private final ObjectMapper json = new ObjectMapper();
    private long lines;

    public EventLogReader(BufferedReader in, AnomalyCounters anomalies) {
        this.in = in;
        this.anomalies = anomalies;
    }

    /** The next event, or null at the end of the log. */
    public Event next() throws IOException {
        String line;
        while ((line = in.readLine()) != null) {
            lines++;
            if (line.isBlank()) {
                continue;
            }
            Event e = parse(line);
            if (e != null) {
                return e;
            }
            anomalies.count(MALFORMED);
        }
        return null;
    }

    /** Lines read so far. */
    public long lines() {
        return lines;
    }

    /** One line as its event, or null when it is none. */
    Event parse(String line) {
        try {
            JsonNode n = json.readTree(line);
            Class<? extends Event> type = n.isObject() ? EventKinds.of(n.path("kind").asText()) : null;
            return type == null ? null : type.cast(record(type, n));
        } catch (JsonProcessingException | IllegalArgumentException | ClassCastException e) {
            return null;
        }
    }

    private static Object record(Class<?> type, JsonNode n) {
        if (!n.isObject()) {
            throw new IllegalArgumentException("not an object for " + type.getSimpleName());
        }
        RecordComponent[] cs = type.getRecordComponents();
        Object[] args = new Object[cs.length];
        Class<?>[] types = new Class<?>[cs.length];
        for (int i = 0; i < cs.length; i++) {
            types[i] = cs[i].getType();
            args[i] = value(cs[i].getName(), cs[i].getGenericType(), n.get(cs[i].getName()));
        }
        try {
            Constructor<?> c = type.getDeclaredConstructor(types);
            return c.newInstance(args);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException(type.getSimpleName() + " refuses its fields: " + e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type + " is not a readable record", e);
        }
    }

    /** A component's value from its JSON, or what EventJson left out for it (null, an empty list, zero). */
    private static Object value(String name, Type generic, JsonNode v) {
        Class<?> raw = generic instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) generic;
        if (v == null || v.isNull()) {
            return absent(raw);
        }
        if (TIME_FIELDS.contains(name) && (raw == long.class || raw == Long.class) && v.isTextual()) {
            return EventJson.nanos(v.asText());
        }
        if (raw == List.class) {
            Type item = ((ParameterizedType) generic).getActualTypeArguments()[0];
            List<Object> out = new ArrayList<>();
            v.forEach(x -> out.add(value("", item, x)));
            return List.copyOf(out);
        }
        if (raw == Map.class) {
            Type item = ((ParameterizedType) generic).getActualTypeArguments()[1];
            Map<String, Object> out = new LinkedHashMap<>();
            v.fields().forEachRemaining(e -> out.put(e.getKey(), value("", item, e.getValue())));
            return out;
        }
        return scalar(raw, v);
    }

    private static Object scalar(Class<?> raw, JsonNode v) {
        if (raw == String.class) {
            return v.asText();
        }
        if (raw == int.class || raw == Integer.class) {
            return v.asInt();
        }
        if (raw == long.class || raw == Long.class) {
            return v.asLong();
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return v.asBoolean();
        }
        if (raw == double.class || raw == Double.class) {
            return v.asDouble();
        }
        if (raw == float.class || raw == Float.class) {
            return (float) v.asDouble();
        }
        if (raw == Ip.class) {
            return Ip.parse(v.asText());
        }
        if (raw == Mac.class) {
            return Mac.parse(v.asText());
        }
        if (raw == Cidr.class) {
            return Cidr.parse(v.asText());
        }
        if (raw == Secret.class) {
            // an empty secret was written as what it is; every other one as the mask
            return new Secret(v.asText().equals("(empty)") ? "" : v.asText());
        }
        if (raw == byte[].class) {
            return HexFormat.of().parseHex(v.asText());
        }
        if (raw.isEnum()) {
            return enumValue(raw, v.asText());
        }
        if (raw.isRecord()) {
            return record(raw, v);
        }
        throw new IllegalArgumentException("no reading for " + raw);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumValue(Class<?> raw, String text) {
        return Enum.valueOf((Class) raw, text.toUpperCase(Locale.ROOT));
    }

    private static Object absent(Class<?> raw) {
        if (raw == List.class) {
            return List.of();
        }
        if (raw == Map.class) {
            return Map.of();
        }
        if (!raw.isPrimitive()) {
            return null;
        }
        if (raw == boolean.class) {
            return false;
        }
        if (raw == long.class) {
            return 0L;
        }
        if (raw == double.class) {
            return 0.0;
        }
        if (raw == float.class) {
            return 0f;
        }
        return raw == int.class ? 0 : raw == short.class ? (short) 0 : (byte) 0;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
