package dev.vigil.detect.inventory;

import dev.vigil.engine.event.Event;

/**
 * One protocol family's reading of events into what the inventory knows: which events it reads and
 * what each says about the devices (names, vendors, addresses bound, services, roles), written to
 * the {@link Sightings}. Observers hold no state of their own; the inventory dispatches each event
 * to the readings registered for its type, in the order the observers are listed. Adding a
 * dissector whose events tell something about devices is one observer and one line in the table
 * ({@code inventory.observe.Observers}).
 */
public interface Observer {

    /** Registers a reading per event type it reads: {@code on.read(ArpMessage.class, this::arp)}. */
    void register(Registrations on);

    /** Where an observer registers its readings. */
    interface Registrations {
        <E extends Event> void read(Class<E> type, Reading<E> reading);
    }

    /** What one event of a type tells the inventory. */
    @FunctionalInterface
    interface Reading<E extends Event> {
        void read(E event, Sightings s);
    }
}
