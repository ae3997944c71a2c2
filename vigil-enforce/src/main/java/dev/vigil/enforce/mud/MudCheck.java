package dev.vigil.enforce.mud;

import dev.vigil.detect.segmentation.mud.MudFile;

/**
 * What fetching and checking one MUD URL gave.
 *
 * @param url the MUD URL
 * @param status the result
 * @param message one line for people
 * @param file the file, only when {@link Status#usable()}
 * @param signer the signer's subject, when a signature verified
 * @param fromCache whether the file came from the cache
 * @param fetchedAt when the file was fetched (nanoseconds), or 0
 */
public record MudCheck(String url, Status status, String message, MudFile file, String signer, boolean fromCache,
        long fetchedAt) {

    /** The distinct results. */
    public enum Status {
        /** Fetched (or cached within its validity) and signed by a trusted signer. */
        VERIFIED,
        /** The signature does not match the file: the file (or the signature) was changed. */
        TAMPERED,
        /** The signature matches, but its signer does not chain to a trust anchor or may not sign. */
        WRONG_SIGNER,
        /** The file names no signature (mud-signature). */
        UNSIGNED,
        /** The cached copy is past its cache-validity and no fresh copy could be fetched. */
        EXPIRED_CACHE,
        /** Nothing could be fetched and nothing was cached. */
        FETCH_FAILED,
        /** The file is not a valid MUD file, or the signature not valid CMS. */
        MALFORMED,
        /** The file's own mud-url is not the URL it was fetched from. */
        URL_MISMATCH,
        /** The documented test mode let an unverified file through (never in production use). */
        UNVERIFIED_TEST_MODE;

        public boolean usable() {
            return this == VERIFIED || this == UNVERIFIED_TEST_MODE;
        }

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
