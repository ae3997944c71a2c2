/**
 * Findings: the weaknesses and detections Vigil reports, each of a documented type with severity,
 * evidence and the ETSI EN 303 645 and OWASP IoT Top 10 references it maps to.
 */
package dev.vigil.detect.findings;
