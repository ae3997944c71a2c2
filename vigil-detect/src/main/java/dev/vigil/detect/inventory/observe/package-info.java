/**
 * The inventory's observers, one per protocol family ({@link dev.vigil.detect.inventory.Observer}):
 * each reads its protocols' events into the facts the inventory keeps
 * ({@link dev.vigil.detect.inventory.Sightings}), citing the specification that says what a field
 * means. {@link dev.vigil.detect.inventory.observe.Observers} lists them.
 */
package dev.vigil.detect.inventory.observe;
