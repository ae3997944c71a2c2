package dev.vigil.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes (RFC 9106) in the PHC string format: 64 MiB, 3 passes (the memory and
 * passes of RFC 9106 §4's second recommended option), 1 lane, each computation under the
 * service's global cap ({@link PasswordChecks}). Hashes made with other parameters still verify
 * ({@link #current} says when one should be made again). Verification is constant-time.
 */
public final class Passwords {

    static final int MEMORY_KB = 65_536;
    static final int ITERATIONS = 3;
    static final int PARALLELISM = 1;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Passwords() {
    }

    public static String hash(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] h = derive(password, salt, MEMORY_KB, ITERATIONS, PARALLELISM);
        Base64.Encoder b = Base64.getEncoder().withoutPadding();
        return "$argon2id$v=19$m=" + MEMORY_KB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$" + b.encodeToString(salt)
                + "$" + b.encodeToString(h);
    }

    public static boolean verify(String password, String encoded) {
        String[] f = encoded.split("\\$");
        if (f.length != 6 || !f[1].equals("argon2id")) {
            return false;
        }
        int m = 0;
        int t = 0;
        int p = 0;
        for (String kv : f[3].split(",")) {
            String[] x = kv.split("=");
            switch (x[0]) {
                case "m" -> m = Integer.parseInt(x[1]);
                case "t" -> t = Integer.parseInt(x[1]);
                case "p" -> p = Integer.parseInt(x[1]);
                default -> {
                }
            }
        }
        byte[] salt = Base64.getDecoder().decode(f[4]);
        byte[] expected = Base64.getDecoder().decode(f[5]);
        return MessageDigest.isEqual(expected, derive(password, salt, m, t, p));
    }

    private static byte[] derive(String password, byte[] salt, int m, int t, int p) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13).withMemoryAsKB(m).withIterations(t).withParallelism(p)
                .withSalt(salt).build();
        Argon2BytesGenerator g = new Argon2BytesGenerator();
        g.init(params);
        byte[] out = new byte[32];
        g.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }

    /** A random password for first start and resets: 20 characters, no look-alikes. */
    public static String random() {
        String alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            s.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    /** True when a hash was made with the current parameters. */
    static boolean current(String encoded) {
        return encoded.contains("$m=" + MEMORY_KB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$");
    }
}
