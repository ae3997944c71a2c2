package dev.vigil.detect.inventory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Evidence weighed against other evidence before the classifier scores it: DHCP fingerprints
 * (Fingerbank) against a vendor class that imitates Windows, and the type "router" against the
 * absence of any routing evidence.
 */
final class Weighing {

    /** How much of its weight a Windows vendor class keeps when the parameter list is a known non-Windows stack's. */
    static final double IMITATION_KEEP = 0.2;
    /** A parameter list that one stack class sends says that class (Fingerbank), but a list is shared by many devices. */
    static final double FINGERPRINT_OS = 0.6;
    static final double FINGERPRINT_TYPE = 0.4;
    /**
     * Fingerbank files a generic library's default list under the one product it was first seen on
     * (busybox udhcpc's list under a NAS): a device class counts only when several of its stacks send the list.
     */
    static final int MIN_STACKS = 2;
    /** Fingerbank classes that are operating systems, not products: one stack of them is enough. */
    private static final Set<String> OS_CLASSES = Set.of("Windows", "Macintosh", "Linux");

    /**
     * Sources whose type=router evidence is routing evidence: forwarding seen or router advertisements
     * (role), the device's own LLDP/CDP capabilities, a UPnP Internet gateway, an access point's DHCP
     * vendor class, a Ubiquiti device naming its own gateway or access-point product line in
     * Ubiquiti Discovery, a firewall naming its product in its syslog messages (or its
     * packet filter's TAG, pfSense's and OPNsense's filterlog). Everything else that suggests "router" (a network vendor's MAC block, a name, an OS
     * banner, a DNS server) describes network gear, which may well be a switch or a host.
     */
    private static final Set<String> ROUTING_SOURCES = Set.of("role", "lldp.capability", "cdp.capability",
            "upnp.device_type", "ssdp.type", "dhcp.vendor_class", "ubnt.platform", "ubnt.product", "ubnt.model",
            "syslog.message", "syslog.app");

    private Weighing() {
    }

    /**
     * Adds Fingerbank's word on the device's DHCP parameter lists to {@code evidence}, and discounts a
     * Windows vendor class in it when the lists are known and no Windows client's.
     */
    static void dhcpFingerprints(DhcpFingerprints bank, Iterable<String> parameterLists, List<Evidence> evidence) {
        List<Evidence> out = new ArrayList<>();
        boolean known = false;
        boolean windows = false;
        for (String prl : parameterLists) {
            List<DhcpFingerprints.Stack> stacks = bank.stacks(prl);
            if (stacks.isEmpty()) {
                continue;
            }
            known = true;
            windows |= stacks.stream().anyMatch(DhcpFingerprints.Stack::windows);
            Set<String> classes = new LinkedHashSet<>();
            stacks.forEach(s -> classes.add(s.windows() ? "Windows" : s.deviceClass()));
            if (classes.size() != 1) {
                // a list sent by stacks of several classes says little
                continue;
            }
            String cls = classes.iterator().next();
            boolean product = !OS_CLASSES.contains(cls);
            if (product && stacks.size() < MIN_STACKS) {
                continue;
            }
            String observed = prl + " (" + stacks.get(0).os() + (stacks.size() > 1 ? ", …" : "") + ")";
            switch (cls) {
                case "Windows" -> {
                    out.add(new Evidence("fingerbank.dhcp", observed, "os", "Windows", FINGERPRINT_OS, 0, null));
                    out.add(new Evidence("fingerbank.dhcp", observed, "type", "computer", FINGERPRINT_TYPE, 0, null));
                }
                case "Macintosh" -> out.add(new Evidence("fingerbank.dhcp", observed, "os", "macOS", FINGERPRINT_OS, 0, null));
                case "Linux" -> out.add(new Evidence("fingerbank.dhcp", observed, "os", "Linux", FINGERPRINT_OS, 0, null));
                case "Smartphones/PDAs/Tablets", "VoIP Phones/Adapters" ->
                    out.add(new Evidence("fingerbank.dhcp", observed, "type", "phone", FINGERPRINT_TYPE, 0, null));
                case "Printers" -> out.add(new Evidence("fingerbank.dhcp", observed, "type", "printer", FINGERPRINT_TYPE, 0, null));
                default -> {
                    // device classes (routers, storage, consoles) are products, not stacks
                }
            }
        }
        if (known && !windows) {
            // the vendor class says MSFT, the parameter list is another stack's: embedded firmware imitating Windows
            evidence.replaceAll(e -> e.source().equals("dhcp.vendor_class") && e.observed().startsWith("MSFT")
                    && (e.value().equals("Windows") || e.value().equals("computer"))
                            ? new Evidence(e.source(), e.observed() + " (parameter list is not a Windows client's)",
                                    e.attribute(), e.value(), Classifier.round(e.weight() * IMITATION_KEEP), e.rule(),
                                    e.firstSeen())
                            : e);
        }
        evidence.addAll(out);
    }

    /**
     * Without routing evidence, what suggests "router" does not count towards the type (it stays in the
     * evidence list); with it, everything counts.
     */
    static List<Evidence> scoredForType(List<Evidence> evidence) {
        boolean routing = evidence.stream().anyMatch(e -> router(e) && ROUTING_SOURCES.contains(e.source())
                && !e.observed().equals("answers DHCP"));
        if (routing) {
            return evidence;
        }
        return evidence.stream().filter(e -> !router(e)).toList();
    }

    private static boolean router(Evidence e) {
        return e.attribute().equals("type") && e.value().equalsIgnoreCase("router");
    }
}
