/** Deleting what is past its retention, and everything about a device on request. */
package dev.vigil.store.retention;
