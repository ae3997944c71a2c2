package dev.vigil.server.outputs;

import dev.vigil.store.alerts.AlertRow;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import dev.vigil.detect.trust.TrustScorer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends alerts and trust tier changes to the configured outputs from one background thread, so a slow or absent receiver
 * never holds up ingestion. The queue is bounded: when it is full an alert is dropped for the outputs
 * (it stays in the store) and counted; a failed delivery is retried a few times, then counted.
 */
public final class Outputs implements dev.vigil.server.ingest.Persister.Sink, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Outputs.class);
    static final int CAPACITY = 10_000;
    static final int ATTEMPTS = 3;

    /** One destination. */
    public interface Output extends AutoCloseable {

        String name();

        void send(AlertRow alert) throws Exception;

        /** A device moved between trust tiers (for the policy layer: restrict, quarantine, release). */
        void send(TrustScorer.TierChange change) throws Exception;

        /** Something about Vigil itself (throttled sign-ins, audit anchors). */
        void send(Notice notice) throws Exception;

        @Override
        default void close() {
        }
    }

    /** Counters of one output, as the API and /metrics show them. */
    public record Status(String name, long sent, long failed) {
    }

    private final List<Output> outputs;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong[] sent;
    private final AtomicLong[] failed;
    private final Thread worker;
    private volatile boolean closing;

    public Outputs(List<Output> outputs) {
        this.outputs = List.copyOf(outputs);
        this.sent = new AtomicLong[outputs.size()];
        this.failed = new AtomicLong[outputs.size()];
        for (int i = 0; i < outputs.size(); i++) {
            sent[i] = new AtomicLong();
            failed[i] = new AtomicLong();
        }
        this.worker = outputs.isEmpty() ? null : Thread.ofPlatform().name("vigil-outputs").daemon(true).start(this::run);
    }

    @Override
    public void alert(AlertRow a) {
        offer(a);
    }

    @Override
    public void tierChange(TrustScorer.TierChange c) {
        offer(c);
    }

    /** Queues a notice for every output (dropped and counted when the queue is full, like alerts). */
    public void notice(Notice n) {
        offer(n);
    }

    private void offer(Object o) {
        if (worker != null && !queue.offer(o)) {
            dropped.incrementAndGet();
        }
    }

    private void run() {
        while (!closing || !queue.isEmpty()) {
            Object a;
            try {
                a = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (a == null) {
                continue;
            }
            for (int i = 0; i < outputs.size(); i++) {
                try {
                    deliver(i, a);
                } catch (RuntimeException | Error e) {
                    // a bug in one output costs that delivery, never the outputs thread
                    failed[i].incrementAndGet();
                    LOG.error("output {}: delivery failed", outputs.get(i).name(), e);
                }
            }
        }
    }

    private void deliver(int i, Object a) {
        Output o = outputs.get(i);
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                switch (a) {
                    case AlertRow r -> o.send(r);
                    case Notice n -> o.send(n);
                    default -> o.send((TrustScorer.TierChange) a);
                }
                sent[i].incrementAndGet();
                return;
            } catch (Exception e) {
                if (attempt == ATTEMPTS) {
                    failed[i].incrementAndGet();
                    LOG.warn("output {}: {} not delivered: {}", o.name(), a instanceof AlertRow r ? "alert " + r.id()
                            : a instanceof Notice n ? "notice " + n.kind()
                            : "tier change of " + ((TrustScorer.TierChange) a).device(), e.getMessage());
                    return;
                }
                try {
                    Thread.sleep(200L * attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    public long dropped() {
        return dropped.get();
    }

    public long queued() {
        return queue.size();
    }

    public List<Status> status() {
        java.util.ArrayList<Status> s = new java.util.ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            s.add(new Status(outputs.get(i).name(), sent[i].get(), failed[i].get()));
        }
        return s;
    }

    /** Parses an output spec: {@code webhook:URL}, {@code syslog:udp|tcp://HOST:PORT[?format=cef]}. */
    public static Output parse(String spec) {
        if (spec.startsWith("webhook:")) {
            return new Webhook(spec.substring(8));
        }
        if (spec.startsWith("syslog:")) {
            return Syslog.parse(spec.substring(7));
        }
        throw new IllegalArgumentException("--output '" + spec
                + "': expected webhook:https://HOST/PATH or syslog:udp://HOST:PORT (add ?format=cef for CEF)");
    }

    /** Delivers what is queued (up to 10 s), then stops. */
    @Override
    public void close() {
        closing = true;
        if (worker != null) {
            try {
                worker.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        outputs.forEach(Output::close);
    }
}
