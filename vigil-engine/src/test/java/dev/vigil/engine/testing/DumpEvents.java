package dev.vigil.engine.testing;

import dev.vigil.engine.event.EventJson;
import java.nio.file.Path;
import java.util.Arrays;

/** Prints a capture's events as JSON lines, then its statistics: a debugging aid for dissector work. */
public final class DumpEvents {

    private DumpEvents() {
    }

    public static void main(String[] args) {
        EngineRun run = EngineRun.of(Arrays.stream(args).map(Path::of).toArray(Path[]::new));
        run.events.forEach(e -> System.out.println(EventJson.toJson(e)));
        System.out.println(run.stats);
    }
}
