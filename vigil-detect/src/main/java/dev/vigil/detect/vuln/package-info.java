/**
 * Vulnerabilities and patch status: CVEs matched to the inventory through the local intel store
 * (NVD CPE configurations, CISA KEV), and firmware currency from the operator's firmware catalogue.
 */
package dev.vigil.detect.vuln;
