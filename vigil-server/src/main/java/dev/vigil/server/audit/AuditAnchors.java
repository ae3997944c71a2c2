package dev.vigil.server.audit;

import dev.vigil.server.outputs.Notice;
import dev.vigil.server.store.PrivateFiles;
import dev.vigil.server.store.Store;
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

    /** One anchor: when, which entry, its hash. */
    public record Anchor(long at, long seq, String hash) {
    }

    /** How often the service anchors the head (and once more when it stops). */
    public static final long EVERY_SECONDS = 300;

    private final Store store;
    private final Path file;
    private final Consumer<Notice> notices;
    private long anchored = -1;

    public AuditAnchors(Store store, Path file, Consumer<Notice> notices) {
        this.store = store;
        this.file = file;
        this.notices = notices;
    }

    /** Anchors the head when it moved since the last anchor; returns the entry anchored, or -1. */
    public synchronized long anchor() throws IOException {
        String head = store.read(h -> h.createQuery("SELECT value FROM settings WHERE key = :k").bind("k", AuditLog.HEAD)
                .mapTo(String.class).findOne().orElse(null));
        if (head == null) {
            return -1;
        }
        String[] f = head.split(" ");
        long seq = Long.parseLong(f[0]);
        if (seq == anchored) {
            return -1;
        }
        long now = System.currentTimeMillis();
        try (FileChannel ch = FileChannel.open(file, EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND), PrivateFiles.ownerOnly())) {
            ch.write(ByteBuffer.wrap((now + " " + seq + " " + f[1] + "\n").getBytes(StandardCharsets.US_ASCII)));
            ch.force(true);
        }
        anchored = seq;
        notices.accept(new Notice("audit.anchor", "info", "audit log head: entry " + seq, Notice.fields("entry", seq, "hash", f[1])));
        return seq;
    }

    /** The anchors in a file (none when it does not exist); a line that does not parse is an error. */
    public static List<Anchor> read(Path file) throws IOException {
        List<Anchor> out = new ArrayList<>();
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
                out.add(new Anchor(Long.parseLong(f[0]), Long.parseLong(f[1]), f[2]));
            } catch (NumberFormatException e) {
                throw new IOException(file + ":" + n + ": not an audit anchor");
            }
        }
        return out;
    }
}
