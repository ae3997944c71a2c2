package dev.vigil.engine.event;

/** Where events go: inventory, detectors, a log. Called on the pipeline thread, in packet order. */
@FunctionalInterface
public interface EventSink {

    void accept(Event event);

    /** Drops everything (benchmarks of the engine alone). */
    EventSink NONE = e -> { };

    default EventSink andThen(EventSink next) {
        return e -> {
            accept(e);
            next.accept(e);
        };
    }
}
