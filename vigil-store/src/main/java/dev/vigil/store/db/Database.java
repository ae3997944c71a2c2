package dev.vigil.store.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * Opens the database, checks and migrates its schema ({@link Schema}), and runs the stores' SQL
 * over a small connection pool. SQLite runs in WAL mode with a busy timeout (readers go on while one
 * writer writes); writes are serialised, which SQLite needs and which keeps PostgreSQL transactions
 * from deadlocking each other, first come first served (a fair lock: a burst of API writes cannot
 * starve ingestion of its turn). Ingestion has connections of its own ({@link #ingestion}), so API
 * requests cannot take them all.
 *
 * <p>A transaction opened with {@link #inTransaction} is bound to its thread: every store call made
 * inside it, on this database, runs in it (one commit, one rollback), so a caller composes stores
 * without ever holding a connection.
 */
public final class Database implements Transactions, AutoCloseable {

    /** Connections kept open for reuse by API requests and everything else but ingestion. */
    static final int POOL_SIZE = 16;
    /** Connections of ingestion alone (its sources write windows, the assessment reads the estate). */
    static final int INGESTION_POOL_SIZE = 4;

    /** The handle bound to a thread: in a transaction (writes allowed) or for reads only. */
    private static final class Bound {
        final Handle handle;
        final boolean transaction;
        long change;

        Bound(Handle handle, boolean transaction) {
            this.handle = handle;
            this.transaction = transaction;
        }
    }

    private final Jdbi jdbi;
    private final String url;
    private final boolean sqlite;
    private final ReentrantLock writeLock;
    private final ConnectionPool pool;
    private final Database ingestion;
    private final ThreadLocal<Bound> bound = new ThreadLocal<>();

    private Database(String url, boolean sqlite, ConnectionPool pool, ReentrantLock writeLock, Database ingestion) {
        this.jdbi = Jdbi.create(pool);
        this.url = url;
        this.sqlite = sqlite;
        this.pool = pool;
        this.writeLock = writeLock;
        this.ingestion = ingestion == null ? this : ingestion;
    }

    /**
     * Opens (and creates or migrates) a store; a store whose schema is newer than this code knows is
     * refused ({@link Schema#check}).
     *
     * @param url a JDBC URL; null for SQLite at {@code dataDir/vigil.db}
     * @param user database user (PostgreSQL), or null
     * @param password database password, or null
     */
    public static Database open(Path dataDir, String url, String user, String password) throws SQLException {
        boolean sqlite = url == null || url.startsWith("jdbc:sqlite:");
        String u = url != null ? url : "jdbc:sqlite:" + dataDir.resolve("vigil.db");
        if (sqlite) {
            PrivateFiles.dataDirectory(dataDir, url == null);
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
        Schema.migrate(u, user, password);
        ReentrantLock lock = new ReentrantLock(true);
        Database ingestion = new Database(u, sqlite, new ConnectionPool(u, props, INGESTION_POOL_SIZE), lock, null);
        return new Database(u, sqlite, new ConnectionPool(u, props, POOL_SIZE), lock, ingestion);
    }

    /** The same database over ingestion's own connections (same write lock). */
    public Database ingestion() {
        return ingestion;
    }

    public boolean sqlite() {
        return sqlite;
    }

    public String url() {
        return url;
    }

    @Override
    public <R> R inTransaction(Supplier<R> work) {
        return write(h -> work.get());
    }

    @Override
    public void inTransaction(Runnable work) {
        write(h -> {
            work.run();
            return null;
        });
    }

    /** Runs reads on one connection (one handle for several store calls), without a transaction. */
    public <R> R reading(Supplier<R> work) {
        return read(h -> work.get());
    }

    /** Runs SQL that only reads: on the thread's bound handle, else on a connection of its own. */
    public <R, X extends Exception> R read(HandleCallback<R, X> callback) throws X {
        Bound b = bound.get();
        if (b != null) {
            return callback.withHandle(b.handle);
        }
        try (Handle h = jdbi.open()) {
            bound.set(new Bound(h, false));
            return callback.withHandle(h);
        } finally {
            bound.remove();
        }
    }

    /**
     * Runs SQL that writes: in the thread's transaction, else in a transaction of its own, under the
     * write lock. A write inside {@link #reading} is a programmer's error.
     */
    public <R, X extends Exception> R write(HandleCallback<R, X> callback) throws X {
        Bound b = bound.get();
        if (b != null) {
            if (!b.transaction) {
                throw new IllegalStateException("a write inside a read-only unit of work");
            }
            return callback.withHandle(b.handle);
        }
        writeLock.lock();
        try {
            return jdbi.inTransaction(h -> {
                bound.set(new Bound(h, true));
                try {
                    return callback.withHandle(h);
                } finally {
                    bound.remove();
                }
            });
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * The number of the running transaction in the change counter, taken on first use: rows written
     * in one transaction share it, later transactions have larger ones. Writes are serialised, so the
     * numbers are in commit order and a reader never sees a number before a smaller one.
     */
    public long changeNumber() {
        Bound b = bound.get();
        if (b == null || !b.transaction) {
            throw new IllegalStateException("a change number outside a transaction");
        }
        if (b.change == 0) {
            b.change = b.handle.createQuery("UPDATE change_counter SET seq = seq + 1 WHERE id = 1 RETURNING seq")
                    .mapTo(Long.class).one();
        }
        return b.change;
    }

    @Override
    public void close() {
        pool.close();
        if (ingestion != this) {
            ingestion.close();
        }
    }
}
