package dev.vigil.detect.segmentation;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one line of a policy file into tokens: words separated by spaces or tabs, double-quoted
 * strings kept whole (without the quotes), everything from an unquoted {@code #} on a comment.
 */
final class PolicyTokens {

    private PolicyTokens() {
    }

    /** The tokens, or null when a quote is not closed. */
    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = null;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    quoted = false;
                    out.add(cur.toString());
                    cur = null;
                } else {
                    cur.append(c);
                }
                continue;
            }
            if (c == '#') {
                break;
            }
            if (c == '"') {
                if (cur != null) {
                    out.add(cur.toString());
                }
                cur = new StringBuilder();
                quoted = true;
            } else if (c == ' ' || c == '\t' || c == '\r') {
                if (cur != null) {
                    out.add(cur.toString());
                    cur = null;
                }
            } else {
                if (cur == null) {
                    cur = new StringBuilder();
                }
                cur.append(c);
            }
        }
        if (quoted) {
            return null;
        }
        if (cur != null) {
            out.add(cur.toString());
        }
        return out;
    }

    /** Whether a word may name a zone, rule or template. */
    static boolean name(String s) {
        if (s.isEmpty() || s.length() > 48 || !Character.isLetter(s.charAt(0))) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.') || c > 127) {
                return false;
            }
        }
        return true;
    }
}
