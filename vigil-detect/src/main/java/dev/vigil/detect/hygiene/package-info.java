/**
 * Hygiene and exposure checks from traffic alone: credentials in clear and published defaults,
 * cleartext protocols, TLS versions, ciphers and certificates, exposed management services and
 * self-opened port forwards, insecure update channels.
 */
package dev.vigil.detect.hygiene;
