package dev.vigil.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.store.audit.AuditKey;
import dev.vigil.store.db.Database;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Real databases for the store tests: SQLite in a test directory, and PostgreSQL (VIGIL_TEST_PG_URL,
 * or the one scripts/start-postgres.sh starts) in a schema of its own; a test skips, and says so,
 * without PostgreSQL.
 */
final class Databases {

    static final String PG_URL = env("VIGIL_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/vigil_test");
    static final String PG_USER = env("VIGIL_TEST_PG_USER", "vigil");
    static final String PG_PASSWORD = env("VIGIL_TEST_PG_PASSWORD", "vigil-test");

    private Databases() {
    }

    static String env(String k, String d) {
        String v = System.getenv(k);
        return v == null || v.isBlank() ? d : v;
    }

    /** A database of a test, and the PostgreSQL schema it had made (dropped when it closes), or null. */
    record Opened(Database db, String schema) implements AutoCloseable {

        @Override
        public void close() throws SQLException {
            db.close();
            drop(schema);
        }
    }

    /** A new database of a kind: "sqlite" under {@code dir}, "postgresql" in a new schema. */
    static Opened open(String kind, Path dir) throws SQLException {
        if (kind.equals("sqlite")) {
            return new Opened(Database.open(dir, null, null, null), null);
        }
        String schema = schema();
        return new Opened(Database.open(dir, url(schema), PG_USER, PG_PASSWORD), schema);
    }

    /** Drops a schema {@link #schema} made (null: nothing to drop). */
    static void drop(String schema) throws SQLException {
        if (schema != null) {
            try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD)) {
                c.createStatement().execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    /** A new, empty PostgreSQL schema (the test is skipped without PostgreSQL). */
    static String schema() {
        String schema = "t" + Long.toHexString(System.nanoTime());
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD)) {
            c.createStatement().execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            assumeTrue(false, "skipped: no PostgreSQL at " + PG_URL + " (" + e.getMessage().lines().findFirst().orElse("")
                    + "); ./test starts one when run as root");
        }
        return schema;
    }

    static String url(String schema) {
        return PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** Every store over a new database, with the test cipher; the audit chain keyed and sealed, as the vault does. */
    static Stores stores(Database db) {
        byte[] k = new byte[32];
        new java.security.SecureRandom().nextBytes(k);
        AuditKey key = new AuditKey();
        key.set(k);
        Stores s = Stores.over(db, new TestCipher(), key);
        s.audit().seal(k);
        return s;
    }
}
