/**
 * Policy: the decisions taken on findings and assessments, pure functions of the finding catalogue
 * and the configuration (no storage, no wall clock, no I/O), so that one analysis and the service
 * decide alike and each rule is tested without either. Which findings raise, update or reopen an
 * alert ({@link dev.vigil.detect.policy.AlertPolicy}); which finding supersedes which
 * ({@link dev.vigil.detect.policy.Supersession}); trust tiers with hysteresis
 * ({@link dev.vigil.detect.policy.TierPolicy}); which assessments are points of a device's trust
 * history ({@link dev.vigil.detect.policy.TrustHistory}).
 */
package dev.vigil.detect.policy;
