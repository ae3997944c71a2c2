package dev.vigil.detect.intel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.engine.testing.TestData;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The intel store on the real NVD records and KEV catalogue: imports, idempotence, updates, refusals. */
class IntelStoreTest {

    static final List<String> CVES = List.of("CVE-2017-17215", "CVE-2018-10561", "CVE-2020-25078", "CVE-2023-1389");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    static Path nvd(String id) {
        return TestData.shared("intel/nvd/" + id + ".json");
    }

    /** Every file of the store but the import log, by name. */
    static Map<String, String> contents(Path dir) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String name = dir.relativize(p).toString();
                if (!name.equals("imports.jsonl") && !name.equals(".lock")) {
                    out.put(name, Files.readString(p));
                }
            }
        }
        return out;
    }

    @Test
    void importsAreIdempotent() throws Exception {
        IntelStore store = new IntelStore(tmp.resolve("store"));
        for (String id : CVES) {
            IntelStore.ImportResult r = store.importFile(nvd(id), null);
            assertThat(r.kind()).isEqualTo(IntelFiles.Kind.NVD);
            assertThat(r.added()).isEqualTo(1);
        }
        store.importFile(TestData.shared("intel/kev/known_exploited_vulnerabilities.json"), null);
        Map<String, String> before = contents(store.dir());
        for (String id : CVES) {
            IntelStore.ImportResult r = store.importFile(nvd(id), null);
            assertThat(r.unchanged()).isEqualTo(1);
            assertThat(r.added() + r.updated()).isZero();
        }
        // the CSV and the JSON catalogue are the same catalogue
        IntelStore.ImportResult csv = store.importFile(TestData.shared("intel/kev/known_exploited_vulnerabilities.csv"), null);
        assertThat(csv.unchanged()).isEqualTo(csv.records()).isGreaterThan(1000);
        assertThat(contents(store.dir())).isEqualTo(before);
        IntelStore.Status s = store.status();
        assertThat(s.cves()).isEqualTo(4);
        assertThat(s.kev()).isEqualTo(csv.records());
        assertThat(s.kevCatalogVersion()).isNotBlank();
        assertThat(s.lastImports()).hasSize(10);
    }

    @Test
    void feedsAndApiResponsesGzippedOrNotGiveTheSameStore() throws Exception {
        IntelStore single = new IntelStore(tmp.resolve("single"));
        ArrayNode items = JSON.createArrayNode();
        for (String id : CVES) {
            single.importFile(nvd(id), null);
            items.addObject().set("cve", JSON.readTree(nvd(id).toFile()));
        }
        ObjectNode feed = JSON.createObjectNode();
        feed.put("resultsPerPage", 4).put("startIndex", 0).put("totalResults", 4).put("format", "NVD_CVE")
                .put("version", "2.0").put("timestamp", "2025-08-25T00:00:00.000");
        feed.set("vulnerabilities", items);
        Path gz = tmp.resolve("nvdcve-2.0-sample.json.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            o.write(JSON.writeValueAsBytes(feed));
        }
        IntelStore fromFeed = new IntelStore(tmp.resolve("feed"));
        IntelStore.ImportResult r = fromFeed.importFile(gz, null);
        assertThat(r.records()).isEqualTo(4);
        assertThat(r.added()).isEqualTo(4);
        assertThat(contents(fromFeed.dir()).get("cve/tp.jsonl")).isEqualTo(contents(single.dir()).get("cve/tp.jsonl"));
        // a single record wrapped as {"cve": {...}}
        Path wrapped = tmp.resolve("wrapped.json");
        Files.writeString(wrapped, "{\"cve\": " + Files.readString(nvd("CVE-2023-1389")) + "}");
        assertThat(new IntelStore(tmp.resolve("w")).importFile(wrapped, null).added()).isEqualTo(1);
    }

    @Test
    void aNewerRecordReplacesTheStoredOneAndAnOlderOneIsIgnored() throws Exception {
        IntelStore store = new IntelStore(tmp.resolve("store"));
        store.importFile(nvd("CVE-2023-1389"), null);
        ObjectNode rec = (ObjectNode) JSON.readTree(nvd("CVE-2023-1389").toFile());
        rec.put("lastModified", "2099-01-01T00:00:00.000");
        // NVD re-analyses the record: the vulnerable firmware now comes from another vendor's product line
        JsonNode match = rec.at("/configurations/0/nodes/0/cpeMatch/0");
        ((ObjectNode) match).put("criteria", "cpe:2.3:o:netgear:archer_ax21_firmware:*:*:*:*:*:*:*:*");
        ((ObjectNode) match).put("versionEndExcluding", "1.1.5");
        Path newer = tmp.resolve("newer.json");
        JSON.writeValue(newer.toFile(), rec);
        IntelStore.ImportResult r = store.importFile(newer, null);
        assertThat(r.updated()).isEqualTo(1);
        assertThat(store.cvesForVendors(Set.of(CpeNames.vendorKey("TP-Link")))).isEmpty();
        assertThat(store.cvesForVendors(Set.of(CpeNames.vendorKey("Netgear")))).singleElement()
                .satisfies(c -> assertThat(c.configurations().get(0).nodes().get(0).matches().get(0).versionEndExcluding())
                        .isEqualTo("1.1.5"));
        // the original is older than what the store has now
        IntelStore.ImportResult back = store.importFile(nvd("CVE-2023-1389"), null);
        assertThat(back.olderIgnored()).isEqualTo(1);
        assertThat(store.cvesForVendors(Set.of(CpeNames.vendorKey("TP-Link")))).isEmpty();
    }

    @Test
    void whatIsNotIntelIsRefusedAndNothingIsStored() throws Exception {
        IntelStore store = new IntelStore(tmp.resolve("store"));
        store.importFile(nvd("CVE-2023-1389"), null);
        Map<String, String> before = contents(store.dir());
        Path notIntel = tmp.resolve("other.json");
        Files.writeString(notIntel, "{\"hello\": \"world\"}");
        assertThatThrownBy(() -> store.importFile(notIntel, null)).isInstanceOf(IntelFiles.IntelFormatException.class)
                .hasMessageContaining("not an NVD CVE JSON 2.0 file");
        Path legacy = tmp.resolve("nvdcve-1.1-2019.json");
        Files.writeString(legacy, "{\"CVE_data_type\":\"CVE\",\"CVE_Items\":[]}");
        assertThatThrownBy(() -> store.importFile(legacy, null)).hasMessageContaining("JSON 1.1");
        Path cut = tmp.resolve("cut.json");
        String full = Files.readString(nvd("CVE-2020-25078"));
        Files.writeString(cut, full.substring(0, full.length() / 2));
        assertThatThrownBy(() -> store.importFile(cut, null)).isInstanceOf(IntelFiles.IntelFormatException.class)
                .hasMessageContaining("damaged");
        Path badDate = tmp.resolve("fw.csv");
        Files.writeString(badDate, "vendor,model,latest_version,end_of_support\nD-Link,DCS-935L,1.0,June 2019\n",
                StandardCharsets.UTF_8);
        assertThatThrownBy(() -> store.importFile(badDate, null)).hasMessageContaining("entry 2")
                .hasMessageContaining("not a date");
        assertThat(contents(store.dir())).isEqualTo(before);
    }

    @Test
    void firmwareCatalogueEntriesAreReplacedByVendorAndModel() throws Exception {
        IntelStore store = new IntelStore(tmp.resolve("store"));
        Path fixture = Path.of(IntelStoreTest.class.getResource("/intel/firmware-fixture.csv").toURI());
        assertThat(store.importFile(fixture, null).added()).isEqualTo(4);
        assertThat(store.importFile(fixture, null).unchanged()).isEqualTo(4);
        Path edit = tmp.resolve("edit.json");
        Files.writeString(edit, "[{\"vendor\": \"TP-LINK TECHNOLOGIES CO.,LTD.\", \"model\": \"archer-ax21\","
                + " \"latest_version\": \"1.1.5\"}]");
        IntelStore.ImportResult r = store.importFile(edit, null);
        assertThat(r.updated()).isEqualTo(1);
        assertThat(store.firmware()).hasSize(4).anySatisfy(f -> assertThat(f.latestVersion()).isEqualTo("1.1.5"));
    }
}
