package dev.vigil.inputs.netflow;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token bucket per exporter address ({@link NetflowLimits#datagramsPerSecond} refilled a second,
 * {@link NetflowLimits#datagramBurst} deep), so one sender, real or spoofed, cannot fill the
 * collector's queue and starve the others. The buckets of the exporters heard from least recently
 * are forgotten beyond {@link NetflowLimits#exporters}; a forgotten exporter starts with a full bucket.
 */
public final class ExporterRates {

    private static final class Bucket {
        double tokens;
        long refilled;
    }

    private final NetflowLimits limits;
    private final Map<InetAddress, Bucket> buckets;

    public ExporterRates(NetflowLimits limits) {
        this.limits = limits;
        this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<InetAddress, Bucket> eldest) {
                return size() > limits.exporters();
            }
        };
    }

    /** True when a datagram from {@code exporter} at {@code nanos} (monotonic) is within its rate. */
    public boolean admit(InetAddress exporter, long nanos) {
        Bucket b = buckets.get(exporter);
        if (b == null) {
            b = new Bucket();
            b.tokens = limits.datagramBurst();
            b.refilled = nanos;
            buckets.put(exporter, b);
        } else {
            double add = (nanos - b.refilled) * (limits.datagramsPerSecond() / 1e9);
            b.tokens = Math.min(limits.datagramBurst(), b.tokens + add);
            b.refilled = nanos;
        }
        if (b.tokens < 1) {
            return false;
        }
        b.tokens -= 1;
        return true;
    }
}
