package dev.vigil.server.ingest;

import dev.vigil.engine.anomaly.AnomalyCounters;
import dev.vigil.inputs.zeek.ZeekConnReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Follows a Zeek conn.log (TSV or JSON) as Zeek writes it, like {@code tail -F}: rows are fed as
 * flows; when Zeek rotates the log (a new file under the name, or the file shrinks) the new one is
 * read from its start. The position committed with each window is "rows read @ file identity", so a
 * restart skips exactly the rows already stored.
 */
public final class ZeekTail extends Source {

    private final Path file;
    private final long pollMillis;
    private String identity;
    private long rows;
    private boolean rotated;
    private AnomalyCounters anomalies = new AnomalyCounters();
    private long malformedBefore;

    public ZeekTail(Path file, long pollMillis) {
        super("zeek:" + file.toAbsolutePath().normalize(), "zeek");
        this.file = file.toAbsolutePath().normalize();
        this.pollMillis = pollMillis;
    }

    /** "N@identity": N rows of the log's current incarnation read. */
    @Override
    protected String describe(String pos) {
        if (pos == null || pos.indexOf('@') < 0) {
            return super.describe(pos);
        }
        String when = lastTime();
        return file + ": row " + String.format("%,d", Long.parseLong(pos.substring(0, pos.indexOf('@'))))
                + (when == null ? "" : ", last flow " + when);
    }

    @Override
    protected void read() throws SourceException {
        String stored = ctx.persister().position(name);
        long skip = 0;
        String storedId = null;
        if (stored != null && stored.contains("@")) {
            skip = Long.parseLong(stored.substring(0, stored.indexOf('@')));
            storedId = stored.substring(stored.indexOf('@') + 1);
        }
        while (!stopping) {
            if (!Files.exists(file)) {
                state(State.IDLE, "waiting for " + file);
                pause(pollMillis);
                continue;
            }
            String id = identity(file);
            long toSkip = id.equals(storedId) ? skip : 0;
            followOnce(id, toSkip);
            storedId = null;
        }
        commit(rows + "@" + identity);
    }

    /** Reads one incarnation of the log until it is rotated or the source stops. */
    private void followOnce(String id, long skip) throws SourceException {
        identity = id;
        rows = 0;
        rotated = false;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() == 0) {
                state(State.IDLE, "waiting for rows in " + file);
                while (!stopping && ch.size() == 0 && id.equals(identity(file))) {
                    pause(pollMillis);
                }
                if (stopping || ch.size() == 0) {
                    return;
                }
            }
            ZeekConnReader.Format f = ZeekConnReader.detect(file);
            if (f == null || f == ZeekConnReader.Format.CSV) {
                throw new SourceException(file + ": not a Zeek conn.log (TSV or JSON)");
            }
            state(State.RUNNING, null);
            format("zeek-" + f.name().toLowerCase(java.util.Locale.ROOT));
            malformedBefore = malformed.get();
            anomalies = new AnomalyCounters();
            BufferedReader r = new BufferedReader(new InputStreamReader(new Follow(ch, id), StandardCharsets.UTF_8), 1 << 16);
            ZeekConnReader z = ZeekConnReader.of(r, f, file.toString(), anomalies);
            ZeekConnReader.Row row;
            while ((row = z.nextRow()) != null) {
                if (rows < skip) {
                    rows++;
                    continue;
                }
                flow(row.flow(), rows + "@" + id);
                rows++;
                malformed.set(malformedBefore + anomalies.total());
            }
            malformed.set(malformedBefore + anomalies.total());
            if (rotated) {
                commit(rows + "@" + id);
            }
        } catch (NoSuchFileException e) {
            // rotated away between the check and the open
        } catch (IOException e) {
            throw new SourceException(file + ": cannot read: " + e.getMessage());
        }
    }

    /** A file's identity: its inode (or creation time) and first bytes. */
    static String identity(Path p) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            Object key = a.fileKey();
            String k = key != null ? key.toString().replaceAll("[^0-9a-zA-Z=,]", "") : Long.toString(a.creationTime().toMillis());
            return k;
        } catch (IOException e) {
            return "?";
        }
    }


    /** The log's bytes; at its end, waits for more, committing idle windows, until rotation or stop. */
    private final class Follow extends InputStream {

        private final FileChannel ch;
        private final String id;

        Follow(FileChannel ch, String id) {
            this.ch = ch;
            this.id = id;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (true) {
                int n = ch.read(ByteBuffer.wrap(b, off, len));
                if (n > 0) {
                    return n;
                }
                if (stopping) {
                    return -1;
                }
                String now = Files.exists(file) ? identity(file) : "gone";
                if (!now.equals(id) || ch.size() < ch.position()) {
                    // one more read for what was written before the rotation, then the new file
                    n = ch.read(ByteBuffer.wrap(b, off, len));
                    if (n > 0) {
                        return n;
                    }
                    rotated = true;
                    return -1;
                }
                malformed.set(malformedBefore + anomalies.total());
                tick(rows + "@" + id);
                pause(pollMillis);
            }
        }
    }
}
