package dev.vigil.store.devices;

/** The inventory's orders, each then by id. */
public enum DeviceSort {
    RISK("risk DESC"), TRUST("trust ASC"), LAST_SEEN("last_seen DESC"), ID("id ASC"), VENDOR("vendor ASC"), TYPE("type ASC");

    final String sql;

    DeviceSort(String sql) {
        this.sql = sql;
    }
}
