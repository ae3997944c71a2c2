package dev.vigil.server.api.findings;

import dev.vigil.detect.findings.Finding;
import dev.vigil.store.findings.FindingRow;
import java.time.Instant;

/**
 * A finding of the change feed: what the findings list shows, and when the store last wrote it.
 *
 * @param updated when the row was last written (ISO-8601, wall clock)
 */
public record FindingChange(String id, String category, String updated, Finding finding) {

    public static FindingChange of(FindingRow r) {
        return new FindingChange(r.id(), r.category(), Instant.ofEpochMilli(r.updated()).toString(), r.finding());
    }
}
