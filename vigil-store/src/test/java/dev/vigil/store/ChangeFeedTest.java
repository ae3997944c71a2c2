package dev.vigil.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.store.db.ChangeCursor;
import dev.vigil.store.db.Changes;
import dev.vigil.store.db.Database;
import dev.vigil.store.devices.DeviceRow;
import dev.vigil.store.devices.DeviceStore;
import dev.vigil.store.findings.FindingIds;
import dev.vigil.store.findings.FindingRow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The change feed of devices and findings: rows written since a time, in the order they were
 * written, paged by a cursor that never skips a row written while a client pages (even in the
 * same millisecond as the page it read), and reads a row twice only when it was written again.
 */
class ChangeFeedTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void aRowWrittenWhilePagingComesAgainLaterAndNoneIsSkipped(String kind) throws Exception {
        try (Databases.Opened o = Databases.open(kind, tmp)) {
            Database db = o.db();
            Stores s = Databases.stores(db);
            DeviceStore devices = s.devices();
            long t = 1_000_000;
            // ten devices in one transaction (one change number), five more in another, all in the same millisecond
            s.transactions().inTransaction(() -> {
                for (int i = 0; i < 10; i++) {
                    devices.put(Fixtures.device("mac:00:00:00:00:00:" + String.format("%02x", i), "10.0.0." + i), t);
                }
            });
            s.transactions().inTransaction(() -> {
                for (int i = 10; i < 15; i++) {
                    devices.put(Fixtures.device("mac:00:00:00:00:00:" + String.format("%02x", i), "10.0.0." + i), t);
                }
            });
            List<String> read = new ArrayList<>();
            Changes<DeviceRow> p1 = devices.changes(t, ChangeCursor.START, 4);
            assertThat(p1.total()).isEqualTo(15);
            assertThat(p1.before()).isZero();
            assertThat(p1.more()).isTrue();
            p1.items().forEach(r -> read.add(r.id()));
            // while the client pages, one device it read and one it has not read yet are written again, in the same millisecond
            devices.put(Fixtures.device(read.get(0), "10.0.0.0"), t);
            devices.put(Fixtures.device("mac:00:00:00:00:00:06", "10.0.0.6"), t);
            ChangeCursor c = p1.next();
            Changes<DeviceRow> page;
            int pages = 1;
            do {
                page = devices.changes(t, c, 4);
                page.items().forEach(r -> read.add(r.id()));
                c = page.next();
                pages++;
            } while (page.more());
            // every device, none skipped; the one read before it was written again is read once more, at the end, and
            // the one written again before it was read comes once, in the order of its new write
            assertThat(read).hasSize(16);
            assertThat(new java.util.HashSet<>(read)).hasSize(15);
            assertThat(read.subList(read.size() - 2, read.size())).containsExactly(read.get(0), "mac:00:00:00:00:00:06");
            assertThat(read.stream().filter("mac:00:00:00:00:00:06"::equals)).hasSize(1);
            assertThat(page.before() + page.items().size()).isEqualTo(page.total());
            assertThat(pages).isEqualTo(4);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void theCursorAtTheEndWaitsForWhatIsWrittenNext(String kind) throws Exception {
        try (Databases.Opened o = Databases.open(kind, tmp)) {
            Database db = o.db();
            Stores s = Databases.stores(db);
            s.devices().put(Fixtures.device("mac:00:00:00:00:00:01", "10.0.0.1"), 5_000);
            s.devices().put(Fixtures.device("mac:00:00:00:00:00:02", "10.0.0.2"), 6_000);
            // since a time: only what was written at or after it
            Changes<DeviceRow> since = s.devices().changes(6_000, ChangeCursor.START, 50);
            assertThat(since.items()).extracting(DeviceRow::id).containsExactly("mac:00:00:00:00:00:02");
            assertThat(since.more()).isFalse();
            Changes<DeviceRow> later = s.devices().changes(6_000, since.next(), 50);
            assertThat(later.items()).isEmpty();
            assertThat(later.next()).isEqualTo(since.next());
            // an edit is a change, in any order of ids
            s.devices().edit("mac:00:00:00:00:00:01", new dev.vigil.store.devices.DeviceEdit(java.util.Map.of("location", "lab"),
                    null, null), 7_000);
            assertThat(s.devices().changes(6_000, since.next(), 50).items()).extracting(DeviceRow::id, DeviceRow::location)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("mac:00:00:00:00:00:01", "lab"));
            // findings have the same feed
            s.findings().put("F1", Fixtures.finding("exposure.telnet", "mac:00:00:00:00:00:01", "10.0.0.1", null), "exposure", 8_000);
            Changes<FindingRow> f = s.findings().changes(0, ChangeCursor.START, 50);
            assertThat(f.items()).extracting(FindingRow::id).containsExactly("F1");
            assertThat(FindingIds.of("exposure.telnet", "mac:00:00:00:00:00:01")).startsWith("F").hasSize(20);
        }
    }
}
