package dev.vigil.store.db;

import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;

/**
 * The schema the stores were written for: the migrations under {@code db/migration} up to
 * {@link #VERSION}. A store at an older version is migrated; a store at a newer one (written by a
 * newer Vigil) is refused before anything touches it, since these stores' SQL would misread it.
 */
public final class Schema {

    /** The Flyway version of the newest migration; a new migration raises it (SchemaTest checks). */
    public static final String VERSION = "10";
    static final String LOCATION = "classpath:db/migration";

    private Schema() {
    }

    /** Refuses a store newer than {@link #VERSION}, then applies the migrations it lacks. */
    static void migrate(String url, String user, String password) throws SQLException {
        Flyway flyway = Flyway.configure().dataSource(url, user, password).locations(LOCATION).load();
        MigrationInfo current = flyway.info().current();
        check(current == null ? null : current.getVersion());
        flyway.migrate();
    }

    /** Throws, in one line, when a store's schema version is newer than {@link #VERSION}. */
    static void check(MigrationVersion stored) throws SQLException {
        if (stored != null && stored.compareTo(MigrationVersion.fromVersion(VERSION)) > 0) {
            throw new SQLException("its schema is version " + stored + ", newer than this Vigil's (" + VERSION
                    + "): it was written by a newer Vigil, which is the one to run on it");
        }
    }
}
