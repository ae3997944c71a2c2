package dev.vigil.store.db;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;

/**
 * Files and directories created with their final permissions, never changed after they were
 * written (a file chmod'ed after the write is readable by others in between): the data directory
 * 0700; the database (whose WAL and shared-memory files SQLite creates with its mode), keys, the
 * TLS key and the audit anchors 0600. On a file system without POSIX permissions, the defaults.
 */
public final class PrivateFiles {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private PrivateFiles() {
    }

    /** Attributes for a new file only its owner may read and write. */
    public static FileAttribute<?>[] ownerOnly() {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
    }

    /** Creates a directory (and missing parents) only its owner may enter. */
    public static void directory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (POSIX) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(dir);
        }
    }

    /**
     * The data directory of a SQLite store, and (when {@code withDatabase}) its empty database file,
     * both private: SQLite creates the WAL and shared-memory files with the database's mode. What
     * stands in the way is one line naming the directory.
     */
    static void dataDirectory(Path dataDir, boolean withDatabase) throws java.sql.SQLException {
        try {
            directory(dataDir);
            if (withDatabase) {
                file(dataDir.resolve("vigil.db"));
            }
        } catch (java.nio.file.FileSystemException e) {
            String why = e.getReason() != null ? e.getReason()
                    : e instanceof java.nio.file.NoSuchFileException ? "no such directory"
                    : e instanceof java.nio.file.AccessDeniedException ? "permission denied" : e.getClass().getSimpleName();
            throw new java.sql.SQLException("cannot create the data directory " + dataDir + ": " + why, e);
        } catch (IOException e) {
            throw new java.sql.SQLException("cannot create the data directory " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /** Creates an empty file only its owner may read and write, unless it exists. */
    public static void file(Path file) throws IOException {
        try {
            Files.createFile(file, ownerOnly());
        } catch (FileAlreadyExistsException e) {
            // kept as it is
        }
    }

    /**
     * Writes a file only its owner may read, whole or not at all: a temporary file beside it,
     * created 0600, written and flushed, then renamed over it.
     */
    public static void write(Path file, byte[] content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try (FileChannel ch = FileChannel.open(tmp, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                ownerOnly())) {
            ch.write(ByteBuffer.wrap(content));
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
