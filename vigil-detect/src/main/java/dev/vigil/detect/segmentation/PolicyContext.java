package dev.vigil.detect.segmentation;

import dev.vigil.engine.net.Ip;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a decision depends on besides the policy: the devices (each address belongs to the last
 * device listed with it), the DNS answers seen, and who is in quarantine.
 *
 * @param subjects the devices, oldest first
 * @param dns bindings of names to addresses over time
 * @param quarantines every quarantine, past and present
 * @param owners the device of each address (derived: build with {@link #of})
 * @param byMac the device of each MAC, lower case (derived)
 */
public record PolicyContext(List<Subject> subjects, DnsView dns, List<Quarantine> quarantines, Map<Ip, Subject> owners,
        Map<String, Subject> byMac) {

    public PolicyContext {
        subjects = List.copyOf(subjects);
        quarantines = List.copyOf(quarantines);
    }

    public static PolicyContext of(List<Subject> subjects, DnsView dns, List<Quarantine> quarantines) {
        Map<Ip, Subject> owners = new HashMap<>();
        Map<String, Subject> byMac = new HashMap<>();
        for (Subject s : subjects) {
            for (Ip ip : s.addresses()) {
                owners.put(ip, s);
            }
            if (s.mac() != null) {
                byMac.put(s.mac().toLowerCase(Locale.ROOT), s);
            }
        }
        return new PolicyContext(subjects, dns, quarantines, Map.copyOf(owners), Map.copyOf(byMac));
    }

    public static PolicyContext of(List<Subject> subjects) {
        return of(subjects, DnsView.empty(), List.of());
    }

    /** The device an address belongs to, or null. */
    public Subject owner(Ip ip) {
        return owners.get(ip);
    }

    /** The device with this MAC, or null. */
    public Subject byMac(String mac) {
        return mac == null ? null : byMac.get(mac.toLowerCase(Locale.ROOT));
    }

    /** The quarantine holding this address at {@code at}, or null. */
    public Quarantine quarantined(Ip ip, long at) {
        for (Quarantine q : quarantines) {
            if (q.activeAt(at) && q.addresses().contains(ip)) {
                return q;
            }
        }
        return null;
    }

    /** A copy with other quarantines. */
    public PolicyContext withQuarantines(List<Quarantine> q) {
        return new PolicyContext(subjects, dns, q, owners, byMac);
    }
}
