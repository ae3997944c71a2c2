/**
 * The findings, one row per type, device and peer, with their versioned documents (captured
 * credentials encrypted).
 */
package dev.vigil.store.findings;
