package dev.vigil.detect.segmentation.mud;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON read into a tree whose every node knows its line and column, so that a problem found while
 * checking the tree names where it is. Duplicate member names are refused (RFC 7951 §4 forbids them).
 */
final class LocatedJson {

    /** A MUD file is a few kilobytes; far past that it is not one. */
    static final int MAX_BYTES = 1 << 20;
    static final int MAX_DEPTH = 32;

    /** A node: an object, an array, or a scalar (String, Number, Boolean, or null for JSON null). */
    record Node(Object value, int line, int column) {

        @SuppressWarnings("unchecked")
        Map<String, Node> object() {
            return value instanceof Map<?, ?> m ? (Map<String, Node>) m : null;
        }

        @SuppressWarnings("unchecked")
        List<Node> array() {
            return value instanceof List<?> l ? (List<Node>) l : null;
        }

        boolean isNull() {
            return value == null;
        }
    }

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build()).build();

    private LocatedJson() {
    }

    static Node parse(String file, byte[] bytes) throws MudFormatException {
        if (bytes.length > MAX_BYTES) {
            throw new MudFormatException(file, 0, 0, "larger than " + MAX_BYTES + " bytes: not a MUD file");
        }
        try (JsonParser p = FACTORY.createParser(bytes)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new MudFormatException(file, 0, 0, "empty: not a MUD file");
            }
            Node root = value(file, p, t);
            JsonToken extra = p.nextToken();
            if (extra != null) {
                JsonLocation l = p.currentTokenLocation();
                throw new MudFormatException(file, l.getLineNr(), l.getColumnNr(), "text after the end of the JSON value");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            throw new MudFormatException(file, l == null ? 0 : l.getLineNr(), l == null ? 0 : l.getColumnNr(),
                    "not valid JSON: " + plain(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new MudFormatException(file, 0, 0, "cannot read: " + e.getMessage());
        }
    }

    /** Jackson's message without its pointer to the source, which names nothing a person can use. */
    static String plain(String m) {
        int cut = m.indexOf(" (start marker at");
        String s = cut < 0 ? m : m.substring(0, cut);
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static Node value(String file, JsonParser p, JsonToken t) throws IOException, MudFormatException {
        JsonLocation l = p.currentTokenLocation();
        int line = l.getLineNr();
        int col = l.getColumnNr();
        switch (t) {
            case START_OBJECT -> {
                Map<String, Node> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonLocation nl = p.currentTokenLocation();
                    Node v = value(file, p, p.nextToken());
                    if (m.put(name, v) != null) {
                        throw new MudFormatException(file, nl.getLineNr(), nl.getColumnNr(), "member '" + name
                                + "' appears twice (RFC 7951 §4)");
                    }
                }
                return new Node(m, line, col);
            }
            case START_ARRAY -> {
                List<Node> a = new ArrayList<>();
                JsonToken n;
                while ((n = p.nextToken()) != JsonToken.END_ARRAY) {
                    a.add(value(file, p, n));
                }
                return new Node(a, line, col);
            }
            case VALUE_STRING -> {
                return new Node(p.getText(), line, col);
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return new Node(p.getNumberValue(), line, col);
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new Node(t == JsonToken.VALUE_TRUE, line, col);
            }
            case VALUE_NULL -> {
                return new Node(null, line, col);
            }
            default -> throw new MudFormatException(file, line, col, "unexpected " + t);
        }
    }
}
