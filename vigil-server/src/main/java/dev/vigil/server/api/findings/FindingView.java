package dev.vigil.server.api.findings;

import dev.vigil.detect.findings.Finding;
import dev.vigil.store.findings.FindingRow;

/**
 * A stored finding as the API shows it: its id, its catalogue category, and the finding as the
 * output contract writes it (findings.jsonl's line).
 */
public record FindingView(String id, String category, Finding finding) {

    public static FindingView of(FindingRow r) {
        return new FindingView(r.id(), r.category(), r.finding());
    }
}
