package dev.vigil.engine.proto.tls;

import java.util.List;

/**
 * One X.509 certificate of a chain, as the server sent it.
 *
 * @param subject subject DN (RFC 2253)
 * @param issuer issuer DN
 * @param commonName subject CN, or null
 * @param dnsNames subjectAltName DNS names and IP addresses
 * @param notBefore start of validity, nanoseconds since the epoch
 * @param notAfter end of validity, nanoseconds since the epoch
 * @param selfSigned issuer equals subject and the signature verifies with the certificate's own key
 * @param serial serial number in hex
 * @param sha1 SHA-1 of the DER encoding (hex, upper case with colons, as browsers and nDPI print it)
 * @param sha256 SHA-256 of the DER encoding (hex)
 * @param keyAlgorithm "RSA", "EC", …
 * @param keyBits key size in bits (RSA modulus, EC field), 0 when unknown
 * @param keySha256 SHA-256 of the SubjectPublicKeyInfo: the same key in many certificates shows here
 * @param signatureAlgorithm signature algorithm name ("SHA256withRSA", "MD5withRSA", …)
 */
public record CertificateInfo(String subject, String issuer, String commonName, List<String> dnsNames,
        long notBefore, long notAfter, boolean selfSigned, String serial, String sha1, String sha256,
        String keyAlgorithm, int keyBits, String keySha256, String signatureAlgorithm) {
}
