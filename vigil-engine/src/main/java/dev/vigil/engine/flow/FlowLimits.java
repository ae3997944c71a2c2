package dev.vigil.engine.flow;

/**
 * Bounds and timeouts of the flow table. Timeouts are packet time; defaults follow Suricata's
 * flow engine (new 30 s, established 300 s) and Zeek's UDP inactivity timeout (60 s).
 *
 * @param capacity most flows held at once (default 200,000; about 300 bytes each, plus the
 *     dissector state of flows still being inspected)
 * @param tcpNewTimeoutNanos a TCP flow not yet established (SYN seen, no answer)
 * @param tcpEstablishedTimeoutNanos an established TCP flow
 * @param tcpClosedTimeoutNanos a TCP flow after FIN both ways or RST (grace for late packets)
 * @param udpTimeoutNanos a UDP flow
 * @param otherTimeoutNanos ICMP and other IP protocols
 * @param emergencyEnterShare table occupancy that turns emergency mode on (default 0.90)
 * @param emergencyLeaveShare occupancy under which emergency mode ends (default 0.70)
 * @param emergencyTimeoutDivisor timeouts are divided by this in emergency mode (default 10)
 */
public record FlowLimits(int capacity, long tcpNewTimeoutNanos, long tcpEstablishedTimeoutNanos,
        long tcpClosedTimeoutNanos, long udpTimeoutNanos, long otherTimeoutNanos, double emergencyEnterShare,
        double emergencyLeaveShare, int emergencyTimeoutDivisor) {

    private static final long S = 1_000_000_000L;

    public static final FlowLimits DEFAULT = new FlowLimits(200_000, 30 * S, 300 * S, 10 * S, 60 * S, 30 * S, 0.90,
            0.70, 10);

    public FlowLimits {
        if (capacity < 16) {
            throw new IllegalArgumentException("flow table capacity must be at least 16");
        }
        if (emergencyLeaveShare >= emergencyEnterShare || emergencyEnterShare > 1.0 || emergencyTimeoutDivisor < 1) {
            throw new IllegalArgumentException("inconsistent emergency-mode settings");
        }
    }

    public FlowLimits withCapacity(int newCapacity) {
        return new FlowLimits(newCapacity, tcpNewTimeoutNanos, tcpEstablishedTimeoutNanos, tcpClosedTimeoutNanos,
                udpTimeoutNanos, otherTimeoutNanos, emergencyEnterShare, emergencyLeaveShare, emergencyTimeoutDivisor);
    }

    long timeout(int timeoutClass) {
        return switch (timeoutClass) {
            case Flow.CLASS_TCP_NEW -> tcpNewTimeoutNanos;
            case Flow.CLASS_TCP_ESTABLISHED -> tcpEstablishedTimeoutNanos;
            case Flow.CLASS_TCP_CLOSED -> tcpClosedTimeoutNanos;
            case Flow.CLASS_UDP -> udpTimeoutNanos;
            default -> otherTimeoutNanos;
        };
    }
}
