/**
 * Segmentation and zero trust, as pure functions: zones (selectors over inventory attributes, joined
 * only once a device's classification is stable), a policy between zones in a line-oriented file
 * format (docs/policy.md), the decision function {@link dev.vigil.detect.segmentation.Decider}, the
 * same policy as disjoint regions per source ({@link dev.vigil.detect.segmentation.CompiledPolicy},
 * what enforcement points render), the simulator over observed flows, quarantine bookkeeping with
 * catch-and-release durations, and the check that an enforcement change took effect. No sockets, no
 * wall clock, no storage: time, inventory, flows and DNS answers come in as arguments.
 */
package dev.vigil.detect.segmentation;
