/**
 * The database under the stores: SQLite by default (one WAL file under the data directory),
 * PostgreSQL by configuration, the same Flyway migrations and SQL for both, through Jdbi over a
 * small connection pool; its schema version, transactions bound to their thread, the change
 * counter of the change feeds, and the cipher interface the stores encrypt fields with.
 */
package dev.vigil.store.db;
