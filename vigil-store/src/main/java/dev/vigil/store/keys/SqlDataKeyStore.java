package dev.vigil.store.keys;

import dev.vigil.store.db.Columns;
import dev.vigil.store.db.Database;
import dev.vigil.store.db.FieldCipher;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@link DataKeyStore} in SQL: table {@code data_keys}, and the encrypted columns of the other tables. */
public final class SqlDataKeyStore implements DataKeyStore {

    private final Database db;

    public SqlDataKeyStore(Database db) {
        this.db = db;
    }

    @Override
    public List<DataKeyRow> all() {
        return db.read(h -> h.createQuery("SELECT id, wrapped, active FROM data_keys").map((rs, c) -> new DataKeyRow(
                rs.getString("id"), rs.getString("wrapped"), rs.getInt("active") == 1)).list());
    }

    @Override
    public void add(String id, String wrapped, long now) {
        db.write(h -> h.createUpdate("INSERT INTO data_keys (id, wrapped, active, created) VALUES (:id, :w, 0, :t)").bind("id", id)
                .bind("w", wrapped).bind("t", now).execute());
    }

    @Override
    public void addActive(String id, String wrapped, long now) {
        db.write(h -> {
            h.createUpdate("UPDATE data_keys SET active = 0 WHERE active = 1").execute();
            return h.createUpdate("INSERT INTO data_keys (id, wrapped, active, created) VALUES (:id, :w, 1, :t)").bind("id", id)
                    .bind("w", wrapped).bind("t", now).execute();
        });
    }

    @Override
    public void rewrap(String id, String wrapped) {
        db.write(h -> h.createUpdate("UPDATE data_keys SET wrapped = :w WHERE id = :id").bind("w", wrapped).bind("id", id).execute());
    }

    @Override
    public void delete(String id) {
        db.write(h -> h.createUpdate("DELETE FROM data_keys WHERE id = :id").bind("id", id).execute());
    }

    @Override
    public int reencrypt(EncryptedField f, FieldCipher cipher, String activeKey, int batch) {
        return db.write(h -> {
            Map<String, String> rows = Columns.pairs(h.createQuery("SELECT " + f.key + ", " + f.column + " FROM " + f.table
                    + " WHERE " + f.column + " LIKE :any AND " + f.column + " NOT LIKE :active LIMIT " + batch)
                    .bind("any", cipher.prefix(null) + "%").bind("active", cipher.prefix(activeKey) + "%"), f.key, f.column);
            rows.forEach((k, v) -> h.createUpdate("UPDATE " + f.table + " SET " + f.column + " = :v WHERE " + f.key + " = :k")
                    .bind("v", cipher.encrypt(cipher.decrypt(v))).bind("k", k).execute());
            return rows.size();
        });
    }

    @Override
    public Set<String> inUse(FieldCipher cipher) {
        Set<String> ids = new HashSet<>();
        db.reading(() -> {
            for (EncryptedField f : EncryptedField.values()) {
                db.read(h -> h.createQuery("SELECT " + f.column + " FROM " + f.table + " WHERE " + f.column + " LIKE :any")
                        .bind("any", cipher.prefix(null) + "%").mapTo(String.class).list()).forEach(v -> ids.add(cipher.keyOf(v)));
            }
            return null;
        });
        return ids;
    }
}
