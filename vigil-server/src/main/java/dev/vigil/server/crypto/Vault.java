package dev.vigil.server.crypto;

import dev.vigil.store.Stores;
import dev.vigil.store.audit.AuditStore;
import dev.vigil.store.db.FieldCipher;
import dev.vigil.store.db.PrivateFiles;
import dev.vigil.store.db.Transactions;
import dev.vigil.store.keys.DataKeyRow;
import dev.vigil.store.keys.DataKeyStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Field encryption. A 256-bit master key (from a key file or the VIGIL_MASTER_KEY environment
 * variable, base64) wraps data keys, which are stored wrapped in the data_keys table; one is active
 * and encrypts new values, all of them decrypt. A value is stored as {@code v1:<key id>:<base64 of
 * nonce, ciphertext and tag>} (AES-256-GCM, 96-bit random nonce, the key id as associated data).
 * Rotation adds a new active data key and re-encrypts rows in the background; old keys stay until no
 * row uses them. Tokens (HMAC-SHA-256 under a key derived from the master key) make a field joinable
 * without making it readable.
 */
public final class Vault implements FieldCipher {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PREFIX = "v1:";

    static final String TOKEN_KEY = "tokens";
    /** The audit chain's HMAC key ({@link dev.vigil.store.audit.AuditStore}), beside the data keys like the token key. */
    static final String AUDIT_KEY = "audit";

    private volatile byte[] master;
    private final Map<String, byte[]> keys = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile String active;
    private byte[] tokenKey;
    private byte[] auditKey;

    private final DataKeyStore dataKeys;
    private final Transactions transactions;

    private Vault(byte[] master, DataKeyStore dataKeys, Transactions transactions) {
        this.master = master;
        this.dataKeys = dataKeys;
        this.transactions = transactions;
    }

    /**
     * The master key: the VIGIL_MASTER_KEY environment variable, else the key file, which is created
     * (mode 600) when missing.
     */
    public static byte[] masterKey(Path keyFile, String env) throws IOException {
        if (env != null && !env.isBlank()) {
            return decode32(env.trim(), "VIGIL_MASTER_KEY");
        }
        if (!Files.exists(keyFile)) {
            byte[] k = new byte[32];
            RANDOM.nextBytes(k);
            PrivateFiles.directory(keyFile.toAbsolutePath().getParent());
            PrivateFiles.write(keyFile, (Base64.getEncoder().encodeToString(k) + "\n").getBytes(StandardCharsets.US_ASCII));
            return k;
        }
        return decode32(Files.readString(keyFile).trim(), keyFile.toString());
    }

    /** Reads a key file (base64 of 32 bytes). */
    public static byte[] readKey(Path keyFile) throws IOException {
        return decode32(Files.readString(keyFile).trim(), keyFile.toString());
    }

    /** A new random master key. */
    public static byte[] newMasterKey() {
        byte[] k = new byte[32];
        RANDOM.nextBytes(k);
        return k;
    }

    private static byte[] decode32(String b64, String where) {
        byte[] k;
        try {
            k = Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": the master key is not base64");
        }
        if (k.length != 32) {
            throw new IllegalArgumentException(where + ": the master key must be 32 bytes (256 bits), not " + k.length);
        }
        return k;
    }

    /** Loads (or creates) the data keys, and gives the audit stores the chain's key. */
    public static Vault open(Stores stores, byte[] master) throws GeneralSecurityException {
        Vault v = new Vault(master, stores.dataKeys(), stores.transactions());
        try {
            stores.transactions().inTransaction(() -> v.load(stores.audit()));
        } catch (KeyFailure e) {
            throw e.cause;
        }
        stores.auditKey().set(v.auditKey);
        return v;
    }

    /** A checked exception carried out of a unit of work. */
    private static final class KeyFailure extends RuntimeException {
        final GeneralSecurityException cause;

        KeyFailure(GeneralSecurityException cause) {
            super(cause.getMessage(), cause, false, false);
            this.cause = cause;
        }
    }

    private void load(AuditStore audit) {
        for (DataKeyRow r : dataKeys.all()) {
            try {
                keys.put(r.id(), unwrap(r.id(), r.wrapped()));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the master key does not open data key " + r.id()
                        + " (wrong key file or VIGIL_MASTER_KEY?)");
            }
            if (r.active()) {
                active = r.id();
            }
        }
        if (active == null) {
            newKey();
        }
        // the tokenisation and audit keys live beside the data keys, so they survive a master key rotation
        tokenKey = keys.remove(TOKEN_KEY);
        if (tokenKey == null) {
            tokenKey = newSideKey(TOKEN_KEY);
        }
        auditKey = keys.remove(AUDIT_KEY);
        if (auditKey == null) {
            auditKey = newSideKey(AUDIT_KEY);
            audit.seal(auditKey);
        }
    }

    private byte[] newSideKey(String id) {
        byte[] k = new byte[32];
        RANDOM.nextBytes(k);
        dataKeys.add(id, wrapOrThrow(id, k), System.currentTimeMillis());
        return k;
    }

    /** Adds a data key and makes it the active one. */
    public String rotate() {
        return transactions.inTransaction(this::newKey);
    }

    private String newKey() {
        byte[] k = new byte[32];
        RANDOM.nextBytes(k);
        String id = UUID.randomUUID().toString().substring(0, 8);
        dataKeys.addActive(id, wrapOrThrow(id, k), System.currentTimeMillis());
        keys.put(id, k);
        active = id;
        return id;
    }

    private String wrapOrThrow(String id, byte[] k) {
        try {
            return wrap(id, k);
        } catch (GeneralSecurityException e) {
            throw new KeyFailure(e);
        }
    }

    /**
     * Re-wraps every data key under a new master key (master key rotation); the caller replaces the
     * key file once this returns.
     */
    public void rewrap(byte[] newMaster) throws GeneralSecurityException {
        Vault next = new Vault(newMaster, dataKeys, transactions);
        byte[] old = master;
        try {
            transactions.inTransaction(() -> {
                Map<String, byte[]> all = new HashMap<>(keys);
                all.put(TOKEN_KEY, tokenKey);
                all.put(AUDIT_KEY, auditKey);
                for (Map.Entry<String, byte[]> e : all.entrySet()) {
                    dataKeys.rewrap(e.getKey(), next.wrapOrThrow(e.getKey(), e.getValue()));
                }
                // under the store's write lock: no data key can be wrapped with the old key after this
                master = newMaster;
            });
        } catch (KeyFailure e) {
            master = old;
            throw e.cause;
        } catch (RuntimeException e) {
            master = old;
            throw e;
        }
    }

    /** Forgets data keys no stored value uses any more (after re-encryption); returns their ids. */
    public List<String> retire(java.util.Set<String> inUse) {
        List<String> gone = new java.util.ArrayList<>();
        transactions.inTransaction(() -> {
            for (String id : List.copyOf(keys.keySet())) {
                if (!id.equals(active) && !inUse.contains(id)) {
                    dataKeys.delete(id);
                    keys.remove(id);
                    gone.add(id);
                }
            }
        });
        return gone;
    }

    /** Ids of the data keys this vault holds. */
    public java.util.Set<String> keyIds() {
        return java.util.Set.copyOf(keys.keySet());
    }

    @Override
    public boolean isEncrypted(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    @Override
    public String prefix(String keyId) {
        return keyId == null ? PREFIX : PREFIX + keyId + ":";
    }

    public String activeKey() {
        return active;
    }

    private String wrap(String id, byte[] key) throws GeneralSecurityException {
        return Base64.getEncoder().encodeToString(seal(master, key, ("data key " + id).getBytes(StandardCharsets.UTF_8)));
    }

    private byte[] unwrap(String id, String wrapped) throws GeneralSecurityException {
        return open(master, Base64.getDecoder().decode(wrapped), ("data key " + id).getBytes(StandardCharsets.UTF_8));
    }

    /** Encrypts a value under the active data key; null stays null. */
    @Override
    public String encrypt(String plain) {
        if (plain == null) {
            return null;
        }
        String id = active;
        try {
            return PREFIX + id + ":" + Base64.getEncoder().encodeToString(seal(keys.get(id),
                    plain.getBytes(StandardCharsets.UTF_8), id.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    @Override
    public String decrypt(String stored) {
        if (stored == null) {
            return null;
        }
        if (!stored.startsWith(PREFIX)) {
            throw new IllegalStateException("not an encrypted value");
        }
        int c = stored.indexOf(':', PREFIX.length());
        String id = stored.substring(PREFIX.length(), c);
        byte[] k = keys.get(id);
        if (k == null) {
            throw new IllegalStateException("unknown data key " + id);
        }
        try {
            return new String(open(k, Base64.getDecoder().decode(stored.substring(c + 1)), id.getBytes(StandardCharsets.UTF_8)),
                    StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a stored value does not decrypt (tampered?)", e);
        }
    }

    @Override
    public String keyOf(String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return null;
        }
        return stored.substring(PREFIX.length(), stored.indexOf(':', PREFIX.length()));
    }

    /** A joinable, unreadable token of a value (case and surrounding space ignored). */
    @Override
    public String token(String value) {
        if (value == null) {
            return null;
        }
        try {
            return "t1:" + Base64.getUrlEncoder().withoutPadding().encodeToString(
                    hmac(tokenKey, value.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8))).substring(0, 32);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] seal(byte[] key, byte[] plain, byte[] aad) throws GeneralSecurityException {
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        c.updateAAD(aad);
        byte[] ct = c.doFinal(plain);
        byte[] out = new byte[12 + ct.length];
        System.arraycopy(nonce, 0, out, 0, 12);
        System.arraycopy(ct, 0, out, 12, ct.length);
        return out;
    }

    private static byte[] open(byte[] key, byte[] sealed, byte[] aad) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, sealed, 0, 12));
        c.updateAAD(aad);
        return c.doFinal(sealed, 12, sealed.length - 12);
    }

    private static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
        Mac m = Mac.getInstance("HmacSHA256");
        m.init(new SecretKeySpec(key, "HmacSHA256"));
        return m.doFinal(data);
    }
}
