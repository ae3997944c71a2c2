package dev.vigil.detect.segmentation;

import java.util.Set;

/** Reads the side of a rule as the policy file writes it (see {@link Target}). */
public final class Targets {

    private Targets() {
    }

    /**
     * @param zones the zones the policy defines
     * @throws IllegalArgumentException naming the problem
     */
    public static Target parse(String s, Set<String> zones) {
        if (s.equals("any")) {
            return new Target.Any();
        }
        if (s.equals("local-networks")) {
            return new Target.LocalNetworks();
        }
        if (s.equals("same-manufacturer")) {
            return new Target.SameManufacturer();
        }
        if (s.startsWith("name:")) {
            String n = s.substring(5);
            if (!hostName(n.startsWith("*.") ? n.substring(2) : n)) {
                throw new IllegalArgumentException("'" + n + "' is not a DNS name");
            }
            return new Target.Name(n);
        }
        if (s.startsWith("net:")) {
            return new Target.Net(PolicyParser.cidrs(s.substring(4)));
        }
        if (s.startsWith("controller:")) {
            String c = s.substring(11);
            if (c.isEmpty()) {
                throw new IllegalArgumentException("'controller:' needs dns, ntp or a URI");
            }
            return new Target.Controller(c);
        }
        if (s.startsWith("manufacturer:")) {
            String m = s.substring(13);
            if (m.isEmpty()) {
                throw new IllegalArgumentException("'manufacturer:' needs a MUD URL authority or a vendor name");
            }
            return new Target.Manufacturer(m);
        }
        if (!zones.contains(s)) {
            throw new IllegalArgumentException("unknown zone '" + s + "'");
        }
        return new Target.ZoneRef(s);
    }

    /** RFC 1123 host name syntax: dot-separated labels of letters, digits and inner hyphens. */
    static boolean hostName(String n) {
        if (n.isEmpty() || n.length() > 253) {
            return false;
        }
        for (String label : (n.endsWith(".") ? n.substring(0, n.length() - 1) : n).split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
                return false;
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (!(c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_'))) {
                    return false;
                }
            }
        }
        return true;
    }
}
