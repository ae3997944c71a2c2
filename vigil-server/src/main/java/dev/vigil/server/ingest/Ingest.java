package dev.vigil.server.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running sources, each on its own thread under a supervisor: a source that fails is started
 * again with backoff (it resumes from its last committed position), and a watchdog marks a source
 * that stalls with input waiting ({@link SupervisionLimits}). Sources are stopped (and commit) on
 * shutdown.
 */
public final class Ingest implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Ingest.class);

    /** How often the watchdog looks at the sources. */
    static final long WATCH_MILLIS = 1000;

    private final IngestContext ctx;
    private final SupervisionLimits limits;
    private final List<Source> sources = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final Thread watchdog;
    private volatile boolean closing;

    public Ingest(IngestContext ctx) {
        this(ctx, SupervisionLimits.DEFAULT);
    }

    public Ingest(IngestContext ctx, SupervisionLimits limits) {
        this.ctx = ctx;
        this.limits = limits;
        this.watchdog = Thread.ofPlatform().name("vigil-ingest-watchdog").daemon(true).unstarted(this::watch);
    }

    public IngestContext context() {
        return ctx;
    }

    /** Starts a source on its own thread, under supervision. */
    public synchronized void start(Source s) {
        s.bind(ctx);
        sources.add(s);
        Thread t = Thread.ofPlatform().name("vigil-" + s.kind + "-" + sources.size()).daemon(true)
                .start(() -> supervise(s));
        threads.add(t);
        if (!watchdog.isAlive()) {
            watchdog.start();
        }
    }

    /** Runs a source until it ends or the service stops; after a failure, again after the backoff delay. */
    private void supervise(Source s) {
        int failures = 0;
        while (true) {
            long began = ctx.wallClock().getAsLong();
            s.run();
            if (s.state() != Source.State.FAILED || closing || s.stopping || !s.restartable()) {
                return;
            }
            if (ctx.wallClock().getAsLong() - began >= limits.stableMillis()) {
                failures = 0;
            }
            long delay = limits.restartDelay(failures++);
            s.restartAt(ctx.wallClock().getAsLong() + delay);
            LOG.warn("{}: failed; starting it again in {} ms (failure {} in a row)", s.name(), delay, failures);
            if (!sleep(s, delay)) {
                return;
            }
            s.restarting();
        }
    }

    /** Waits for a restart; false when the service stops meanwhile. */
    private boolean sleep(Source s, long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        while (!closing && !s.stopping) {
            long left = (end - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return true;
            }
            try {
                Thread.sleep(Math.min(left, 100));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private void watch() {
        while (!closing) {
            long now = ctx.wallClock().getAsLong();
            for (Source s : sources) {
                s.watch(now, limits.stallMillis());
            }
            try {
                Thread.sleep(WATCH_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    public List<Source.Status> status() {
        return sources.stream().map(Source::status).toList();
    }

    public List<Source> sources() {
        return List.copyOf(sources);
    }

    /** The sources whose health is not "ok" (failed and waiting to restart, or stalled). */
    public List<Source.Status> degraded() {
        return status().stream().filter(st -> !Source.OK.equals(st.health())).toList();
    }

    /** True when every source that ends (files, stdin) has ended. */
    public boolean settled() {
        return sources.stream().map(s -> s.status().state())
                .noneMatch(st -> st == Source.State.STARTING || st == Source.State.RUNNING);
    }

    /** Stops every source; each commits what it has read. */
    @Override
    public synchronized void close() {
        closing = true;
        watchdog.interrupt();
        for (Source s : sources) {
            s.stop();
        }
        for (Thread t : threads) {
            try {
                t.join(15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
