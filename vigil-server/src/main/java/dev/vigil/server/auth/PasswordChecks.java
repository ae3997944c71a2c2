package dev.vigil.server.auth;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The global cap on Argon2id work: at most {@link AuthLimits#passwordChecks} at once, a bounded
 * number of requests waiting a bounded time, and {@link Busy} for the rest, so a flood of sign-ins
 * costs a bounded amount of memory and CPU however many addresses it comes from.
 */
final class PasswordChecks {

    /** No password check could be had: answer 503 with Retry-After. */
    static final class Busy extends RuntimeException {
        Busy() {
            super("too many sign-ins at once; try again in a moment", null, false, false);
        }
    }

    private final Semaphore permits;
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicLong refused = new AtomicLong();
    private final AuthLimits limits;

    PasswordChecks(AuthLimits limits) {
        this.limits = limits;
        this.permits = new Semaphore(limits.passwordChecks(), true);
    }

    <T> T run(Supplier<T> work) {
        if (waiting.incrementAndGet() > limits.passwordChecks() + limits.passwordCheckQueue()) {
            waiting.decrementAndGet();
            refused.incrementAndGet();
            throw new Busy();
        }
        try {
            if (!permits.tryAcquire(limits.passwordCheckWaitMillis(), TimeUnit.MILLISECONDS)) {
                refused.incrementAndGet();
                throw new Busy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Busy();
        } finally {
            waiting.decrementAndGet();
        }
        try {
            return work.get();
        } finally {
            permits.release();
        }
    }

    /** Requests refused because no check could be had. */
    long refused() {
        return refused.get();
    }
}
