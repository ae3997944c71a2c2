package dev.vigil.detect.behavior;

import dev.vigil.detect.findings.DeviceIndex;
import dev.vigil.engine.net.Ip;
import java.util.HashSet;
import java.util.Set;

/** What the devices of one type learnt between them: the baseline of a peer group. */
final class Peers implements java.io.Serializable {

    static final int MAX = 50_000;
    final Set<String> known = new HashSet<>();
    final Set<Integer> services = new HashSet<>();
    int members;

    /** The type a device was classified as, or null when it says nothing about peers. */
    static String typeOf(DeviceIndex devices, Ip ip) {
        var d = devices.byIp(ip);
        return d == null || d.type() == null || d.type().equals("unknown") ? null : d.type();
    }
}
