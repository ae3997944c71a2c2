package dev.vigil.store.db;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.ConnectionFactory;

/**
 * A small bounded pool of JDBC connections: opening a SQLite file (and setting its pragmas) or a
 * PostgreSQL session for every API request costs more than the query. A borrowed connection is a
 * proxy whose close() rolls back anything left open and returns it; a connection that failed is
 * dropped rather than returned.
 */
final class ConnectionPool implements ConnectionFactory, AutoCloseable {

    static final long BORROW_TIMEOUT_SECONDS = 30;
    static final long VALIDATE_AFTER_IDLE_MILLIS = 30_000;

    private record Idle(Connection c, long since) {
    }

    private final String url;
    private final Properties props;
    private final BlockingQueue<Idle> idle;
    private final Semaphore permits;
    private volatile boolean closed;

    ConnectionPool(String url, Properties props, int size) {
        this.url = url;
        this.props = props;
        this.idle = new ArrayBlockingQueue<>(size);
        this.permits = new Semaphore(size, true);
    }

    @Override
    public Connection openConnection() throws SQLException {
        if (closed) {
            throw new SQLException("the store is closed");
        }
        try {
            if (!permits.tryAcquire(BORROW_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new SQLException("no database connection free after " + BORROW_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for a database connection");
        }
        try {
            Connection c = null;
            Idle i;
            while (c == null && (i = idle.poll()) != null) {
                if (System.currentTimeMillis() - i.since() < VALIDATE_AFTER_IDLE_MILLIS || i.c().isValid(2)) {
                    c = i.c();
                } else {
                    quietClose(i.c());
                }
            }
            if (c == null) {
                c = DriverManager.getConnection(url, props);
            }
            return wrap(c);
        } catch (SQLException | RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    private Connection wrap(Connection real) {
        boolean[] released = {false};
        boolean[] broken = {false};
        InvocationHandler h = (proxy, m, args) -> {
            if (m.getName().equals("close") && m.getParameterCount() == 0) {
                if (!released[0]) {
                    released[0] = true;
                    giveBack(real, broken[0]);
                }
                return null;
            }
            if (m.getName().equals("isClosed") && m.getParameterCount() == 0) {
                return released[0] || real.isClosed();
            }
            if (released[0]) {
                throw new SQLException("connection already returned to the pool");
            }
            try {
                return m.invoke(real, args);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("08")) {
                    broken[0] = true; // connection exception: do not reuse
                }
                throw e.getCause();
            }
        };
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, h);
    }

    private void giveBack(Connection c, boolean broken) {
        try {
            if (broken || closed || c.isClosed()) {
                quietClose(c);
                return;
            }
            if (!c.getAutoCommit()) {
                c.rollback();
                c.setAutoCommit(true);
            }
            c.clearWarnings();
            if (!idle.offer(new Idle(c, System.currentTimeMillis()))) {
                quietClose(c);
            }
        } catch (SQLException e) {
            quietClose(c);
        } finally {
            permits.release();
        }
    }

    private static void quietClose(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // going anyway
        }
    }

    @Override
    public void close() {
        closed = true;
        Idle i;
        while ((i = idle.poll()) != null) {
            quietClose(i.c());
        }
    }
}
