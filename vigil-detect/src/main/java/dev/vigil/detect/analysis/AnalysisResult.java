package dev.vigil.detect.analysis;

import dev.vigil.detect.findings.Finding;
import dev.vigil.detect.inventory.Device;
import dev.vigil.detect.trust.Assessor;
import java.util.List;

/**
 * The outcome of an analysis: the contract files' contents.
 *
 * @param summary summary.json
 * @param devices inventory.json
 * @param findings findings.jsonl, in order
 * @param assessment trust, risk, the remediation plan and the programme metrics
 */
public record AnalysisResult(Summary summary, List<Device> devices, List<Finding> findings, Assessor.Assessment assessment) {
}
