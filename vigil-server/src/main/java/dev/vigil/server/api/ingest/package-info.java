/** The state of the inputs and outputs. */
package dev.vigil.server.api.ingest;
