package dev.vigil.inputs.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.anomaly.AnomalyCounters;
import dev.vigil.engine.event.Event;
import dev.vigil.engine.event.EventJson;
import dev.vigil.engine.testing.EngineRun;
import dev.vigil.engine.testing.TestData;
import java.io.BufferedReader;
import java.io.StringReader;
import java.lang.classfile.ClassFile;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Event logs read back: every event of every bundled capture comes back as the same record. */
class EventLogReaderTest {

    @Test
    void everyEventOfEveryBundledCaptureReadsBackToTheSameLine() throws Exception {
        Path dir = TestData.capture("ndpi-telnet.pcap").getParent();
        List<Path> captures;
        try (Stream<Path> s = Files.list(dir)) {
            captures = s.filter(p -> p.toString().matches(".*\\.(pcap|pcapng)(\\.gz)?")).sorted().toList();
        }
        Set<String> kinds = new HashSet<>();
        long events = 0;
        for (Path c : captures) {
            List<String> written = EngineRun.of(c).json(e -> true);
            AnomalyCounters a = new AnomalyCounters();
            EventLogReader r = new EventLogReader(new BufferedReader(new StringReader(String.join("\n", written))), a);
            List<String> read = new ArrayList<>();
            for (Event e = r.next(); e != null; e = r.next()) {
                read.add(EventJson.toJson(e));
                kinds.add(e.kind());
            }
            assertThat(read).as(c.getFileName().toString()).isEqualTo(written);
            assertThat(a.total()).isZero();
            events += read.size();
        }
        assertThat(events).isGreaterThan(1000);
        // the bundled captures hold most kinds; the table knows every one
        assertThat(kinds).hasSizeGreaterThan(25);
    }

    @Test
    void theKindTableNamesEveryEventRecordOfTheEngine() throws Exception {
        Path location = Path.of(Event.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Set<Class<?>> records = new HashSet<>();
        // the engine's classes: a directory in the IDE, its jar in the reactor build
        try (FileSystem jar = Files.isDirectory(location) ? null : FileSystems.newFileSystem(location);
                Stream<Path> s = Files.walk(jar == null ? location : jar.getPath("/"))) {
            for (Path f : s.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = ClassFile.of().parse(Files.readAllBytes(f)).thisClass().asInternalName().replace('/', '.');
                Class<?> c = Class.forName(name, false, Event.class.getClassLoader());
                if (c.isRecord() && Event.class.isAssignableFrom(c)) {
                    records.add(c);
                }
            }
        }
        assertThat(records).hasSizeGreaterThan(30);
        assertThat(new HashSet<Class<?>>(EventKinds.BY_KIND.values())).containsAll(records);
    }

    @Test
    void aLineThatIsNoEventIsCountedAndSkipped() throws Exception {
        String flow = EngineRun.of(TestData.capture("ndpi-telnet.pcap")).json(e -> e.kind().equals("flow")).get(0);
        AnomalyCounters a = new AnomalyCounters();
        EventLogReader r = new EventLogReader(new BufferedReader(new StringReader(
                "{\"kind\":\"nonsense\",\"ts\":\"2020-01-01T00:00:00Z\"}\nnot json\n[1,2]\n\n"
                        + flow.replaceFirst("\"clientIp\":\"[^\"]*\"", "\"clientIp\":\"999.1.1.1\"")
                        + "\n" + flow + "\n")), a);
        Event e = r.next();
        assertThat(EventJson.toJson(e)).isEqualTo(flow);
        assertThat(r.next()).isNull();
        assertThat(a.get(EventLogReader.MALFORMED)).isEqualTo(4);
        assertThat(r.lines()).isEqualTo(6);
    }
}
