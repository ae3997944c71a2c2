package dev.vigil.detect.hygiene;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Published default credentials: the 60 pairs hard-coded in the Mirai botnet (SecLists, MIT) and
 * vendor defaults from manuals (intel/vendor-default-credentials.tsv). Used passively (does a
 * credential seen on the wire match?) and actively (what {@code vigil probe} tries).
 */
public final class DefaultCredentials {

    /** One pair and where it comes from. */
    public record Pair(String user, String password, String source) {
    }

    private static volatile DefaultCredentials bundled;

    private final List<Pair> pairs;
    private final Map<String, String> byPair = new HashMap<>();
    private final Map<String, String> byPassword = new HashMap<>();
    private final Set<String> communities = new HashSet<>();

    DefaultCredentials(List<Pair> pairs) {
        this.pairs = List.copyOf(pairs);
        for (Pair p : pairs) {
            if (p.user().equals("(community)")) {
                communities.add(p.password());
                continue;
            }
            byPair.putIfAbsent(p.user() + '\u0000' + p.password(), p.source());
            byPassword.putIfAbsent(p.password(), p.source());
        }
    }

    public static DefaultCredentials bundled() {
        DefaultCredentials d = bundled;
        if (d == null) {
            List<Pair> pairs = new ArrayList<>();
            try (InputStream mirai = DefaultCredentials.class.getResourceAsStream("/intel/mirai-credentials.txt");
                 InputStream vendor = DefaultCredentials.class.getResourceAsStream("/intel/vendor-default-credentials.tsv")) {
                for (String line : lines(mirai)) {
                    // "user password", "(none)" for an empty password; one line has a trailing space
                    String[] f = line.stripTrailing().split(" ", 2);
                    if (f.length == 2) {
                        pairs.add(new Pair(f[0], f[1].equals("(none)") ? "" : f[1], "mirai"));
                    }
                }
                for (String line : lines(vendor)) {
                    if (line.startsWith("#") || line.isBlank()) {
                        continue;
                    }
                    String[] f = line.split("\t");
                    if (f.length >= 3) {
                        pairs.add(new Pair(f[0], f[1].equals("(none)") ? "" : f[1], "vendor default: " + f[2]));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            d = new DefaultCredentials(pairs);
            bundled = d;
        }
        return d;
    }

    /** Reads a user-supplied list: "user password" or "user TAB password" per line. */
    public static DefaultCredentials load(Path file) throws IOException {
        List<Pair> pairs = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.contains("\t") ? line.split("\t") : line.split(" ", 2);
            if (f.length >= 2) {
                pairs.add(new Pair(f[0].trim(), f[1].trim().equals("(none)") ? "" : f[1].trim(), file.getFileName().toString()));
            }
        }
        return new DefaultCredentials(pairs);
    }

    private static List<String> lines(InputStream in) throws IOException {
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String l;
            while ((l = r.readLine()) != null) {
                out.add(l);
            }
        }
        return out;
    }

    /** Where a user/password pair is published, or null. A null user matches by password alone. */
    public String match(String user, String password) {
        if (password == null) {
            return null;
        }
        if (user == null || user.isEmpty()) {
            return byPassword.get(password);
        }
        return byPair.get(user + '\u0000' + password);
    }

    /** True for a factory-default SNMP community. */
    public boolean defaultCommunity(String community) {
        return communities.contains(community);
    }

    /** Every user/password pair, Mirai's first, then vendors'. */
    public List<Pair> pairs() {
        return pairs.stream().filter(p -> !p.user().equals("(community)")).toList();
    }

    /**
     * The order an active check tries them in: vendors' factory defaults first (what a device left
     * as shipped has), then Mirai's, each pair once.
     */
    public List<Pair> probeOrder() {
        java.util.LinkedHashMap<String, Pair> out = new java.util.LinkedHashMap<>();
        for (Pair p : pairs()) {
            if (!p.source().equals("mirai")) {
                out.putIfAbsent(p.user() + '\u0000' + p.password(), p);
            }
        }
        for (Pair p : pairs()) {
            out.putIfAbsent(p.user() + '\u0000' + p.password(), p);
        }
        return List.copyOf(out.values());
    }
}
