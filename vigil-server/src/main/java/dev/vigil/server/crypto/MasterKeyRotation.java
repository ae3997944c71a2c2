package dev.vigil.server.crypto;

import dev.vigil.store.Stores;
import dev.vigil.store.audit.AuditStore;
import dev.vigil.store.db.PrivateFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * Master key rotation, done by the running service (which holds the vault): the new key is written
 * beside the old one as {@code master.key.new} and flushed, every data key is re-wrapped under it in
 * one transaction, then the new file replaces the old one atomically. A crash between the commit and
 * the rename leaves {@code master.key.new}, which the next start uses ({@link #recover}).
 */
public final class MasterKeyRotation {

    private MasterKeyRotation() {
    }

    public static void rotate(AuditStore audit, Vault vault, Path keyFile, String actor) throws IOException, GeneralSecurityException {
        if (System.getenv("VIGIL_MASTER_KEY") != null) {
            throw new IllegalStateException("the master key comes from VIGIL_MASTER_KEY, which Vigil cannot change; "
                    + "rotate it where that variable is set");
        }
        byte[] k = Vault.newMasterKey();
        Path next = pending(keyFile);
        Files.deleteIfExists(next);
        try (FileChannel ch = FileChannel.open(next, java.util.EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PrivateFiles.ownerOnly())) {
            ch.write(java.nio.ByteBuffer.wrap((Base64.getEncoder().encodeToString(k) + "\n").getBytes(StandardCharsets.US_ASCII)));
            ch.force(true);
        }
        vault.rewrap(k);
        Files.move(next, keyFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        audit.append(actor, "keys.rotate_master", keyFile.getFileName().toString(), "data keys re-wrapped");
    }

    static Path pending(Path keyFile) {
        return keyFile.resolveSibling(keyFile.getFileName() + ".new");
    }

    /**
     * Opens the vault with the key file, or, when it does not open the store and a rotation left
     * {@code master.key.new}, with that one (which then replaces the old file).
     */
    public static Vault recover(Stores stores, Path keyFile, String env) throws IOException, GeneralSecurityException {
        byte[] master = Vault.masterKey(keyFile, env);
        try {
            return Vault.open(stores, master);
        } catch (IllegalStateException e) {
            Path next = pending(keyFile);
            if (env != null && !env.isBlank() || !Files.exists(next)) {
                throw e;
            }
            Vault v = Vault.open(stores, Vault.readKey(next));
            Files.move(next, keyFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return v;
        }
    }
}
