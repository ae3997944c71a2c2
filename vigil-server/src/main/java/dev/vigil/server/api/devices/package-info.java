/** The inventory: the list, facets, one device, edits and CSV import, deletion, traffic, the change feed and the CSV export. */
package dev.vigil.server.api.devices;
