/**
 * Manufacturer MUD files (RFC 8520): fetched over HTTPS only, kept in a cache for the file's
 * {@code cache-validity}, and used only when a detached CMS signature (RFC 5652, DER) over the file
 * verifies against configured trust anchors with a signer certificate whose key usage allows
 * digital signatures (RFC 8520, "Creating and Processing of Signed MUD Files"). A tampered file, a
 * wrong signer, an expired cache and the rest are each their own result.
 */
package dev.vigil.enforce.mud;
