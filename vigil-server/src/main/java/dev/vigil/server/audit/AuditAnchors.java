package dev.vigil.server.audit;

import dev.vigil.server.outputs.Notice;
import dev.vigil.store.audit.AuditAnchor;
import dev.vigil.store.audit.AuditStore;
import dev.vigil.store.db.PrivateFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Consumer;

/**
 * The audit log's head, anchored outside the store: appended to a file (one line a time:
 * {@code <epoch ms> <entry> <hash>}, created mode 600, flushed to disk) and sent to the alert
 * outputs ({@code audit.anchor}), whenever it moved since the last anchor. Whoever can rewrite
 * the store cannot take back what the file and the SIEM received, so {@link AuditLog#verify}
 * against the anchors catches a store put back to an older state or cut short.
 */
public final class AuditAnchors {

    /** How often the service anchors the head (and once more when it stops). */
    public static final long EVERY_SECONDS = 300;

    private final AuditStore audit;
    private final Path file;
    private final Consumer<Notice> notices;
    private long anchored = -1;

    public AuditAnchors(AuditStore audit, Path file, Consumer<Notice> notices) {
        this.audit = audit;
        this.file = file;
        this.notices = notices;
    }

    /** Anchors the head when it moved since the last anchor; returns the entry anchored, or -1. */
    public synchronized long anchor() throws IOException {
        AuditStore.Head head = audit.head();
        if (head == null) {
            return -1;
        }
        long seq = head.seq();
        if (seq == anchored) {
            return -1;
        }
        long now = System.currentTimeMillis();
        try (FileChannel ch = FileChannel.open(file, EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND), PrivateFiles.ownerOnly())) {
            ch.write(ByteBuffer.wrap((now + " " + seq + " " + head.hash() + "\n").getBytes(StandardCharsets.US_ASCII)));
            ch.force(true);
        }
        anchored = seq;
        notices.accept(new Notice("audit.anchor", "info", "audit log head: entry " + seq, Notice.fields("entry", seq, "hash", head.hash())));
        return seq;
    }

    /** The anchors in a file (none when it does not exist); a line that does not parse is an error. */
    public static List<AuditAnchor> read(Path file) throws IOException {
        List<AuditAnchor> out = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return out;
        }
        int n = 0;
        for (String l : lines) {
            n++;
            String[] f = l.trim().split(" ");
            if (l.isBlank()) {
                continue;
            }
            if (f.length != 3 || !f[2].matches("[0-9a-f]{64}")) {
                throw new IOException(file + ":" + n + ": not an audit anchor");
            }
            try {
                out.add(new AuditAnchor(Long.parseLong(f[0]), Long.parseLong(f[1]), f[2]));
            } catch (NumberFormatException e) {
                throw new IOException(file + ":" + n + ": not an audit anchor");
            }
        }
        return out;
    }
}
