package dev.vigil.server.auth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a new password must be (NIST SP 800-63B §5.1.1.2, OWASP ASVS 4.0.3 V2.1): at least 12
 * characters, at most 256; not the user name or built on it; not the one it replaces (the
 * one-time password among them); not a short pattern repeated; and not one of the 30,000 most
 * common passwords of a public breach corpus, whole or with digits and symbols around it
 * ({@code resources/auth/common-passwords.txt}, see NOTICE).
 */
public final class PasswordPolicy {

    static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 256;
    /** Fewer different characters than this is a repetition, whatever the length. */
    static final int MIN_DISTINCT = 5;
    private static final Pattern REPEATED = Pattern.compile("(.{1,6}?)\\1+", Pattern.DOTALL);
    private static final Pattern AROUND = Pattern.compile("^[^\\p{L}]+|[^\\p{L}]+$");
    private static final Set<String> COMMON = load();

    private PasswordPolicy() {
    }

    /** Why {@code password} may not be chosen by {@code username} to replace {@code current}, or null. */
    public static String weakness(String password, String username, String current) {
        if (password == null || password.length() < MIN_LENGTH) {
            return "a password needs at least " + MIN_LENGTH + " characters";
        }
        if (password.length() > MAX_LENGTH) {
            return "a password has at most " + MAX_LENGTH + " characters";
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (password.equals(current)) {
            return "choose a new password of your own, not the one it replaces";
        }
        if (username != null && username.length() >= 3 && lower.contains(username.toLowerCase(Locale.ROOT))) {
            return "a password must not contain the user name";
        }
        if (password.codePoints().distinct().count() < MIN_DISTINCT || REPEATED.matcher(password).matches()) {
            return "that password is a repetition; choose one that is not";
        }
        String core = AROUND.matcher(lower).replaceAll("");
        if (COMMON.contains(lower) || core.length() >= 4 && COMMON.contains(core) || lower.contains("password")) {
            return "that password is on a list of common and breached passwords; choose another";
        }
        return null;
    }

    private static Set<String> load() {
        Set<String> s = new HashSet<>(40_000);
        try (InputStream in = PasswordPolicy.class.getResourceAsStream("/auth/common-passwords.txt");
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.startsWith("#") && !line.isBlank()) {
                    s.add(line.trim().toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(s);
    }
}
