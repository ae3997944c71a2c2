/**
 * The audit log: every change and sign-in, numbered and HMAC-chained under a vault key, its head
 * anchored outside the store, so that rewriting, cutting short or rolling back is detectable.
 */
package dev.vigil.server.audit;
