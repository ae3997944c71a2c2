package dev.vigil.engine.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventHandoffTest {

    record Tick(long ts) implements Event {
        @Override
        public String kind() {
            return "tick";
        }
    }

    @Test
    void theSinkSeesEveryEventAndActionInTheOrderTheyWereMade() {
        List<Long> seen = new ArrayList<>();
        List<String> threads = new ArrayList<>();
        EventHandoff h = new EventHandoff("test-sink", e -> {
            seen.add(e.ts());
            threads.add(Thread.currentThread().getName());
        });
        long n = EventHandoff.BATCH * (EventHandoff.BATCHES * 3L) + 17;
        for (long i = 0; i < n; i++) {
            h.accept(new Tick(i));
            if (i % 1000 == 999) {
                long mark = -i;
                h.run(() -> seen.add(mark));
            }
        }
        h.sync();
        assertThat(seen).hasSize((int) (n + n / 1000));
        h.close();
        h.close();
        h.sync();
        List<Long> expected = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            expected.add(i);
            if (i % 1000 == 999) {
                expected.add(-i);
            }
        }
        assertThat(seen).isEqualTo(expected);
        assertThat(threads).containsOnly("test-sink");
        assertThatThrownBy(() -> h.accept(new Tick(0))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aFailingSinkIsReportedToTheMakerNotLost() {
        EventHandoff h = new EventHandoff("test-sink", e -> {
            if (e.ts() == 5) {
                throw new IllegalArgumentException("sink bug");
            }
        });
        assertThatThrownBy(() -> {
            for (long i = 0; i < EventHandoff.BATCH * (EventHandoff.BATCHES + 2L); i++) {
                h.accept(new Tick(i));
            }
            h.close();
        }).isInstanceOf(IllegalArgumentException.class).hasMessage("sink bug");
    }
}
