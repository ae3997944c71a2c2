package dev.vigil.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.vigil.detect.segmentation.Quarantine;
import dev.vigil.detect.segmentation.QuarantineLedger;
import dev.vigil.engine.net.Ip;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The quarantine ledger of the command line: a JSON file of every quarantine, written atomically,
 * and next to it FILE.log, one line per block or release (what the service's audit log will hold).
 */
final class Ledger {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** A quarantine as the file holds it (addresses as text). */
    record Entry(String device, List<String> addresses, String reason, String by, long from, long until, int offence) {
    }

    private Ledger() {
    }

    static QuarantineLedger read(Path file) throws PolicyInputs.Bad {
        if (!Files.exists(file)) {
            return new QuarantineLedger(QuarantineLedger.Settings.DEFAULT, List.of());
        }
        try {
            List<Entry> es = JSON.readValue(file.toFile(), new TypeReference<List<Entry>>() { });
            return new QuarantineLedger(QuarantineLedger.Settings.DEFAULT, es.stream().map(e -> new Quarantine(e.device(),
                    e.addresses().stream().map(Ip::parse).toList(), e.reason(), e.by(), e.from(), e.until(), e.offence()))
                    .toList());
        } catch (IOException | IllegalArgumentException e) {
            throw new PolicyInputs.Bad(file + ": not a quarantine ledger: " + e.getMessage());
        }
    }

    static void write(Path file, QuarantineLedger l) throws IOException {
        List<Entry> es = l.history().stream().map(q -> new Entry(q.device(), q.addresses().stream().map(Ip::toString).toList(),
                q.reason(), q.by(), q.from(), q.until(), q.offence())).toList();
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, JSON.writeValueAsString(es) + "\n");
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        StringBuilder log = new StringBuilder();
        for (QuarantineLedger.Event e : l.events()) {
            log.append(new ObjectMapper().writeValueAsString(e)).append('\n');
        }
        if (!log.isEmpty()) {
            Files.writeString(file.resolveSibling(file.getFileName() + ".log"), log, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
    }
}
