package dev.vigil.server.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The running sources: started on their own threads, stopped (and committed) on shutdown. */
public final class Ingest implements AutoCloseable {

    private final IngestContext ctx;
    private final List<Source> sources = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    public Ingest(IngestContext ctx) {
        this.ctx = ctx;
    }

    public IngestContext context() {
        return ctx;
    }

    /** Starts a source on its own thread. */
    public synchronized void start(Source s) {
        s.bind(ctx);
        sources.add(s);
        Thread t = Thread.ofPlatform().name("vigil-" + s.kind + "-" + sources.size()).daemon(true).start(s);
        threads.add(t);
    }

    public List<Source.Status> status() {
        return sources.stream().map(Source::status).toList();
    }

    public List<Source> sources() {
        return List.copyOf(sources);
    }

    /** True when every source that ends (files, stdin) has ended. */
    public boolean settled() {
        return sources.stream().map(s -> s.status().state())
                .noneMatch(st -> st == Source.State.STARTING || st == Source.State.RUNNING);
    }

    /** Stops every source; each commits what it has read. */
    @Override
    public synchronized void close() {
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
