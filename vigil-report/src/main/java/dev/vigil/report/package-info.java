/** Exports of an analysis: the JSON contract files and the self-contained HTML report. */
package dev.vigil.report;
