package dev.vigil.detect.inventory.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.detect.inventory.Observer;
import dev.vigil.engine.event.Event;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The observer table: each protocol family reads events of its own, and no event type is read twice by one observer. */
class ObserversTest {

    @Test
    void everyObserverReadsSomeEventTypesEachOnce() {
        Set<String> families = new LinkedHashSet<>();
        for (Observer o : Observers.ALL) {
            List<Class<?>> types = new ArrayList<>();
            o.register(new Observer.Registrations() {
                @Override
                public <E extends Event> void read(Class<E> type, Observer.Reading<E> reading) {
                    types.add(type);
                }
            });
            assertThat(types).as(o.getClass().getSimpleName()).isNotEmpty().doesNotHaveDuplicates();
            assertThat(families.add(o.getClass().getSimpleName())).as("listed once: " + o.getClass()).isTrue();
        }
    }
}
