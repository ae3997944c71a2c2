package dev.vigil.detect.behavior;

import dev.vigil.engine.flow.FlowEnded;
import dev.vigil.engine.net.Ip;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One fixed window of a device's traffic, counted flow by flow, and the point it becomes for the
 * device's anomaly model: log-scaled counts, the failed share and the hour of day on a circle, so
 * that a window's size and its time of day weigh alike.
 */
final class TrafficWindow implements java.io.Serializable {

    static final String[] FEATURES = {"flows_out", "destinations", "destination_ports", "bytes_out", "bytes_in",
        "packets_out", "failed_share", "internal_peers", "new_destinations", "hour_sin", "hour_cos"};
    /** Distinct destinations, ports and internal peers counted per window. */
    static final int MAX_DISTINCT = 10_000;
    /** Flow ids kept per window, to mark the flows of an anomalous one. */
    static final int MAX_IDS = 50_000;
    /** How many features name what drove a score. */
    static final int DRIVERS = 3;

    final long start;
    long flows;
    final Set<String> destinations = new HashSet<>();
    final Set<Integer> ports = new HashSet<>();
    long bytesOut;
    long bytesIn;
    long packetsOut;
    long failed;
    final Set<Ip> internal = new HashSet<>();
    long newDestinations;
    final List<Long> ids = new ArrayList<>();

    TrafficWindow(long start) {
        this.start = start;
    }

    /**
     * Counts one flow of the device.
     *
     * @param dest its destination's name or network, or null for an internal one
     * @param fresh the destination is new since learning
     * @param keepIds whether flow ids are kept (flows are being marked)
     */
    void add(FlowEnded f, String dest, boolean fresh, boolean internalPeer, boolean keepIds) {
        flows++;
        if (destinations.size() < MAX_DISTINCT) {
            destinations.add(dest != null ? dest : f.flow().serverIp().toString());
        }
        if (ports.size() < MAX_DISTINCT) {
            ports.add(f.flow().serverPort());
        }
        bytesOut += f.clientBytes();
        bytesIn += f.serverBytes();
        packetsOut += f.clientPackets();
        if (Flows.failed(f)) {
            failed++;
        }
        if (internalPeer && internal.size() < MAX_DISTINCT) {
            internal.add(f.flow().serverIp());
        }
        if (fresh) {
            newDestinations++;
        }
        if (keepIds && ids.size() < MAX_IDS) {
            ids.add(f.flow().id());
        }
    }

    /** The window as a point of the anomaly model, in the order of {@link #FEATURES}. */
    double[] features() {
        double hour = Instant.ofEpochSecond(start / 1_000_000_000L).atZone(ZoneOffset.UTC).getHour()
                + Instant.ofEpochSecond(start / 1_000_000_000L).atZone(ZoneOffset.UTC).getMinute() / 60.0;
        return new double[] {Math.log1p(flows), Math.log1p(destinations.size()), Math.log1p(ports.size()),
            Math.log1p(bytesOut), Math.log1p(bytesIn), Math.log1p(packetsOut),
            flows == 0 ? 0 : (double) failed / flows, Math.log1p(internal.size()), Math.log1p(newDestinations),
            Math.sin(2 * Math.PI * hour / 24), Math.cos(2 * Math.PI * hour / 24)};
    }

    /**
     * The features that drove a score most, each with its share of the score and its value in its
     * own units.
     */
    static Map<String, Object> drivers(double[] attribution, double[] point, double score) {
        Map<String, Object> drivers = new LinkedHashMap<>();
        Integer[] order = new Integer[FEATURES.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(attribution[y], attribution[x]));
        for (int i = 0; i < DRIVERS; i++) {
            int k = order[i];
            drivers.put(FEATURES[k], Map.of("share", ScanDetector.round(attribution[k] / score), "value",
                    ScanDetector.round(raw(k, point[k]))));
        }
        return drivers;
    }

    /** A feature back in its own units (counts, bytes) for the explanation. */
    private static double raw(int feature, double v) {
        return switch (FEATURES[feature]) {
            case "failed_share", "hour_sin", "hour_cos" -> v;
            default -> Math.expm1(v);
        };
    }
}
