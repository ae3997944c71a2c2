/**
 * The device inventory: every host of the monitored networks, keyed by MAC where layer 2 is
 * visible and by address where it is not, with its addresses over time, names, services, traffic
 * and fingerprints, and a classification (type, vendor, model, firmware, OS) in which every value
 * carries its evidence and a confidence. Rules live in one documented resource
 * ({@code inventory/rules.tsv}).
 */
package dev.vigil.detect.inventory;
