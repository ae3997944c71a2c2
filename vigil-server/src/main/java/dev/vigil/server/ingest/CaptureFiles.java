package dev.vigil.server.ingest;

import dev.vigil.engine.anomaly.AnomalyCounters;
import dev.vigil.engine.capture.CaptureFormatException;
import dev.vigil.engine.capture.Captures;
import dev.vigil.engine.capture.PacketSource;
import dev.vigil.engine.capture.RawPacket;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A capture file, or a directory of rotating captures ({@code tcpdump -G} or {@code -C}): each file is
 * read once it is complete (a newer file exists, or it has not changed for the settle time), in order
 * of modification time. The position of each file is committed with each window as "packets read @
 * first packet's time", so a restart resumes inside the file it stopped in, and a file a ring buffer
 * overwrote (another first packet) is read again from its start.
 */
public final class CaptureFiles extends Source {

    private final Path path;
    private final boolean directory;
    private final long settleMillis;
    private String current;
    /** The file read last (for the position shown once it is done). */
    private volatile String lastFile;
    /** A file is open and not read to its end: its input is waiting (see {@link #pending}). */
    private volatile boolean reading;

    /**
     * @param path a capture file or a directory of them
     * @param settleMillis how long the newest file of a directory must stay unchanged to count as complete
     */
    public CaptureFiles(Path path, long settleMillis) {
        super((Files.isDirectory(path) ? "dir:" : "file:") + path.toAbsolutePath().normalize(),
                Files.isDirectory(path) ? "directory" : "file");
        this.path = path.toAbsolutePath().normalize();
        this.directory = Files.isDirectory(path);
        this.settleMillis = settleMillis;
    }

    /** "done:N@first" or "N@first": N packets of the file read (all of it when done). */
    @Override
    protected String describe(String pos) {
        if (pos == null || pos.isEmpty()) {
            return super.describe(pos);
        }
        boolean done = pos.startsWith("done:");
        String p = done ? pos.substring(5) : pos;
        int at = p.indexOf('@');
        String file = current != null ? current : lastFile != null ? lastFile : path.toString();
        if ("skipped".equals(p.substring(at + 1))) {
            return file + ": skipped, not a capture";
        }
        long n = Long.parseLong(at < 0 ? p : p.substring(0, at));
        String when = lastTime();
        return file + ": " + (done ? "all " : "") + String.format("%,d", n) + " packets read"
                + (when == null ? "" : ", last packet " + when);
    }

    @Override
    protected boolean pending() {
        return reading;
    }

    @Override
    protected boolean cutByWallClock() {
        return false;
    }

    @Override
    protected boolean replayable() {
        return true;
    }

    @Override
    protected String checkpointKey() {
        return current != null ? "file:" + current : name;
    }

    @Override
    protected void read() throws SourceException {
        if (!directory) {
            readFile(path);
            return;
        }
        while (!stopping) {
            List<Path> files = complete();
            boolean any = false;
            for (Path f : files) {
                if (stopping) {
                    return;
                }
                any |= readFile(f);
            }
            if (!any) {
                settle();
                state(State.IDLE, "waiting for new captures in " + path);
                pause(1000);
                state(State.RUNNING, null);
            }
        }
    }

    /** Files of the directory that are complete, oldest first. */
    private List<Path> complete() throws SourceException {
        List<Path> all;
        try (Stream<Path> s = Files.list(path)) {
            all = s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing((Path p) -> mtime(p)).thenComparing(Path::toString)).toList();
        } catch (IOException e) {
            throw new SourceException(path + ": cannot list: " + e.getMessage());
        }
        if (all.isEmpty()) {
            return all;
        }
        Path newest = all.get(all.size() - 1);
        long age = System.currentTimeMillis() - mtime(newest).toMillis();
        return age >= settleMillis ? all : all.subList(0, all.size() - 1);
    }

    private static FileTime mtime(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    /** Reads one file from its stored position; false when there was nothing new in it. */
    private boolean readFile(Path file) throws SourceException {
        current = file.toString();
        lastFile = current;
        String stored = resumePosition(checkpointKey());
        long skip = 0;
        String identity = null;
        boolean done = false;
        if ("done:0@skipped".equals(stored)) {
            return false;
        }
        if (stored != null && !stored.isEmpty()) {
            done = stored.startsWith("done:");
            String p = done ? stored.substring(5) : stored;
            int at = p.indexOf('@');
            skip = Long.parseLong(at < 0 ? p : p.substring(0, at));
            identity = at < 0 ? null : p.substring(at + 1);
        }
        AnomalyCounters anomalies = new AnomalyCounters();
        RawPacket raw = new RawPacket();
        try (PacketSource src = Captures.open(file.toString(), ctx.analysis().captures(), anomalies)) {
            format(src.format());
            long n = 0;
            String first = null;
            reading = true;
            while (!stopping && src.next(raw)) {
                if (n == 0) {
                    first = Long.toString(raw.timestampNanos);
                    if (identity != null && !identity.equals(first)) {
                        // another capture under the same name (a ring buffer went round): read it all
                        skip = 0;
                        done = false;
                    } else if (done) {
                        return false;
                    }
                }
                if (n < skip) {
                    if ((++n & 0xfff) == 0) {
                        position(n + "@" + first);
                    }
                    continue;
                }
                packet(raw, n + "@" + first);
                n++;
                if ((n & 0xfff) == 0) {
                    position(n + "@" + first);
                }
            }
            if (n == 0 && done) {
                return false;
            }
            malformed.addAndGet(anomalies.total());
            commit(stopping ? n + "@" + first : "done:" + n + "@" + first, !stopping);
            return true;
        } catch (NoSuchFileException e) {
            if (directory) {
                return false; // rotated away between listing and opening
            }
            throw new SourceException(file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new SourceException(file + ": permission denied");
        } catch (CaptureFormatException e) {
            if (directory) {
                // not a capture (a stray file in the directory): say so once and never again
                malformed.incrementAndGet();
                ctx.persister().position(checkpoint("done:0@skipped"));
                state(State.RUNNING, e.getMessage());
                return false;
            }
            throw new SourceException(e.getMessage());
        } catch (IOException e) {
            throw new SourceException(file + ": cannot read: " + e.getMessage());
        } finally {
            reading = false;
            current = null;
        }
    }

}
