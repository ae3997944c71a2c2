/** The alerts raised for findings, their lifecycle state and comments. */
package dev.vigil.store.alerts;
