/**
 * Flow records from other tools as input: Zeek's conn.log in its TSV form (with the IoT-23 variant
 * whose last columns are separated by three spaces), as JSON lines, and as CSV exports. Each row
 * becomes the same {@code FlowEnded} event the packet engine emits, so the inventory and every
 * detector run on flows a user already has.
 */
package dev.vigil.detect.flows;
