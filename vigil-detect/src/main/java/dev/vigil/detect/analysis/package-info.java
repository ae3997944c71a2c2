/**
 * Running an analysis: inputs through the engine, the inventory and the checks, to the contract
 * files of {@code vigil analyze} (summary.json, inventory.json, findings.jsonl, report.html).
 */
package dev.vigil.detect.analysis;
