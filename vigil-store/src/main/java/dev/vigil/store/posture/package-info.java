/** Trust and risk over time (history points, tier changes, the estate's snapshots) and who talks to whom. */
package dev.vigil.store.posture;
