/** Segmentation in the store: policy revisions, the decision log, the flows a policy judges, the quarantine queue. */
package dev.vigil.store.policy;
