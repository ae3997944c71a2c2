package dev.vigil.store.settings;

/** Named values of the service (policies, the heartbeat, the audit chain's records). */
public interface SettingStore {

    /** A setting's value, or null. */
    String get(String key);

    void put(String key, String value);

    void delete(String key);
}
