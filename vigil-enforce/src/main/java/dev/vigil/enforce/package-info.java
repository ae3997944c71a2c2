/**
 * Enforcement points: a compiled policy ({@link dev.vigil.detect.segmentation.CompiledPolicy}) applied
 * to something that can drop packets, as a transaction that can be checked (compile, validate,
 * apply atomically, read the counters back), and only inside an explicit scope. nftables is the
 * first {@link dev.vigil.enforce.EnforcementTarget}; manufacturer MUD files are fetched and their
 * signatures verified here too, since both talk to the outside world. Depends on vigil-detect for
 * the policy; nothing of the server.
 */
package dev.vigil.enforce;
