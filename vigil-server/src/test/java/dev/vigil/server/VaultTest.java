package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.server.crypto.MasterKeyRotation;
import dev.vigil.server.crypto.Vault;
import dev.vigil.store.Stores;
import dev.vigil.store.audit.AuditKey;
import dev.vigil.store.db.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Field encryption, tokens and master key rotation, on a real SQLite store. */
class VaultTest {

    @TempDir
    Path tmp;

    @Test
    void encryptsTokenisesAndRefusesAWrongMasterKey() throws Exception {
        try (Database db = Database.open(tmp, null, null, null)) {
            Stores store = Stores.keys(db, new AuditKey());
            Path keyFile = tmp.resolve("master.key");
            Vault v = Vault.open(store, Vault.masterKey(keyFile, null));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
            String c1 = v.encrypt("Dr. Grace Hopper");
            String c2 = v.encrypt("Dr. Grace Hopper");
            assertThat(c1).startsWith("v1:").isNotEqualTo(c2).doesNotContain("Grace");
            assertThat(v.decrypt(c1)).isEqualTo("Dr. Grace Hopper");
            assertThat(v.token(" dr. grace HOPPER ")).isEqualTo(v.token("Dr. Grace Hopper")).doesNotContain("Grace");
            // a flipped bit is detected, not decrypted into garbage
            char[] x = c1.toCharArray();
            x[x.length - 3] = x[x.length - 3] == 'A' ? 'B' : 'A';
            assertThatThrownBy(() -> v.decrypt(new String(x))).isInstanceOf(IllegalStateException.class);
            // another master key does not open the store
            byte[] other = Vault.newMasterKey();
            assertThatThrownBy(() -> Vault.open(store, other)).hasMessageContaining("does not open");
            // the same master key opens it again, and tokens survive
            Vault again = Vault.open(store, Vault.masterKey(keyFile, null));
            assertThat(again.decrypt(c1)).isEqualTo("Dr. Grace Hopper");
            assertThat(again.token("Dr. Grace Hopper")).isEqualTo(v.token("Dr. Grace Hopper"));
        }
    }

    @Test
    void masterKeyRotationAndRecoveryAfterACrashBeforeTheRename() throws Exception {
        try (Database db = Database.open(tmp, null, null, null)) {
            Stores store = Stores.keys(db, new AuditKey());
            Path keyFile = tmp.resolve("master.key");
            Vault v = Vault.open(store, Vault.masterKey(keyFile, null));
            String c = v.encrypt("secret owner");
            String before = Files.readString(keyFile);
            MasterKeyRotation.rotate(store.audit(), v, keyFile, "test");
            assertThat(Files.readString(keyFile)).isNotEqualTo(before);
            assertThat(Files.exists(tmp.resolve("master.key.new"))).isFalse();
            assertThat(Vault.open(store, Vault.readKey(keyFile)).decrypt(c)).isEqualTo("secret owner");
            // a crash after the data keys were re-wrapped but before the new file replaced the old one
            byte[] k3 = Vault.newMasterKey();
            Files.writeString(tmp.resolve("master.key.new"), Base64.getEncoder().encodeToString(k3));
            Vault.open(store, Vault.readKey(keyFile)).rewrap(k3);
            Vault recovered = MasterKeyRotation.recover(store, keyFile, null);
            assertThat(recovered.decrypt(c)).isEqualTo("secret owner");
            assertThat(Vault.readKey(keyFile)).isEqualTo(k3);
            assertThat(Files.exists(tmp.resolve("master.key.new"))).isFalse();
        }
    }
}
