package dev.vigil.detect.trust;

import dev.vigil.detect.findings.Finding;
import dev.vigil.detect.findings.FindingCatalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The actions that remove findings: a device's findings grouped by what fixes them ("change the
 * default password on telnet", "update firmware 1.1.3 → 1.1.4 (fixes CVE-…, in KEV)", "isolate and
 * reflash"), in the words the plan shows.
 */
final class Remedies {

    private Remedies() {
    }

    /** The actions for one device, in the order their first finding comes: key → (text, findings). */
    static Map<String, Remedy> group(List<Finding> findings, FindingCatalog catalog) {
        Map<String, Remedy> out = new LinkedHashMap<>();
        for (Finding f : findings) {
            String[] a = action(f, findings, catalog);
            if (a != null) {
                out.computeIfAbsent(a[0], k -> new Remedy(a[1], new ArrayList<>())).fixes().add(f);
            }
        }
        return out;
    }

    /** What to do, and the findings it removes. */
    record Remedy(String text, List<Finding> fixes) {
    }

    /** {key, text} of the action that removes a finding, or null when none is needed (informational). */
    static String[] action(Finding f, List<Finding> all, FindingCatalog catalog) {
        Map<String, Object> e = f.evidence();
        String t = f.type();
        if (t.equals("credentials.default") || t.equals("probe.default_credentials")) {
            String proto = str(e, "protocol", str(e, "service", "the service"));
            return new String[] {"default:" + proto, "Change the factory-default password on " + proto
                    + (e.get("user") != null ? " (user " + e.get("user") + ")" : "")};
        }
        if (t.startsWith("credentials.cleartext.")) {
            String proto = str(e, "protocol", t.substring("credentials.cleartext.".length()));
            return new String[] {"cleartext-login:" + proto, "Stop " + proto
                    + " logins in clear text: use its encrypted form and change the exposed password"};
        }
        if (t.equals("probe.anonymous_access")) {
            return new String[] {"anonymous:" + str(e, "service", ""), "Require authentication on " + str(e, "service",
                    "the service")};
        }
        if (t.equals("cleartext.telnet") || t.equals("exposure.management_service") && "telnet".equals(e.get("service"))) {
            return new String[] {"telnet", "Disable telnet; manage the device over SSH"};
        }
        if (t.equals("exposure.internet_management")) {
            return new String[] {"internet:" + str(e, "port", ""), "Close the Internet exposure of " + str(e, "service",
                    "its management service") + " (" + str(e, "port", "") + "); reach it through a VPN"};
        }
        if (t.equals("exposure.management_service")) {
            return new String[] {"mgmt:" + str(e, "port", ""), "Restrict " + str(e, "service", "the management service")
                    + " (" + str(e, "port", "") + ") to the management network, or disable it"};
        }
        if (t.equals("exposure.upnp_port_mapping")) {
            return new String[] {"upnp", "Disable UPnP IGD and NAT-PMP port mapping (on the router or the device)"};
        }
        if (t.startsWith("vulnerability.") || t.equals("firmware.outdated")) {
            TreeSet<String> cves = new TreeSet<>();
            String from = null;
            String to = null;
            for (Finding g : all) {
                if (g.type().startsWith("vulnerability.")) {
                    cves.add(g.evidence().get("cve") + (g.type().endsWith("exploited") ? " (KEV)" : ""));
                    from = from != null ? from : (String) g.evidence().get("firmware");
                }
                if (g.type().equals("firmware.outdated")) {
                    from = (String) g.evidence().get("firmware");
                    to = (String) g.evidence().get("latest");
                }
            }
            String text = "Update firmware" + (from != null ? " " + from : "") + " → " + (to != null ? to : "a fixed version")
                    + (cves.isEmpty() ? "" : " (fixes " + String.join(", ", cves) + ")");
            return new String[] {"firmware", text};
        }
        if (t.equals("firmware.end_of_support")) {
            return new String[] {"replace", "Plan the replacement of this " + str(e, "model", "model") + " (support ended "
                    + str(e, "end_of_support", "") + "); isolate it until then"};
        }
        if (t.startsWith("tls.")) {
            return new String[] {"tls", "Fix its TLS: version 1.2 or later, strong ciphers, a valid certificate of its own"};
        }
        if (t.startsWith("update.")) {
            return new String[] {"updates", "Make it fetch firmware and software over HTTPS only"};
        }
        if (t.startsWith("cleartext.")) {
            String proto = t.equals("cleartext.ot_external") ? str(e, "protocol", "OT traffic") : t.substring(10);
            return new String[] {"cleartext:" + proto, t.equals("cleartext.ot_external")
                    ? "Keep " + proto + " inside its OT zone (VPN or a protocol-aware gateway for outside access)"
                    : "Replace " + proto + " with its TLS form, or disable it"};
        }
        if (t.equals("attack.inbound") || t.equals("attack.ddos_target")) {
            return new String[] {"exposed", "Stop exposing the device to the Internet: it is being attacked"};
        }
        if (t.startsWith("attack.") || t.startsWith("c2.") || t.startsWith("exfil.") || t.startsWith("lateral.")) {
            if (!catalog.compromise(f)) {
                return new String[] {"attacked", "Block the attacker at the edge and check the device"};
            }
            return new String[] {"compromised", "Isolate the device, reflash it and change its credentials"};
        }
        if (t.startsWith("anomaly.") || t.startsWith("behavior.")) {
            return new String[] {"investigate:" + t, "Investigate: " + f.title().toLowerCase(java.util.Locale.ROOT)};
        }
        return null;
    }

    private static String str(Map<String, Object> e, String k, String otherwise) {
        Object v = e.get(k);
        return v == null ? otherwise : String.valueOf(v);
    }
}
