/** The wrapped data keys, and every encrypted field of the stores for key rotation. */
package dev.vigil.store.keys;
