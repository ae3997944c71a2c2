package dev.vigil.server.auth;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sign-in attempts per address in the last minute, in memory: the first throttle, before the
 * store's per-account counts. Bounded: past {@link #MAX_ADDRESSES} addresses, those with nothing in
 * the last minute are forgotten.
 */
final class AddressBudget {

    static final int MAX_ADDRESSES = 10_000;
    static final long WINDOW_MILLIS = 60_000;

    private final int perMinute;
    private final Map<String, Deque<Long>> attempts = new ConcurrentHashMap<>();

    AddressBudget(int perMinute) {
        this.perMinute = perMinute;
    }

    /** True (and counted) when the address has an attempt left this minute. */
    boolean allow(String ip, long now) {
        if (attempts.size() > MAX_ADDRESSES) {
            attempts.values().removeIf(q -> {
                synchronized (q) {
                    return q.isEmpty() || now - q.peekLast() > WINDOW_MILLIS;
                }
            });
        }
        Deque<Long> d = attempts.computeIfAbsent(ip, k -> new ArrayDeque<>());
        synchronized (d) {
            while (!d.isEmpty() && now - d.peekFirst() > WINDOW_MILLIS) {
                d.pollFirst();
            }
            if (d.size() >= perMinute) {
                return false;
            }
            d.addLast(now);
            return true;
        }
    }
}
