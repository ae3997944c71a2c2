package dev.vigil.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.store.db.Database;
import dev.vigil.store.devices.DeviceEdit;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Units of work over several stores, and the fields the stores keep encrypted, on SQLite and PostgreSQL. */
class TransactionsTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void storesJoinTheUnitOfWorkAndRollBackWithIt(String kind) throws Exception {
        try (Databases.Opened o = Databases.open(kind, tmp)) {
            Database db = o.db();
            Stores s = Databases.stores(db);
            String id = "mac:00:00:00:00:00:01";
            assertThatThrownBy(() -> s.transactions().inTransaction(() -> {
                s.devices().put(Fixtures.device(id, "10.0.0.1"), 1);
                s.findings().put("F1", Fixtures.finding("exposure.telnet", id, "10.0.0.1", null), "exposure", 1);
                s.transactions().inTransaction(() -> s.audit().append("test", "nested", null, null));
                throw new IllegalStateException("the window fails");
            })).hasMessage("the window fails");
            assertThat(s.devices().count()).isZero();
            assertThat(s.findings().count()).isZero();
            assertThat(s.audit().count(Long.MAX_VALUE)).isZero();
            // committed together, under one change number
            s.transactions().inTransaction(() -> {
                s.devices().put(Fixtures.device(id, "10.0.0.1"), 2);
                s.findings().put("F1", Fixtures.finding("exposure.telnet", id, "10.0.0.1", null), "exposure", 2);
            });
            assertThat(s.devices().find(id).orElseThrow().change()).isEqualTo(s.findings().find("F1").orElseThrow().change());
            // a write inside a unit of work that only reads is a programmer's error
            assertThatThrownBy(() -> db.reading(() -> {
                s.devices().put(Fixtures.device(id, "10.0.0.1"), 3);
                return null;
            })).isInstanceOf(IllegalStateException.class);
            assertThat(s.audit().verify(java.util.List.of()).ok()).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void ownersContactsAndCapturedCredentialsAreNeverStoredInClear(String kind) throws Exception {
        try (Databases.Opened o = Databases.open(kind, tmp)) {
            Database db = o.db();
            Stores s = Databases.stores(db);
            String id = "mac:00:00:00:00:00:01";
            s.devices().put(Fixtures.device(id, "10.0.0.1"), 1);
            s.devices().edit(id, new DeviceEdit(Map.of("owner", "Grace Hopper", "contact", "grace@example.org"), "high", "lab"), 2);
            s.findings().put("F1", Fixtures.finding("credentials.cleartext", id, "10.0.0.1", "hunter2"), "credentials", 3);
            String raw = db.read(h -> h.createQuery("SELECT owner_enc || ' ' || contact_enc FROM devices").mapTo(String.class).one())
                    + db.read(h -> h.createQuery("SELECT data FROM findings").mapTo(String.class).one());
            assertThat(raw).doesNotContain("Grace").doesNotContain("grace@").doesNotContain("hunter2").startsWith("t1:k1:");
            assertThat(s.devices().find(id).orElseThrow().owner()).isEqualTo("Grace Hopper");
            assertThat(s.devices().assets().of(s.devices().inventory(id)).owner()).isEqualTo("Grace Hopper");
            assertThat(s.findings().finding("F1").evidence()).containsEntry("password", "hunter2");
            assertThat(s.devices().page(new dev.vigil.store.devices.DeviceFilter(null, null, null, "high", null, null, null, "lab",
                    "grace hopper", null), dev.vigil.store.devices.DeviceSort.ID, 10, 0).total()).isEqualTo(1);
        }
    }
}
