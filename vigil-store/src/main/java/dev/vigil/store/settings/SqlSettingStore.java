package dev.vigil.store.settings;

import dev.vigil.store.db.Database;

/** {@link SettingStore} in SQL: table {@code settings}. */
public final class SqlSettingStore implements SettingStore {

    private final Database db;

    public SqlSettingStore(Database db) {
        this.db = db;
    }

    @Override
    public String get(String key) {
        return db.read(h -> h.createQuery("SELECT value FROM settings WHERE key = :k").bind("k", key).mapTo(String.class).findOne()
                .orElse(null));
    }

    @Override
    public void put(String key, String value) {
        db.write(h -> h.createUpdate("INSERT INTO settings (key, value) VALUES (:k, :v) ON CONFLICT (key) DO UPDATE SET value = :v")
                .bind("k", key).bind("v", value).execute());
    }

    @Override
    public void delete(String key) {
        db.write(h -> h.createUpdate("DELETE FROM settings WHERE key = :k").bind("k", key).execute());
    }
}
