/** Segmentation inside the service: revisions in force, decisions, enforcement points, the quarantine queue. */
package dev.vigil.server.policy;
