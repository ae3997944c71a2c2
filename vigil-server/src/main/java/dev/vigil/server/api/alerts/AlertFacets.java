package dev.vigil.server.api.alerts;

import dev.vigil.store.alerts.AlertStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/** What the queue's filters can take: the types, devices and assignees alerts have, every user. */
final class AlertFacets {

    static final List<String> SEVERITIES = List.of("critical", "high", "medium", "low", "info");
    static final List<String> STATUSES = List.of("active", "open", "acknowledged", "resolved");

    /** The facets' answer. */
    record Facets(List<TypeCount> types, List<DeviceCount> devices, List<String> assignees, List<String> severities,
            List<String> statuses) {
    }

    record TypeCount(String value, long alerts) {
    }

    /** @param ip the device's address, or null when the device is gone */
    record DeviceCount(String id, String ip, long alerts) {
    }

    private final AlertStore alerts;
    private final Supplier<List<String>> usernames;
    private final Function<List<String>, Map<String, String>> addresses;

    AlertFacets(AlertStore alerts, Supplier<List<String>> usernames, Function<List<String>, Map<String, String>> addresses) {
        this.alerts = alerts;
        this.usernames = usernames;
        this.addresses = addresses;
    }

    Facets get() {
        List<TypeCount> types = new ArrayList<>();
        alerts.countByType().forEach((t, n) -> types.add(new TypeCount(t, n)));
        Map<String, Long> byDevice = alerts.countByDevice();
        Map<String, String> ips = addresses.apply(List.copyOf(byDevice.keySet()));
        List<DeviceCount> devices = new ArrayList<>();
        byDevice.forEach((d, n) -> devices.add(new DeviceCount(d, ips.get(d), n)));
        return new Facets(types, devices, usernames.get(), SEVERITIES, STATUSES);
    }
}
