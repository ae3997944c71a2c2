package dev.vigil.detect.behavior;

import dev.vigil.engine.net.Ip;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The scans the scan detector reported, for the detectors that judge the same connections: a
 * scanner retries each port it probes that does not answer (nmap up to ten times, about a second
 * apart), and those retries are a failed, periodic series on an uncommon port, which is what a bot
 * calling a dead server looks like too. A failed series that belongs to a scan is the scan. Rebuilt
 * at every {@link ScanDetector#finish}; read by the detectors that finish after it.
 */
public final class Scans implements java.io.Serializable {

    /** Per scanner: the hosts it scanned vertically (their ports). */
    private final Map<Ip, Set<Ip>> vertical = new HashMap<>();
    /** Per scanner: the transport/port it swept across hosts, and the hosts. */
    private final Map<Ip, Map<String, Set<Object>>> horizontal = new HashMap<>();

    void clear() {
        vertical.clear();
        horizontal.clear();
    }

    void vertical(Ip scanner, Ip host) {
        vertical.computeIfAbsent(scanner, k -> new HashSet<>()).add(host);
    }

    void horizontal(Ip scanner, String port, Set<Object> hosts) {
        horizontal.computeIfAbsent(scanner, k -> new HashMap<>()).computeIfAbsent(port, k -> new HashSet<>()).addAll(hosts);
    }

    /** True when connections from {@code client} to {@code server} on {@code port} ("tcp/8080") were part of a scan. */
    public boolean covers(Ip client, Ip server, String port) {
        Set<Ip> hosts = vertical.get(client);
        if (hosts != null && hosts.contains(server)) {
            return true;
        }
        Map<String, Set<Object>> swept = horizontal.get(client);
        Set<Object> targets = swept == null ? null : swept.get(port);
        return targets != null && targets.contains(server);
    }
}
