package dev.vigil.store.alerts;

/**
 * A comment on an alert.
 *
 * @param created when it was written (epoch ms)
 */
public record AlertComment(String author, String text, long created) {
}
