/**
 * Mail access and submission in clear: SMTP (RFC 5321, AUTH per RFC 4954 with the PLAIN (RFC 4616)
 * and LOGIN mechanisms), POP3 (RFC 1939 USER/PASS, RFC 5034 AUTH) and IMAP (RFC 9051 LOGIN and
 * AUTHENTICATE PLAIN). Reports the greeting and each login attempt with its outcome, the password
 * masked. STARTTLS/STLS accepted by the server ends inspection; challenge-response mechanisms
 * (CRAM-MD5, SCRAM) are reported without a secret.
 */
package dev.vigil.engine.proto.mail;
