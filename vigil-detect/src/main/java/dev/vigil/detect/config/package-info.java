/** Documented, user-overridable settings files (detection thresholds, trust and risk weights). */
package dev.vigil.detect.config;
