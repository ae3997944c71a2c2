package dev.vigil.store.accounts;

/**
 * A sign-in session with its user.
 *
 * @param idHash the SHA-256 of the cookie's token (the token itself is never stored)
 * @param complete true once the sign-in needs no more setup (own password, required second factor)
 * @param expires end of its life (epoch ms)
 * @param lastSeen last use, kept to the minute (epoch ms)
 * @param reauthUntil until when step-up changes are allowed (epoch ms)
 */
public record SessionRow(String idHash, String csrf, boolean complete, long expires, long lastSeen, long reauthUntil,
        UserRow user) {
}
