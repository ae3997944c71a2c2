package dev.vigil.server.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.HandleConsumer;
import org.jdbi.v3.core.Jdbi;

/**
 * Opens the database, migrates it, and hands out Jdbi handles over a small connection pool. SQLite
 * runs in WAL mode with a busy timeout (readers go on while one writer writes); the store serialises
 * writes, which SQLite needs and which keeps PostgreSQL transactions from deadlocking each other,
 * first come first served (a fair lock: a burst of API writes cannot starve ingestion of its turn).
 * Ingestion has connections of its own ({@link #ingestion}), so API requests cannot take them all.
 */
public final class Store implements AutoCloseable {

    private final Jdbi jdbi;
    private final String url;
    private final boolean sqlite;
    private final ReentrantLock writeLock;
    private final ConnectionPool pool;
    private final Store ingestion;

    /** Connections kept open for reuse by API requests and everything else but ingestion. */
    static final int POOL_SIZE = 16;
    /** Connections of ingestion alone (its sources write windows, the assessment reads the estate). */
    static final int INGESTION_POOL_SIZE = 4;

    private Store(Jdbi jdbi, String url, boolean sqlite, ConnectionPool pool, ReentrantLock writeLock,
            Store ingestion) {
        this.jdbi = jdbi;
        this.url = url;
        this.sqlite = sqlite;
        this.pool = pool;
        this.writeLock = writeLock;
        this.ingestion = ingestion == null ? this : ingestion;
    }

    /**
     * @param url a JDBC URL; null for SQLite at {@code dataDir/vigil.db}
     * @param user database user (PostgreSQL), or null
     * @param password database password, or null
     */
    public static Store open(Path dataDir, String url, String user, String password) throws SQLException {
        boolean sqlite = url == null || url.startsWith("jdbc:sqlite:");
        String u = url != null ? url : "jdbc:sqlite:" + dataDir.resolve("vigil.db");
        if (sqlite) {
            try {
                PrivateFiles.directory(dataDir);
                // SQLite creates the WAL and shared-memory files with the database's mode
                if (url == null) {
                    PrivateFiles.file(dataDir.resolve("vigil.db"));
                }
            } catch (java.nio.file.FileSystemException e) {
                String why = e.getReason() != null ? e.getReason()
                        : e instanceof java.nio.file.NoSuchFileException ? "no such directory"
                        : e instanceof java.nio.file.AccessDeniedException ? "permission denied" : e.getClass().getSimpleName();
                throw new SQLException("cannot create the data directory " + dataDir + ": " + why, e);
            } catch (java.io.IOException e) {
                throw new SQLException("cannot create the data directory " + dataDir + ": " + e.getMessage(), e);
            }
        }
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        if (sqlite) {
            props.setProperty("journal_mode", "WAL");
            props.setProperty("busy_timeout", "10000");
            props.setProperty("synchronous", "NORMAL");
            props.setProperty("foreign_keys", "true");
        }
        // fail early, with the database's own words, when it cannot be reached
        try (Connection c = DriverManager.getConnection(u, props)) {
            c.isValid(2);
        }
        Flyway.configure().dataSource(u, user, password).locations("classpath:db/migration").load().migrate();
        ReentrantLock lock = new ReentrantLock(true);
        ConnectionPool own = new ConnectionPool(u, props, INGESTION_POOL_SIZE);
        Store ingestion = new Store(Jdbi.create(own), u, sqlite, own, lock, null);
        ConnectionPool pool = new ConnectionPool(u, props, POOL_SIZE);
        return new Store(Jdbi.create(pool), u, sqlite, pool, lock, ingestion);
    }

    /** The same store over ingestion's own connections (same write lock). */
    public Store ingestion() {
        return ingestion;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public boolean sqlite() {
        return sqlite;
    }

    public String url() {
        return url;
    }

    /** Runs a read. */
    public <R, X extends Exception> R read(HandleCallback<R, X> callback) throws X {
        return jdbi.withHandle(callback);
    }

    /** Runs writes in one transaction; writers are serialised (SQLite has one writer anyway). */
    public <R, X extends Exception> R write(HandleCallback<R, X> callback) throws X {
        writeLock.lock();
        try {
            return jdbi.inTransaction(callback);
        } finally {
            writeLock.unlock();
        }
    }

    public <X extends Exception> void writeVoid(HandleConsumer<X> consumer) throws X {
        writeLock.lock();
        try {
            jdbi.useTransaction(consumer);
        } finally {
            writeLock.unlock();
        }
    }

    /** A setting's value, or null. */
    public String setting(Handle h, String key) {
        return h.createQuery("SELECT value FROM settings WHERE key = :k").bind("k", key).mapTo(String.class).findOne()
                .orElse(null);
    }

    public void setting(Handle h, String key, String value) {
        h.createUpdate("INSERT INTO settings (key, value) VALUES (:k, :v) ON CONFLICT (key) DO UPDATE SET value = :v")
                .bind("k", key).bind("v", value).execute();
    }

    @Override
    public void close() {
        pool.close();
        if (ingestion != this) {
            ingestion.close();
        }
    }
}
