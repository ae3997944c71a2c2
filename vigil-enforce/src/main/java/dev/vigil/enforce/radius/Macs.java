package dev.vigil.enforce.radius;

import java.util.Locale;

/**
 * MAC addresses as switches write them in User-Name and Calling-Station-Id: "00-11-22-33-44-55"
 * (RFC 3580 section 3.21), "00:11:22:33:44:55", "001122334455", "0011.2233.4455".
 */
final class Macs {

    private Macs() {
    }

    /** The MAC in lower case with colons, or null when the text is not one. */
    static String normalize(String s) {
        if (s == null || s.length() > 17) {
            return null;
        }
        StringBuilder hex = new StringBuilder(12);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '-' || c == ':' || c == '.') {
                continue;
            }
            if (Character.digit(c, 16) < 0) {
                return null;
            }
            hex.append(Character.toLowerCase(c));
        }
        if (hex.length() != 12) {
            return null;
        }
        StringBuilder out = new StringBuilder(17);
        for (int i = 0; i < 12; i += 2) {
            if (i > 0) {
                out.append(':');
            }
            out.append(hex, i, i + 2);
        }
        return out.toString();
    }

    /** The form RFC 3580 recommends for Calling-Station-Id: upper case, hyphens. */
    static String callingStation(String mac) {
        return mac.replace(':', '-').toUpperCase(Locale.ROOT);
    }
}
