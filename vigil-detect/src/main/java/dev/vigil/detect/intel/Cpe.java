package dev.vigil.detect.intel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A CPE 2.3 name in its formatted-string binding (NISTIR 7695 §6.2):
 * {@code cpe:2.3:part:vendor:product:version:update:edition:language:sw_edition:target_sw:target_hw:other}.
 * Attribute values keep their escapes removed; "*" is ANY and "-" is NA.
 *
 * @param part "a" (application), "o" (operating system or firmware) or "h" (hardware)
 * @param vendor vendor, lower case ("tp-link")
 * @param product product, lower case ("archer_ax21_firmware")
 * @param version version, "*" or "-"
 * @param update update ("sp1", "beta"), "*" or "-"
 * @param targetHw target hardware, "*" or "-"
 */
public record Cpe(String part, String vendor, String product, String version, String update, String targetHw) {

    public static final String ANY = "*";
    public static final String NA = "-";

    /**
     * Parses a formatted string.
     *
     * @throws IllegalArgumentException when it is not a CPE 2.3 name
     */
    public static Cpe parse(String s) {
        if (s == null || !s.startsWith("cpe:2.3:")) {
            throw new IllegalArgumentException("not a CPE 2.3 name: " + s);
        }
        List<String> f = split(s.substring(8));
        if (f.size() != 11) {
            throw new IllegalArgumentException("a CPE 2.3 name has 11 attributes, this has " + f.size() + ": " + s);
        }
        String part = f.get(0);
        if (!part.equals("a") && !part.equals("o") && !part.equals("h") && !part.equals(ANY)) {
            throw new IllegalArgumentException("CPE part must be a, o or h: " + s);
        }
        return new Cpe(part, f.get(1), f.get(2), f.get(3), f.get(4), f.get(9));
    }

    private static List<String> split(String s) {
        List<String> out = new ArrayList<>(11);
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                cur.append(s.charAt(++i));
            } else if (c == ':') {
                out.add(cur.toString().toLowerCase(Locale.ROOT));
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString().toLowerCase(Locale.ROOT));
        return out;
    }

    /** True when the version attribute names one version (not ANY or NA). */
    public boolean hasVersion() {
        return !version.equals(ANY) && !version.equals(NA) && !version.isEmpty();
    }

    @Override
    public String toString() {
        return "cpe:2.3:" + part + ':' + vendor + ':' + product + ':' + version + ':' + update + ":*:*:*:*:" + targetHw
                + ":*";
    }
}
