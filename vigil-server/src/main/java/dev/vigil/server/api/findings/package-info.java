/** The findings: the list and groups, one finding, its packets, the change feed and the CSV export. */
package dev.vigil.server.api.findings;
