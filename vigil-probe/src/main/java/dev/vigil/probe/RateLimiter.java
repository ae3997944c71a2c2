package dev.vigil.probe;

import java.util.function.LongSupplier;

/**
 * Spaces connection attempts: at most {@code perSecond} on average, with no bursts (each attempt
 * waits for its own slot). Shared by all probing threads.
 */
public final class RateLimiter {

    /** Waits; tests replace it to record instead of sleeping. */
    public interface Sleeper {
        void sleepNanos(long nanos) throws InterruptedException;
    }

    private final long intervalNanos;
    private final LongSupplier clock;
    private final Sleeper sleeper;
    private long next;

    public RateLimiter(double perSecond) {
        this(perSecond, System::nanoTime, n -> Thread.sleep(n / 1_000_000, (int) (n % 1_000_000)));
    }

    public RateLimiter(double perSecond, LongSupplier clock, Sleeper sleeper) {
        if (!(perSecond > 0) || perSecond > 10_000) {
            throw new IllegalArgumentException("--rate must be between 0 and 10000 connections per second");
        }
        this.intervalNanos = (long) (1e9 / perSecond);
        this.clock = clock;
        this.sleeper = sleeper;
        this.next = clock.getAsLong();
    }

    /** Blocks until the caller may open its connection. */
    public void acquire() throws InterruptedException {
        long wait;
        synchronized (this) {
            long now = clock.getAsLong();
            long slot = Math.max(now, next);
            next = slot + intervalNanos;
            wait = slot - now;
        }
        if (wait > 0) {
            sleeper.sleepNanos(wait);
        }
    }
}
