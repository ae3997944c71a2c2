package dev.vigil.detect.intel;

import dev.vigil.engine.net.Cidr;
import dev.vigil.engine.net.Ip;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Known-bad destinations from indicator lists the operator supplies: one indicator a line (an IP
 * address, a CIDR block or a domain, which also covers its subdomains), optionally followed by a
 * comma or whitespace and a description; "#" starts a comment. CSV exports whose first column is the
 * indicator work as they are.
 */
public final class Indicators {

    private final Set<Ip> addresses = new HashSet<>();
    private final List<Cidr> blocks = new ArrayList<>();
    private final Map<String, String> domains = new HashMap<>();
    private final Map<String, String> notes = new HashMap<>();
    private final List<String> sources = new ArrayList<>();

    public static Indicators empty() {
        return new Indicators();
    }

    /** Reads one more list. Lines that are no indicator are refused with their number. */
    public void load(Path file) throws IOException {
        int n = 0;
        for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            n++;
            String line = raw.strip();
            int hash = line.indexOf('#');
            if (hash == 0 || line.isEmpty()) {
                continue;
            }
            String[] f = line.split("[,\\s]+", 2);
            String value = f[0].replace("\"", "").toLowerCase(Locale.ROOT);
            String note = f.length > 1 ? f[1].replace("\"", "").strip() : file.getFileName().toString();
            if (value.isEmpty() || value.equals("indicator") || value.equals("ioc") || value.equals("value")) {
                continue;
            }
            try {
                if (value.contains("/")) {
                    blocks.add(Cidr.parse(value));
                } else if (value.matches("[0-9.]+") || value.contains(":")) {
                    addresses.add(Ip.parse(value));
                } else if (value.matches("[a-z0-9_.-]+\\.[a-z0-9-]+\\.?")) {
                    domains.put(value.endsWith(".") ? value.substring(0, value.length() - 1) : value, note);
                    continue;
                } else {
                    throw new IllegalArgumentException("no indicator");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ":" + n + ": '" + f[0] + "' is not an address, block or domain");
            }
            notes.put(value, note);
        }
        sources.add(file.toString());
    }

    public boolean isEmpty() {
        return addresses.isEmpty() && blocks.isEmpty() && domains.isEmpty();
    }

    public int size() {
        return addresses.size() + blocks.size() + domains.size();
    }

    /** The matching indicator for an address, or null. */
    public String match(Ip ip) {
        if (ip == null) {
            return null;
        }
        if (addresses.contains(ip)) {
            return ip.toString();
        }
        for (Cidr c : blocks) {
            if (c.contains(ip)) {
                return c.toString();
            }
        }
        return null;
    }

    /** The matching indicator for a name (the name or one of its parent domains), or null. */
    public String match(String name) {
        if (name == null || domains.isEmpty()) {
            return null;
        }
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".")) {
            n = n.substring(0, n.length() - 1);
        }
        while (true) {
            if (domains.containsKey(n)) {
                return n;
            }
            int dot = n.indexOf('.');
            if (dot < 0) {
                return null;
            }
            n = n.substring(dot + 1);
        }
    }

    /** What the list said about an indicator. */
    public String note(String indicator) {
        return domains.containsKey(indicator) ? domains.get(indicator) : notes.get(indicator);
    }

    public List<String> sources() {
        return List.copyOf(sources);
    }
}
