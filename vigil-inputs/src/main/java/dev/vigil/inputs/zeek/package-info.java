/**
 * Zeek's conn.log as a {@link dev.vigil.engine.flow.FlowSource}: its TSV form (with the IoT-23
 * variant whose last columns are separated by three spaces), JSON lines, and CSV exports, plain or
 * gzip-compressed. Each row becomes the same {@code FlowEnded} event the packet engine emits, so the
 * inventory and every detector run on flows a user already has; labelled logs keep their labels
 * for {@code vigil eval}.
 */
package dev.vigil.inputs.zeek;
