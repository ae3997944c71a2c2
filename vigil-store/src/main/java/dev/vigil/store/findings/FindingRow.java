package dev.vigil.store.findings;

import dev.vigil.detect.findings.Finding;

/**
 * A row of {@code findings}: the columns the lists filter and sort on and the finding (decrypted).
 *
 * @param category the catalogue's category of its type ("other" for a type the catalogue lacks)
 * @param updated when the row last changed (epoch ms, wall clock)
 * @param change the change number of that write (the change feed's order)
 */
public record FindingRow(String id, String deviceId, String type, String category, String severity, String firstSeen,
        String lastSeen, long count, long updated, long change, Finding finding) {
}
