package dev.vigil.detect.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.detect.intel.Vendors;
import dev.vigil.detect.inventory.observe.Observers;
import dev.vigil.engine.EngineConfig;
import dev.vigil.engine.Pipeline;
import dev.vigil.engine.capture.CaptureLimits;
import dev.vigil.engine.capture.Captures;
import dev.vigil.engine.capture.PacketSource;
import dev.vigil.engine.capture.RawPacket;
import dev.vigil.engine.net.Mac;
import dev.vigil.engine.testing.TestData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the inventory against ground truth nobody here wrote: the IoT Sentinel device folders,
 * the tj-oconnor captures and the Mon(IoT)r MAC lists. Prints the table, writes it to
 * target/reports/inventory-accuracy.md, and fails if accuracy drops below the recorded floors.
 */
class InventoryAccuracyTest {

    /** Accuracy measured when these floors were set; a change that loses devices must say why. */
    static final double SENTINEL_TYPE_FLOOR = 0.80;
    static final double SENTINEL_VENDOR_FLOOR = 0.85;
    static final double SENTINEL_MODEL_FLOOR = 0.5;
    static final double OCONNOR_TYPE_FLOOR = 1.0;
    static final double OCONNOR_VENDOR_FLOOR = 0.85;
    static final double MONIOTR_VENDOR_FLOOR = 0.60;

    @TempDir
    static Path tmp;

    record Row(String set, String device, String expectedType, String type, double confidence, boolean doubtful,
            String expectedVendor, String vendor, String expectedModel, String model) {

        Row(String set, String device, String expectedType, Device d, String expectedVendor, String expectedModel) {
            this(set, device, expectedType, d == null ? "(missing)" : d.type(), d == null ? 0 : d.confidence(),
                    d != null && d.attributes().get("type").doubtful(), expectedVendor, d == null ? null : d.vendor(),
                    expectedModel, d == null ? null : d.model());
        }

        boolean modelKnown() {
            return expectedModel != null && !expectedModel.equals("-");
        }

        /** The model reported names the expected one (spelling of dashes and case aside). */
        boolean modelRight() {
            return modelKnown() && model != null && squash(model).contains(squash(expectedModel));
        }

        private static String squash(String s) {
            return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        }

        /** A named type that is wrong. */
        boolean confidentlyWrong() {
            return !typeRight() && !type.equals("unknown") && !type.equals("(missing)");
        }

        boolean typeRight() {
            return expectedType.equals(type);
        }

        boolean vendorKnown() {
            return !expectedVendor.equals("-");
        }

        boolean vendorRight() {
            if (!vendorKnown() || vendor == null) {
                return false;
            }
            String v = Vendors.canonical(vendor).toLowerCase(Locale.ROOT);
            return Arrays.stream(expectedVendor.split("\\|")).map(x -> Vendors.canonical(x).toLowerCase(Locale.ROOT))
                    .anyMatch(v::equals);
        }
    }

    static List<String[]> truth(String name) throws IOException {
        try (InputStream in = InventoryAccuracyTest.class.getResourceAsStream("/ground-truth/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).map(l -> l.split("\t")).toList();
        }
    }

    static List<Device> inventory(List<Path> captures) throws Exception {
        Inventory inv = new Inventory(InventoryConfig.DEFAULT, Observers.ALL);
        Pipeline p = new Pipeline(EngineConfig.defaults(), inv);
        RawPacket raw = new RawPacket();
        for (Path c : captures) {
            try (PacketSource src = Captures.open(c.toString(), CaptureLimits.DEFAULT, p.anomalies())) {
                while (src.next(raw)) {
                    p.accept(raw);
                }
            }
            p.endOfInput();
        }
        return inv.devices();
    }

    @Test
    void iotSentinelDevices() throws Exception {
        Path archive = TestData.shared("pcap/peers-src-iot-sentinel.tar.xz");
        Path dir = Files.createDirectories(tmp.resolve("sentinel"));
        Process tar = new ProcessBuilder("tar", "-xJf", archive.toString(), "-C", dir.toString()).inheritIO().start();
        assertThat(tar.waitFor()).as("tar -xJf (xz-utils) extracts the IoT Sentinel archive").isZero();
        List<Row> rows = new ArrayList<>();
        for (String[] t : truth("iot-sentinel.tsv")) {
            Path folder = dir.resolve("iot-sentinel").resolve(t[0]);
            String mac = Files.readString(folder.resolve("_iotdevice-mac.txt")).trim().toLowerCase(Locale.ROOT);
            List<Path> captures;
            try (Stream<Path> s = Files.list(folder)) {
                captures = s.filter(p -> p.toString().endsWith(".pcap")).sorted().toList();
            }
            Device d = inventory(captures).stream().filter(x -> mac.equals(x.mac())).findFirst().orElse(null);
            rows.add(new Row("IoT Sentinel", t[0], t[1], d, t[2], t.length > 3 ? t[3] : "-"));
        }
        report("iot-sentinel", rows);
        assertThat(share(rows, Row::typeRight)).isGreaterThanOrEqualTo(SENTINEL_TYPE_FLOOR);
        assertThat(share(rows.stream().filter(Row::vendorKnown).toList(), Row::vendorRight))
                .isGreaterThanOrEqualTo(SENTINEL_VENDOR_FLOOR);
        assertThat(share(rows.stream().filter(Row::modelKnown).toList(), Row::modelRight))
                .isGreaterThanOrEqualTo(SENTINEL_MODEL_FLOOR);
        // a wrong type below 0.8 is never presented as sure
        assertThat(rows).filteredOn(r -> r.confidentlyWrong() && r.confidence() < 0.8).allMatch(Row::doubtful);
    }

    @Test
    void tjOconnorDevices() throws Exception {
        List<Row> rows = new ArrayList<>();
        for (String[] t : truth("tj-oconnor.tsv")) {
            Path capture = TestData.shared("pcap/iot-devices/tj-oconnor/" + t[0]);
            // the recorded device is the one that asked DHCP for an address
            Device d = inventory(List.of(capture)).stream()
                    .filter(x -> x.identity().dhcpFingerprint() != null || !x.hostnames().isEmpty())
                    .filter(x -> !"router".equals(x.role()))
                    .max(java.util.Comparator.comparingLong(x -> x.traffic().packetsOut())).orElse(null);
            rows.add(new Row("tj-oconnor", t[0], t[1], d, t[2], "-"));
        }
        report("tj-oconnor", rows);
        assertThat(share(rows, Row::typeRight)).isGreaterThanOrEqualTo(OCONNOR_TYPE_FLOOR);
        assertThat(share(rows, Row::vendorRight)).isGreaterThanOrEqualTo(OCONNOR_VENDOR_FLOOR);
    }

    @Test
    void moniotrMacsAlone() throws Exception {
        Path us = TestData.shared("pcap/iot-devices/monIoTr/devices_us.txt");
        Path uk = TestData.shared("pcap/iot-devices/monIoTr/devices_uk.txt");
        java.util.Map<String, String[]> truth = new java.util.HashMap<>();
        for (String[] t : truth("moniotr-names.tsv")) {
            truth.put(t[0], t);
        }
        List<Row> rows = new ArrayList<>();
        for (Path list : List.of(us, uk)) {
            for (String line : Files.readAllLines(list)) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 2 || !truth.containsKey(f[1])) {
                    continue;
                }
                String[] t = truth.get(f[1]);
                long mac = Mac.parse(f[0]).bits();
                Inventory inv = new Inventory(InventoryConfig.DEFAULT, Observers.ALL);
                inv.stationForTest(mac);
                Device d = inv.devices().get(0);
                rows.add(new Row("Mon(IoT)r " + list.getFileName().toString().substring(8, 10), f[1], t[1], d, t[2], "-"));
            }
        }
        report("moniotr", rows);
        assertThat(share(rows.stream().filter(Row::vendorKnown).toList(), Row::vendorRight))
                .isGreaterThanOrEqualTo(MONIOTR_VENDOR_FLOOR);
    }

    static double share(List<Row> rows, java.util.function.Predicate<Row> ok) {
        return rows.isEmpty() ? 0 : rows.stream().filter(ok).count() / (double) rows.size();
    }

    static void report(String name, List<Row> rows) throws IOException {
        StringBuilder sb = new StringBuilder();
        long typeOk = rows.stream().filter(Row::typeRight).count();
        List<Row> withVendor = rows.stream().filter(Row::vendorKnown).toList();
        long vendorOk = withVendor.stream().filter(Row::vendorRight).count();
        List<Row> withModel = rows.stream().filter(Row::modelKnown).toList();
        long modelOk = withModel.stream().filter(Row::modelRight).count();
        long wrong = rows.stream().filter(Row::confidentlyWrong).count();
        long flagged = rows.stream().filter(r -> r.confidentlyWrong() && r.doubtful()).count();
        sb.append(String.format("## %s: type right %d/%d (%.0f%%), vendor right %d/%d (%.0f%%), model right %d/%d, "
                + "wrong types marked doubtful %d/%d%n%n", name, typeOk, rows.size(), 100.0 * typeOk / rows.size(), vendorOk,
                withVendor.size(), withVendor.isEmpty() ? 0 : 100.0 * vendorOk / withVendor.size(), modelOk, withModel.size(),
                flagged, wrong));
        sb.append("| device | expected type | Vigil type (confidence) | expected vendor | Vigil vendor | expected model | Vigil model |\n"
                + "|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            sb.append(String.format("| %s | %s | %s%s (%.2f%s) | %s | %s%s | %s | %s%s |%n", r.device(), r.expectedType(),
                    r.type(), r.typeRight() ? " ✓" : "", r.confidence(), r.doubtful() ? ", doubtful" : "", r.expectedVendor(),
                    r.vendor(), r.vendorRight() ? " ✓" : "", r.expectedModel(), r.model(), r.modelRight() ? " ✓" : ""));
        }
        System.out.println(sb);
        Path out = Path.of("target/reports");
        Files.createDirectories(out);
        Files.writeString(out.resolve("inventory-accuracy-" + name + ".md"), sb.toString());
    }
}
