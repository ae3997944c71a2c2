package dev.vigil.detect.behavior;

import java.util.Locale;
import java.util.Set;

/**
 * Domain names reduced to what an organisation registers ("a1.cdn.example.co.uk" to
 * "example.co.uk"), and the randomness of a label, which tunnels and algorithmically generated
 * names have and ordinary names do not.
 */
final class Domains implements java.io.Serializable {

    /** Second-level public suffixes common enough to matter. */
    private static final Set<String> SECOND_LEVEL = Set.of("co.uk", "org.uk", "ac.uk", "gov.uk", "com.au", "net.au",
            "org.au", "co.jp", "ne.jp", "or.jp", "com.cn", "net.cn", "org.cn", "com.br", "com.tw", "com.hk", "co.kr",
            "co.in", "co.nz", "co.za", "com.mx", "com.tr", "com.sg", "com.ar", "com.ru", "com.ua", "co.il", "com.pl",
            "amazonaws.com", "cloudfront.net", "herokuapp.com", "azurewebsites.net", "appspot.com", "duckdns.org",
            "no-ip.org", "dyndns.org", "ddns.net");

    private Domains() {
    }

    static String registered(String name) {
        if (name == null) {
            return null;
        }
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".")) {
            n = n.substring(0, n.length() - 1);
        }
        String[] l = n.split("\\.");
        // a "top-level domain" no registry hands out (hex, digits, 25+ characters): the name is no
        // registered domain at all (dnscat's direct mode), so its first label stands for it
        String tld = l[l.length - 1];
        if (l.length > 1 && !tld.startsWith("xn--") && (tld.length() > 24 || !tld.chars().allMatch(Character::isLetter))) {
            return l[0];
        }
        if (l.length <= 2) {
            return n;
        }
        String last2 = l[l.length - 2] + "." + l[l.length - 1];
        if (SECOND_LEVEL.contains(last2) && l.length >= 3) {
            return l[l.length - 3] + "." + last2;
        }
        return last2;
    }

    /** The part of a name left of its registered domain ("" when none). */
    static String subdomain(String name, String registered) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".")) {
            n = n.substring(0, n.length() - 1);
        }
        if (!n.endsWith("." + registered) && n.startsWith(registered + ".")) {
            return n.substring(registered.length() + 1);
        }
        return n.length() > registered.length() + 1 ? n.substring(0, n.length() - registered.length() - 1) : "";
    }

    /** Shannon entropy in bits per character. */
    static double entropy(String s) {
        if (s.isEmpty()) {
            return 0;
        }
        int[] counts = new int[128];
        int other = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 128) {
                counts[c]++;
            } else {
                other++;
            }
        }
        double h = 0;
        for (int c : counts) {
            if (c > 0) {
                double p = (double) c / s.length();
                h -= p * Math.log(p) / Math.log(2);
            }
        }
        if (other > 0) {
            double p = (double) other / s.length();
            h -= p * Math.log(p) / Math.log(2);
        }
        return h;
    }

    static String longestLabel(String sub) {
        String best = "";
        for (String l : sub.split("\\.")) {
            if (l.length() > best.length()) {
                best = l;
            }
        }
        return best;
    }
}
