/** Segmentation routes: policy revisions, simulation, the zone matrix, the decision point, the quarantine queue. */
package dev.vigil.server.api.policy;
