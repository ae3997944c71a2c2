package dev.vigil.engine.proto.discovery;

/**
 * String values out of the small JSON objects of vendor discovery replies, without a JSON library
 * (the engine uses the JDK alone): the first {@code "key": "value"} after a position, unescaped.
 */
final class JsonStrings {

    private JsonStrings() {
    }

    /** The first string value of {@code key} after {@code from}, unescaped; null when absent or not a string. */
    static String string(String json, int from, String key) {
        String quoted = "\"" + key + "\"";
        int i = json.indexOf(quoted, from);
        if (i < 0) {
            return null;
        }
        i += quoted.length();
        while (i < json.length() && (json.charAt(i) == ' ' || json.charAt(i) == ':')) {
            i++;
        }
        if (i >= json.length() || json.charAt(i) != '"') {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (i++; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '"') {
                String v = sb.toString().strip();
                return v.isEmpty() || v.length() > 120 ? null : v;
            }
            if (c == '\\' && i + 1 < json.length()) {
                char e = json.charAt(++i);
                if (e == 'u' && i + 4 < json.length()) {
                    try {
                        sb.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
                    } catch (NumberFormatException ex) {
                        return null;
                    }
                    i += 4;
                } else {
                    sb.append(switch (e) {
                        case 'n', 'r', 't' -> ' ';
                        default -> e;
                    });
                }
            } else {
                sb.append(c < ' ' ? ' ' : c);
            }
        }
        return null; // unterminated
    }
}
