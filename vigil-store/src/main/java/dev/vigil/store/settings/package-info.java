/** Named values of the service. */
package dev.vigil.store.settings;
