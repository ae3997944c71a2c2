package dev.vigil.detect.inventory;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One classification rule: observations from {@code source} that match {@code pattern} suggest
 * {@code value} for {@code attribute} with {@code weight}.
 *
 * @param source observation source or source prefix ("hostname" covers "hostname.dhcp", …)
 * @param pattern regular expression (null for domain rules)
 * @param domain domain suffix for the "domain" source (null otherwise)
 * @param attribute type, vendor, model, os or firmware
 * @param value suggested value, with $1…$9 group references
 * @param weight strength of one observation, 0..1
 * @param line line in the rules file, for error messages and explanations
 */
public record Rule(String source, Pattern pattern, String domain, String attribute, String value, double weight,
        int line) {

    /** The suggested value for an observation, or null when the rule does not match it. */
    public String apply(String observed) {
        if (domain != null) {
            return observed.equals(domain) || observed.endsWith("." + domain) ? value : null;
        }
        Matcher m = pattern.matcher(observed);
        if (!m.find()) {
            return null;
        }
        if (value.indexOf('$') < 0) {
            return value;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '$' && i + 1 < value.length() && Character.isDigit(value.charAt(i + 1))) {
                int g = value.charAt(++i) - '0';
                String group = g <= m.groupCount() ? m.group(g) : null;
                if (group != null) {
                    sb.append(group);
                }
            } else {
                sb.append(c);
            }
        }
        String v = sb.toString().trim().replaceAll("\\s+", " ");
        return v.isEmpty() ? null : v;
    }
}
