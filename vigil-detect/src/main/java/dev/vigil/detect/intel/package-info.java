/**
 * Intelligence the inventory and detectors look things up in: the IEEE MAC registries, vendor-name
 * canonicalisation, and (for the hygiene and vulnerability checks) credentials, CVE and KEV data.
 */
package dev.vigil.detect.intel;
