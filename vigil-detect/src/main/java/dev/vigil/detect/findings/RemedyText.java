package dev.vigil.detect.findings;

import java.util.Locale;
import java.util.function.Function;

/**
 * The words of a catalogue action ({@link FindingType.Action}) filled in for a finding:
 * <ul>
 * <li>{@code {name}}: the value the lookup gives (the finding's evidence, then the alternative's
 * {@code with}); empty when it gives none;
 * <li>{@code {name|otherwise}}: {@code otherwise} (itself a template) when it gives none;
 * <li>{@code {name:lower}}: the value in lower case;
 * <li>{@code [ … ]}: the part inside only when every placeholder in it without an {@code otherwise}
 * has a value.
 * </ul>
 * Templates are the catalogue's, checked when it loads ({@link #check}); an unbalanced one is a
 * programmer's error.
 */
public final class RemedyText {

    private RemedyText() {
    }

    /** {@code template} with its placeholders filled from {@code lookup} (null: no value). */
    public static String fill(String template, Function<String, String> lookup) {
        StringBuilder out = new StringBuilder();
        render(template, 0, template.length(), lookup, out);
        return out.toString();
    }

    /** Throws when a template's brackets or braces do not balance. */
    static void check(String template) {
        int braces = 0;
        int brackets = 0;
        for (int i = 0; i < template.length(); i++) {
            switch (template.charAt(i)) {
                case '{' -> braces++;
                case '}' -> braces--;
                case '[' -> brackets++;
                case ']' -> brackets--;
                default -> {
                }
            }
            if (braces < 0 || brackets < 0) {
                break;
            }
        }
        if (braces != 0 || brackets != 0) {
            throw new IllegalStateException("unbalanced remedy template: " + template);
        }
    }

    /** Renders [from, to) into out; false when a placeholder without an otherwise had no value. */
    private static boolean render(String t, int from, int to, Function<String, String> lookup, StringBuilder out) {
        boolean complete = true;
        int i = from;
        while (i < to) {
            char c = t.charAt(i);
            if (c == '[') {
                int end = closing(t, i, '[', ']');
                StringBuilder part = new StringBuilder();
                if (render(t, i + 1, end, lookup, part)) {
                    out.append(part);
                }
                i = end + 1;
            } else if (c == '{') {
                int end = closing(t, i, '{', '}');
                complete &= placeholder(t, i + 1, end, lookup, out);
                i = end + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return complete;
    }

    private static boolean placeholder(String t, int from, int to, Function<String, String> lookup, StringBuilder out) {
        int bar = t.indexOf('|', from);
        boolean otherwise = bar >= 0 && bar < to;
        String name = t.substring(from, otherwise ? bar : to);
        boolean lower = name.endsWith(":lower");
        String value = lookup.apply(lower ? name.substring(0, name.length() - 6) : name);
        if (value != null) {
            out.append(lower ? value.toLowerCase(Locale.ROOT) : value);
            return true;
        }
        if (otherwise) {
            render(t, bar + 1, to, lookup, out);
            return true;
        }
        return false;
    }

    private static int closing(String t, int open, char o, char c) {
        int depth = 0;
        for (int i = open; i < t.length(); i++) {
            if (t.charAt(i) == o) {
                depth++;
            } else if (t.charAt(i) == c && --depth == 0) {
                return i;
            }
        }
        throw new IllegalStateException("unbalanced remedy template: " + t);
    }
}
