/** Where each source is and what it read, per checkpoint key and per source name. */
package dev.vigil.store.sources;
