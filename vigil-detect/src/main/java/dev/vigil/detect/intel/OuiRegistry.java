package dev.vigil.detect.intel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * The IEEE registration authority's assignments (MA-L 24-bit, MA-M 28-bit, MA-S and IAB 36-bit),
 * bundled from Debian's ieee-data. Lookup takes the longest matching prefix. Locally administered
 * addresses (randomised phone MACs, virtual NICs) have no vendor, nor have addresses in the
 * all-zero block 00:00:00: it was Xerox's in the 1980s, but what carries it in traffic today is a
 * zero-filled address (tunnel and cooked captures, traffic generators, virtual interfaces).
 */
public final class OuiRegistry {

    private static volatile OuiRegistry bundled;

    /** Sorted keys: (prefix bits << 8) | prefix length; parallel organisation names. */
    private final long[] keys;
    private final String[] orgs;

    private OuiRegistry(long[] keys, String[] orgs) {
        this.keys = keys;
        this.orgs = orgs;
    }

    /** The registry bundled with Vigil (loaded once). */
    public static OuiRegistry bundled() {
        OuiRegistry r = bundled;
        if (r == null) {
            synchronized (OuiRegistry.class) {
                r = bundled;
                if (r == null) {
                    try (InputStream in = OuiRegistry.class.getResourceAsStream("/intel/oui.tsv.gz")) {
                        if (in == null) {
                            throw new IllegalStateException("the bundled IEEE registry (intel/oui.tsv.gz) is missing");
                        }
                        r = load(new GZIPInputStream(in, 1 << 16));
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read the bundled IEEE registry", e);
                    }
                    bundled = r;
                }
            }
        }
        return r;
    }

    /** Reads "hexprefix TAB organisation" lines (6, 7 or 9 hex digits). */
    public static OuiRegistry load(InputStream in) throws IOException {
        long[] k = new long[50_000];
        String[] o = new String[50_000];
        int n = 0;
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        String line;
        while ((line = r.readLine()) != null) {
            int tab = line.indexOf('\t');
            if (line.startsWith("#") || tab < 6 || tab > 9) {
                continue;
            }
            long prefix = Long.parseLong(line, 0, tab, 16);
            int bits = tab * 4;
            if (n == k.length) {
                k = Arrays.copyOf(k, n * 2);
                o = Arrays.copyOf(o, n * 2);
            }
            k[n] = (prefix << 8) | bits;
            o[n] = line.substring(tab + 1);
            n++;
        }
        // sort keys with their names
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        long[] kk = k;
        Arrays.sort(idx, (a, b) -> Long.compare(kk[a], kk[b]));
        long[] keys = new long[n];
        String[] orgs = new String[n];
        for (int i = 0; i < n; i++) {
            keys[i] = k[idx[i]];
            orgs[i] = o[idx[i]];
        }
        return new OuiRegistry(keys, orgs);
    }

    /** The organisation a MAC's prefix is assigned to, or null (unassigned, locally administered, zero-filled). */
    public String organisation(long mac) {
        if ((mac & 0x0200_0000_0000L) != 0 || mac >>> 24 == 0) {
            return null;
        }
        for (int bits : new int[] {36, 28, 24}) {
            long prefix = mac >>> (48 - bits);
            int i = Arrays.binarySearch(keys, (prefix << 8) | bits);
            if (i >= 0) {
                return orgs[i];
            }
        }
        return null;
    }

    public int size() {
        return keys.length;
    }
}
