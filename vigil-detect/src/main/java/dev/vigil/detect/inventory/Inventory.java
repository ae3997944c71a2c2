package dev.vigil.detect.inventory;

import dev.vigil.engine.event.Event;
import dev.vigil.engine.event.EventSink;
import dev.vigil.engine.net.Ip;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the device inventory from events: state ({@link Sightings}) and the observers that read
 * each protocol family's events into it ({@link Observer}), given by the caller (the table is
 * {@code inventory.observe.Observers}). While a run lasts it only records facts about MAC and IP
 * addresses; {@link #devices()} then decides which addresses are local, which MACs are routers,
 * which device owns which address, and classifies each device from its evidence. How devices seen
 * in different windows are one device is {@link DeviceMerge}'s.
 */
public final class Inventory implements EventSink {

    private static final Observer.Reading<?>[] NONE = new Observer.Reading<?>[0];

    private final Sightings sightings;
    private final Map<Class<?>, Observer.Reading<?>[]> readings = new HashMap<>();

    public Inventory(InventoryConfig config, List<Observer> observers) {
        this.sightings = new Sightings(config);
        Map<Class<?>, List<Observer.Reading<?>>> by = new LinkedHashMap<>();
        for (Observer o : observers) {
            o.register(new Observer.Registrations() {
                @Override
                public <E extends Event> void read(Class<E> type, Observer.Reading<E> reading) {
                    by.computeIfAbsent(type, k -> new ArrayList<>()).add(reading);
                }
            });
        }
        by.forEach((type, rs) -> readings.put(type, rs.toArray(NONE)));
    }

    @Override
    @SuppressWarnings("unchecked")
    public void accept(Event e) {
        Observer.Reading<?>[] rs = readings.get(e.getClass());
        if (rs == null) {
            return;
        }
        for (Observer.Reading<?> r : rs) {
            ((Observer.Reading<Event>) r).read(e, sightings);
        }
    }

    /** Another tool (Zeek's local_orig/local_resp) says this address belongs to the monitored networks. */
    public void markLocal(Ip ip) {
        sightings.markLocal(ip);
    }

    public long untrackedAddresses() {
        return sightings.untrackedAddresses();
    }

    /** Records a station known by its MAC alone (for measuring what a MAC tells). */
    void stationForTest(long mac) {
        StationState s = sightings.station(mac, 0);
        if (s != null) {
            s.onLink = true;
        }
    }

    /** Resolves and classifies the devices seen so far, sorted by id. */
    public List<Device> devices() {
        return new DeviceResolver(sightings, new LinkedHashMap<>()).resolve();
    }
}
