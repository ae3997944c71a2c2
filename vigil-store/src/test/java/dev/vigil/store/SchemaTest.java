package dev.vigil.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.testing.TestData;
import dev.vigil.store.db.Database;
import dev.vigil.store.db.Schema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The schema version the stores were written for, and a store newer than that refused before anything touches it. */
class SchemaTest {

    @TempDir
    Path tmp;

    @Test
    void theNewestMigrationIsTheVersionTheStoresWereWrittenFor() throws Exception {
        int newest = 0;
        Pattern v = Pattern.compile("V(\\d+)__.*\\.sql");
        try (var files = Files.list(TestData.repoRoot().resolve("vigil-store/src/main/resources/db/migration"))) {
            for (Path f : files.toList()) {
                Matcher m = v.matcher(f.getFileName().toString());
                assertThat(m.matches()).as(f.getFileName() + " is a versioned migration").isTrue();
                newest = Math.max(newest, Integer.parseInt(m.group(1)));
            }
        }
        assertThat(Schema.VERSION).isEqualTo(Integer.toString(newest));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void aStoreWrittenByANewerVigilIsRefusedInOneLine(String kind) throws Exception {
        String schema = kind.equals("sqlite") ? null : Databases.schema();
        String url = schema == null ? null : Databases.url(schema);
        String user = url == null ? null : Databases.PG_USER;
        String password = url == null ? null : Databases.PG_PASSWORD;
        try (Database db = Database.open(tmp, url, user, password)) {
            // what a newer Vigil leaves: one more migration applied, and a table this one does not know
            db.write(h -> {
                h.createUpdate("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, "
                        + "installed_by, execution_time, success) VALUES (100, '99', 'from the future', 'SQL', "
                        + "'V99__from_the_future.sql', 0, 'test', 1, true)").execute();
                return h.createUpdate("CREATE TABLE from_the_future (id TEXT PRIMARY KEY)").execute();
            });
        }
        assertThatThrownBy(() -> Database.open(tmp, url, user, password)).isInstanceOf(SQLException.class)
                .hasMessage("its schema is version 99, newer than this Vigil's (" + Schema.VERSION
                        + "): it was written by a newer Vigil, which is the one to run on it");
        Databases.drop(schema);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void anOlderStoreIsMigratedAndOpensAgain(String kind) throws Exception {
        String schema = kind.equals("sqlite") ? null : Databases.schema();
        String url = schema == null ? null : Databases.url(schema);
        String user = url == null ? null : Databases.PG_USER;
        String password = url == null ? null : Databases.PG_PASSWORD;
        try (Database db = Database.open(tmp, url, user, password)) {
            int newest = db.read(h -> h.createQuery("SELECT MAX(CAST(version AS INTEGER)) FROM flyway_schema_history")
                    .mapTo(Integer.class).one());
            assertThat(newest).isEqualTo(Integer.parseInt(Schema.VERSION));
        }
        try (Database again = Database.open(tmp, url, user, password)) {
            long changes = again.read(h -> h.createQuery("SELECT seq FROM change_counter").mapTo(Long.class).one());
            assertThat(changes).isZero();
        }
        Databases.drop(schema);
    }
}
