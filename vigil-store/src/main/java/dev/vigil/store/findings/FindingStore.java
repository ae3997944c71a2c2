package dev.vigil.store.findings;

import dev.vigil.detect.findings.Finding;
import dev.vigil.store.db.ChangeCursor;
import dev.vigil.store.db.Changes;
import dev.vigil.store.db.Page;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** The findings: one row per type, device and peer ({@link FindingIds}), folded window after window. */
public interface FindingStore {

    Optional<FindingRow> find(String id);

    /** The stored finding, or null. */
    Finding finding(String id);

    /** Stores a finding under its id, new or folded into the row it has; the category is kept from its first write. */
    void put(String id, Finding f, String category, long now);

    /** Deletes a finding; false when there was none. */
    boolean delete(String id);

    /** Every stored finding, by id. */
    List<Finding> all();

    /** A device's findings, by id. */
    List<Finding> ofDevice(String deviceId);

    /** A device's rows, most recent evidence first. */
    List<FindingRow> rowsOfDevice(String deviceId);

    /** One page: most severe first, then the most recent evidence, then id. */
    Page<FindingRow> page(FindingFilter filter, int limit, int offset);

    /** Every row the filter selects, by id, at most {@code max}. */
    List<FindingRow> list(FindingFilter filter, int max);

    /** Rows of these types, by id. */
    List<FindingRow> ofTypes(Collection<String> types);

    /** Findings written at or after {@code sinceMillis}, after {@code after}, in the order they were written. */
    Changes<FindingRow> changes(long sinceMillis, ChangeCursor after, int limit);

    /** Every row the filter selects written at or after {@code sinceMillis}, by id, a batch at a time. */
    void forEach(FindingFilter filter, long sinceMillis, Consumer<FindingRow> each);

    long count();

    /** Findings per severity. */
    Map<String, Long> countBySeverity();

    /** Findings per category. */
    Map<String, Long> countByCategory();
}
