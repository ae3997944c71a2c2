package dev.vigil.engine.testing;

import dev.vigil.engine.EngineConfig;
import dev.vigil.engine.EngineStats;
import dev.vigil.engine.Pipeline;
import dev.vigil.engine.anomaly.AnomalyCounters;
import dev.vigil.engine.capture.CaptureLimits;
import dev.vigil.engine.capture.Captures;
import dev.vigil.engine.capture.PacketSource;
import dev.vigil.engine.capture.RawPacket;
import dev.vigil.engine.event.Event;
import dev.vigil.engine.event.EventJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Runs the engine over captures and collects what came out. */
public final class EngineRun {

    public final List<Event> events = new ArrayList<>();
    public EngineStats stats;
    public AnomalyCounters readerAnomalies = new AnomalyCounters();

    public static EngineRun of(Path... captures) {
        return of(EngineConfig.defaults(), captures);
    }

    public static EngineRun of(EngineConfig config, Path... captures) {
        EngineRun run = new EngineRun();
        Pipeline pipeline = new Pipeline(config, run.events::add);
        RawPacket raw = new RawPacket();
        for (Path capture : captures) {
            try (PacketSource src = Captures.open(capture.toString(), CaptureLimits.DEFAULT, pipeline.anomalies())) {
                while (src.next(raw)) {
                    pipeline.accept(raw);
                }
            } catch (Exception e) {
                throw new AssertionError("cannot read " + capture + ": " + e.getMessage(), e);
            }
            pipeline.endOfInput();
        }
        run.stats = pipeline.stats();
        return run;
    }

    public <T extends Event> List<T> events(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Canonical JSON lines of the events that pass the filter. */
    public List<String> json(Predicate<Event> filter) {
        return events.stream().filter(filter).map(EventJson::toJson).toList();
    }
}
