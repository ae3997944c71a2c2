package dev.vigil.engine.event;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Hands events from the thread that makes them (the engine) to one thread of its own that passes
 * them on to a sink (the inventory and the detectors), in the order they were made: the two stages
 * run on two cores and the sink sees exactly the sequence it would see on one thread, so the
 * output is the same. Events go in batches of {@link #BATCH} through a bounded queue; the batch
 * arrays are recycled, so nothing is allocated per event, and the maker waits when the sink is
 * {@link #BATCHES} batches behind (memory stays bounded). Actions that must happen between two
 * events in the sink's thread go in line with them ({@link #run}).
 *
 * <p>An exception escaping the sink (the sink isolates its own listeners, so only a bug) stops the
 * sink's thread and is thrown to the maker at its next hand-over or at {@link #close}.
 */
public final class EventHandoff implements EventSink, AutoCloseable {

    /** Events per hand-over: one queue operation per this many events. */
    public static final int BATCH = 256;
    /** Batches in flight: how far the sink may fall behind before the maker waits. */
    public static final int BATCHES = 4;

    private static final Object[] END = new Object[0];

    private final ArrayBlockingQueue<Object[]> full = new ArrayBlockingQueue<>(BATCHES + 1);
    private final ArrayBlockingQueue<Object[]> free = new ArrayBlockingQueue<>(BATCHES);
    private final Thread thread;
    private volatile Throwable failure;
    private Object[] batch = new Object[BATCH];
    private int n;
    private boolean closed;

    /** Starts the sink's thread (a daemon named {@code name}). */
    public EventHandoff(String name, EventSink sink) {
        for (int i = 1; i < BATCHES; i++) {
            free.add(new Object[BATCH]);
        }
        thread = new Thread(() -> drain(sink), name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void accept(Event event) {
        add(event);
    }

    /** Runs {@code action} on the sink's thread after the events handed over so far. */
    public void run(Runnable action) {
        add(action);
    }

    /** Returns once the sink has handled every event and action handed over so far (at once when closed). */
    public void sync() {
        if (closed) {
            return;
        }
        CountDownLatch done = new CountDownLatch(1);
        add((Runnable) done::countDown);
        handOver();
        while (true) {
            try {
                if (done.await(100, TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                throw interrupted(e);
            }
            checkAlive();
        }
    }

    /** Hands over what is left, waits for the sink to handle it and stops its thread. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (n > 0) {
            handOver();
        }
        put(full, END);
        try {
            thread.join();
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
        rethrow();
    }

    private void add(Object item) {
        if (closed) {
            throw new IllegalStateException("event hand-off closed");
        }
        batch[n++] = item;
        if (n == BATCH) {
            handOver();
        }
    }

    private void handOver() {
        put(full, batch);
        n = 0;
        Object[] next;
        try {
            while ((next = free.poll(100, TimeUnit.MILLISECONDS)) == null) {
                checkAlive();
            }
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
        batch = next;
    }

    private void put(ArrayBlockingQueue<Object[]> q, Object[] b) {
        try {
            while (!q.offer(b, 100, TimeUnit.MILLISECONDS)) {
                checkAlive();
            }
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    private static IllegalStateException interrupted(InterruptedException e) {
        Thread.currentThread().interrupt();
        return new IllegalStateException("interrupted waiting for the event sink", e);
    }

    private void checkAlive() {
        rethrow();
        if (!thread.isAlive()) {
            throw new IllegalStateException("the event sink's thread stopped");
        }
    }

    private void rethrow() {
        Throwable t = failure;
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        if (t != null) {
            throw new IllegalStateException(t);
        }
    }

    private void drain(EventSink sink) {
        try {
            Object[] b;
            while ((b = full.take()) != END) {
                for (int i = 0; i < b.length && b[i] != null; i++) {
                    Object item = b[i];
                    b[i] = null;
                    if (item instanceof Event e) {
                        sink.accept(e);
                    } else {
                        ((Runnable) item).run();
                    }
                }
                free.add(b);
            }
        } catch (Throwable t) {
            failure = t;
        }
    }
}
