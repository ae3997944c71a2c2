/** The packets kept behind findings, as pcaps. */
package dev.vigil.store.packets;
