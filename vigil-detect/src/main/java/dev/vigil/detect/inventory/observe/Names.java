package dev.vigil.detect.inventory.observe;

import java.util.Locale;

/** Host and service names as the discovery protocols write them (RFC 6762, RFC 6763, RFC 4795). */
final class Names {

    private Names() {
    }

    static String stripDot(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** "foo.local" → "foo"; names outside .local are not host names of the device. */
    static String localName(String name) {
        String n = stripDot(name);
        if (n.toLowerCase(Locale.ROOT).endsWith(".local")) {
            String h = n.substring(0, n.length() - 6);
            return h.isEmpty() || h.contains("._") ? null : h;
        }
        return null;
    }

    /** An LLMNR name: one label, no dots (RFC 4795 §2: LLMNR resolves single-label names); else null. */
    static String llmnrName(String name) {
        String n = stripDot(name);
        return n.isEmpty() || n.indexOf('.') >= 0 || n.startsWith("_") ? null : n;
    }

    /** "_ipp._tcp.local" → "_ipp._tcp"; subtypes ("_printer._sub._http._tcp") keep their service. */
    static String serviceType(String name) {
        String n = stripDot(name).toLowerCase(Locale.ROOT);
        if (n.endsWith(".local")) {
            n = n.substring(0, n.length() - 6);
        }
        int sub = n.indexOf("._sub.");
        if (sub >= 0) {
            n = n.substring(sub + 6);
        }
        return n;
    }

    /** The instance part of a DNS-SD service instance name (RFC 6763 §4.1), unescaped; null when it is none. */
    static String instanceName(String data, String type) {
        String d = stripDot(data);
        String t = stripDot(type);
        if (d.endsWith("." + t)) {
            return d.substring(0, d.length() - t.length() - 1).replace("\\.", ".").replace("\\ ", " ");
        }
        return null;
    }
}
