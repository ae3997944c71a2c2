package dev.vigil.detect.segmentation.mud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.detect.segmentation.Observations;
import dev.vigil.engine.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Learned least privilege on real device captures: every learned file is valid against the YANG
 * trees, the learning window replayed through the per-device files is denied nothing, each model's
 * file covers at least 95 % of its devices' flows, and learning on the earlier 70 % of each
 * device's time and replaying the rest gives the share a learned policy would have denied. The
 * figures go to target/mud-learning.txt.
 */
class MudLearningTest {

    static final double MODEL_COVERAGE_FLOOR = 0.95;
    static final double HOLDOUT = 0.3;

    @TempDir
    Path tmp;

    /** The week-long captures of tj-oconnor/IoT-Dataset: three Blink cameras of one model, four lock hubs. */
    @Test
    void camerasAndLocksOverAWeek() throws Exception {
        List<Observations> obs = new ArrayList<>();
        for (String c : List.of("blink-cam-01.pcap", "blink-cam-02.pcap", "blink-cam-03.pcap", "lockly-hub-01.pcap",
                "schlage-lock-01.pcap", "sifely-hub-01.pcap", "ultraloq-hub-01.pcap")) {
            Observations o = Observe.captures(List.of(TestData.shared("pcap/iot-devices/tj-oconnor/" + c)));
            // the device each capture is of: the one that is not the router
            o.devices(o.devices().stream().filter(d -> d.mac() != null && !"router".equals(d.role())
                    && !"router".equals(d.type()) && d.traffic().flowsOut() > 0).toList());
            obs.add(o);
        }
        check("tj-oconnor (3 Blink cameras, 4 lock hubs; 7 days each)", obs);
    }

    @Test
    void iotSentinelDevicesAcrossTheirSetups() throws Exception {
        Path archive = TestData.shared("pcap/peers-src-iot-sentinel.tar.xz");
        Process tar = new ProcessBuilder("tar", "-xJf", archive.toString(), "-C", tmp.toString()).inheritIO().start();
        assertThat(tar.waitFor()).as("tar -xJf (xz-utils) extracts the IoT Sentinel archive").isZero();
        List<List<Path>> nets = new ArrayList<>();
        Set<String> macs = new java.util.HashSet<>();
        try (Stream<Path> dirs = Files.list(tmp.resolve("iot-sentinel"))) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                Path mac = dir.resolve("_iotdevice-mac.txt");
                if (Files.exists(mac)) {
                    macs.add(Files.readString(mac).trim().toLowerCase(java.util.Locale.ROOT));
                }
                nets.add(setups(dir));
            }
        }
        List<Observations> obs = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (List<Path> n : nets) {
            // each folder is its own network; the devices learned are the ones the dataset labels
            Observations o = Observe.captures(n);
            o.devices(o.devices().stream().filter(d -> d.mac() != null && macs.contains(d.mac())).toList());
            o.devices().forEach(d -> seen.add(d.id()));
            obs.add(o);
        }
        check("IoT Sentinel (" + seen.size() + " devices in " + obs.size() + " folders, up to 20 set-ups each)", obs);
    }

    private static List<Path> setups(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".pcap")).sorted(Comparator.comparing(Path::toString))
                    .toList();
        }
    }

    private void check(String name, List<Observations> obs) throws Exception {
        MudLearner.Learned l = new MudLearner(MudLearner.Options.defaults()).learn(obs);
        assertThat(l.devices()).as("learned files").isNotEmpty();
        for (MudFile f : l.devices().values()) {
            MudFile back = MudReader.read("learned", MudJson.write(f).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(back).isEqualTo(f);
        }
        for (MudFile f : l.models().values()) {
            MudReader.read("model", MudJson.write(f).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        MudEvaluation.Report r = MudEvaluation.evaluate(obs, MudLearner.Options.defaults(), HOLDOUT);
        StringBuilder s = new StringBuilder("== " + name + "\n");
        s.append(String.format("learning window: %d flows, %d denied%n", r.learning().flows(), r.learning().denied()));
        r.models().forEach((k, v) -> s.append(String.format("model %s: %d flows, %.1f %% covered%n", k, v.flows(),
                100 * v.allowedShare())));
        s.append(String.format("all models: %d flows, %.1f %% covered%n", r.modelsTotal().flows(),
                100 * r.modelsTotal().allowedShare()));
        s.append(String.format("held out (last %.0f %% of each device's time): %d flows, %d denied (%.1f %%)%n",
                100 * r.holdout(), r.heldOut().flows(), r.heldOut().denied(), 100 * r.heldOut().deniedShare()));
        System.out.print(s);
        Path report = Path.of("target/mud-learning.txt");
        Files.writeString(report, s.toString(), java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        assertThat(r.learning().denied()).as("learning window replayed through its own files").isZero();
        assertThat(r.modelsTotal().allowedShare()).as("model files' coverage of their devices' flows")
                .isGreaterThanOrEqualTo(MODEL_COVERAGE_FLOOR);
        assertThat(r.heldOut().flows()).as("held-out flows").isPositive();
    }
}
