package dev.vigil.detect.intel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Compares firmware and software versions as vendors write them: "V5.5.0 build 180212",
 * "1.0.7_20190613", "2.0.0-beta3", "V100R001C00SPC100", "1.1.4 Build 20230219 rel.69802".
 *
 * <p>A version is split into numeric and alphabetic tokens at every dot, dash, underscore, space
 * or change between digits and letters; a leading "v"/"ver"/"version" and the words "build",
 * "rel", "release" are dropped (what follows them is just another, lower-order number). Numbers
 * compare as numbers, words alphabetically. When one version runs out of tokens, a pre-release
 * word left on the other side (alpha, beta, rc, pre, dev, snapshot) makes that side older, and
 * anything else makes it newer; a missing number counts as 0: 1.2 &lt; 1.2.1, 1.2-rc1 &lt; 1.2 &lt;
 * 1.2-p1, 1.0.7 &lt; 1.0.7_20190613, 1.0.1 &lt; 1.0.1a (OpenSSL-style letter releases), and "1.0"
 * equals "1.0.0" equals "v1.0". At each position pre-release words sort before numbers and other
 * words after them, so the order is total and transitive.
 */
public final class VendorVersion implements Comparator<String> {

    public static final VendorVersion COMPARATOR = new VendorVersion();

    static final Set<String> DROPPED = Set.of("v", "ver", "version", "build", "bld", "rel", "release", "r", "firmware",
            "fw", "revision", "rev");
    static final Set<String> PRERELEASE = Set.of("alpha", "beta", "rc", "pre", "preview", "dev", "snapshot", "test",
            "trial", "eng");

    private VendorVersion() {
    }

    /** The tokens a version is compared by: Long for numbers, String (lower case) for words. */
    public static List<Object> tokens(String version) {
        List<Object> out = new ArrayList<>();
        String s = version.trim().toLowerCase(Locale.ROOT);
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isDigit(c)) {
                int j = i;
                while (j < n && Character.isDigit(s.charAt(j))) {
                    j++;
                }
                String digits = s.substring(i, j);
                // very long digit runs (hashes, serials) compare as words
                out.add(digits.length() > 18 ? digits : Long.parseLong(digits));
                i = j;
            } else if (Character.isLetter(c)) {
                int j = i;
                while (j < n && Character.isLetter(s.charAt(j))) {
                    j++;
                }
                String w = s.substring(i, j);
                if (!DROPPED.contains(w)) {
                    out.add(w);
                }
                i = j;
            } else {
                i++;
            }
        }
        return out;
    }

    @Override
    public int compare(String a, String b) {
        List<Object> x = tokens(a);
        List<Object> y = tokens(b);
        int n = Math.max(x.size(), y.size());
        for (int i = 0; i < n; i++) {
            // a missing token counts as 0 against a number ("1.0" = "1.0.0"), and against a word as
            // the end of the version (older than "-p1", newer than "-rc1")
            Object p = i < x.size() ? x.get(i) : null;
            Object q = i < y.size() ? y.get(i) : null;
            int c;
            if (p == null) {
                c = q instanceof Long l ? Long.compare(0, l) : PRERELEASE.contains((String) q) ? 1 : -1;
            } else if (q == null) {
                c = p instanceof Long l ? Long.compare(l, 0) : PRERELEASE.contains((String) p) ? -1 : 1;
            } else {
                c = compareToken(p, q);
            }
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static int compareToken(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        if (a instanceof String x && b instanceof String y) {
            boolean px = PRERELEASE.contains(x);
            boolean py = PRERELEASE.contains(y);
            if (px != py) {
                return px ? -1 : 1;
            }
            return x.compareTo(y);
        }
        // a number against a word: a pre-release word is older, any other word newer than a number
        if (a instanceof String x) {
            return PRERELEASE.contains(x) ? -1 : 1;
        }
        return PRERELEASE.contains((String) b) ? 1 : -1;
    }

    /** True when {@code version} lies in the range; null bounds are open. */
    public static boolean inRange(String version, String startIncluding, String startExcluding, String endIncluding,
            String endExcluding) {
        VendorVersion c = COMPARATOR;
        return (startIncluding == null || c.compare(version, startIncluding) >= 0)
                && (startExcluding == null || c.compare(version, startExcluding) > 0)
                && (endIncluding == null || c.compare(version, endIncluding) <= 0)
                && (endExcluding == null || c.compare(version, endExcluding) < 0);
    }
}
