/**
 * The store: SQLite by default (one WAL file under the data directory), PostgreSQL by configuration,
 * the same Flyway migrations and SQL for both, accessed through Jdbi.
 */
package dev.vigil.server.store;
