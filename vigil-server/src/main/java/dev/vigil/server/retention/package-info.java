/** Deleting what is past its retention, as the configuration says, on a timer and on request. */
package dev.vigil.server.retention;
