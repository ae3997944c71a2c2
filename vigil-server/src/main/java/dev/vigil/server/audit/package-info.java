/** The audit log: every change and login, hash-chained so that tampering is detectable. */
package dev.vigil.server.audit;
