package dev.vigil.detect.intel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Vendor and product names reduced to keys that compare across spellings: the inventory's "TP-Link"
 * and NVD's "tp-link", "D-Link" and "dlink", "Dasan" and "dasannetworks", "Archer AX21" and
 * "archer_ax21_firmware". Aliases that spelling alone cannot bridge (NVD's "ui" for Ubiquiti,
 * "signify" for Philips) come from the bundled table intel/cpe-vendor-aliases.tsv.
 */
public final class CpeNames {

    private static final String[] SUFFIXES = {"networks", "network", "technologies", "technology", "systems",
        "solutions", "communications", "electronics", "international", "corporation", "security", "project", "inc",
        "corp", "ltd", "co"};

    private static final Map<String, String> ALIASES = loadAliases();

    private CpeNames() {
    }

    /** The key of a vendor name, from any source. */
    public static String vendorKey(String vendor) {
        if (vendor == null) {
            return "";
        }
        String canonical = Vendors.canonical(vendor);
        String k = alnum(canonical == null ? vendor : canonical);
        String alias = ALIASES.get(k);
        if (alias != null) {
            return alias;
        }
        boolean stripped = true;
        while (stripped) {
            stripped = false;
            for (String s : SUFFIXES) {
                if (k.length() > s.length() + 1 && k.endsWith(s)) {
                    k = k.substring(0, k.length() - s.length());
                    stripped = true;
                }
            }
        }
        return ALIASES.getOrDefault(k, k);
    }

    /** The key of a product or model name: "Archer AX21", "archer_ax21_firmware" and "ARCHER-AX21" are one. */
    public static String productKey(String product) {
        if (product == null) {
            return "";
        }
        String p = product.toLowerCase(Locale.ROOT).trim();
        for (String s : new String[] {"_firmware", " firmware", "-firmware"}) {
            if (p.endsWith(s)) {
                p = p.substring(0, p.length() - s.length());
            }
        }
        return alnum(p);
    }

    static String alnum(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = Character.toLowerCase(s.charAt(i));
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static Map<String, String> loadAliases() {
        Map<String, String> m = new HashMap<>();
        try (InputStream in = CpeNames.class.getResourceAsStream("/intel/cpe-vendor-aliases.tsv");
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                m.put(alnum(f[0]), alnum(f[1]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(m);
    }
}
