/**
 * The passive analysis engine: capture → decode → flow table → TCP reassembly → dissectors →
 * events, on one thread, with time from the packets. JDK only. {@link dev.vigil.engine.Pipeline}
 * runs it; {@link dev.vigil.engine.Protocols} lists the dissectors.
 */
package dev.vigil.engine;
