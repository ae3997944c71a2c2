/**
 * The devices: the inventory's document of each (a versioned row record, mapped field by field), what
 * people said of it (owner and contact encrypted), its assessment, which device holds which address,
 * and the inventory's filters.
 */
package dev.vigil.store.devices;
