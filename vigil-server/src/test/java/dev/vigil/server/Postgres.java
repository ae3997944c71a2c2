package dev.vigil.server;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A schema of its own on the test PostgreSQL (the one scripts/start-postgres.sh starts, or
 * VIGIL_TEST_PG_URL), dropped when it closes; a test skips, and says so, without PostgreSQL.
 */
record Postgres(String schema, String url) implements AutoCloseable {

    static Postgres open() {
        String schema = "t" + Long.toHexString(System.nanoTime());
        try (Connection c = DriverManager.getConnection(PostgresStoreTest.URL, PostgresStoreTest.USER, PostgresStoreTest.PASSWORD)) {
            c.createStatement().execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            assumeTrue(false, "skipped: no PostgreSQL at " + PostgresStoreTest.URL + " (" + e.getMessage().lines().findFirst().orElse("")
                    + "); ./test starts one when run as root");
        }
        String u = PostgresStoreTest.URL;
        return new Postgres(schema, u + (u.contains("?") ? "&" : "?") + "currentSchema=" + schema);
    }

    /** A configuration on this schema. */
    ServerConfig on(ServerConfig cfg) {
        return cfg.withDatabase(url, PostgresStoreTest.USER, PostgresStoreTest.PASSWORD);
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = DriverManager.getConnection(PostgresStoreTest.URL, PostgresStoreTest.USER, PostgresStoreTest.PASSWORD)) {
            c.createStatement().execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }
}
