package dev.vigil.detect.intel;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether a CVE's configurations apply to a device, from what the inventory knows of it:
 * vendor, model, firmware version, and software it announced (SSH banners).
 *
 * <p>NVD configurations are evaluated as NVD defines them: each configuration combines its nodes
 * with AND or OR (an AND of "vulnerable firmware" and "running on this hardware", whose platform
 * entries are {@code vulnerable:false}), each node combines its CPE matches, and a node or
 * configuration may be negated. A match needs the same vendor and product (after
 * {@link CpeNames} normalisation), and its version: the one version named, or the range
 * (versionStart/End Including/Excluding), compared with {@link VendorVersion}. "*" and "-" stand
 * for every version.
 *
 * <p>The logic is three-valued: when the model matches but the device's firmware version was never
 * seen, a version-bound match is "maybe", and so is a configuration that depends on it. The result
 * says which: a confirmed match, or a model match waiting for the version.
 */
public final class CpeMatcher {

    /** Three-valued truth. */
    enum T {
        NO, MAYBE, YES;

        static T and(T a, T b) {
            return a.ordinal() < b.ordinal() ? a : b;
        }

        static T or(T a, T b) {
            return a.ordinal() > b.ordinal() ? a : b;
        }

        T not() {
            return this == YES ? NO : this == NO ? YES : MAYBE;
        }
    }

    /**
     * Something a device runs or is.
     *
     * @param part "h" hardware, "o" firmware or operating system, "a" application
     * @param vendorKey vendor key
     * @param productKeys product keys it may go by (model with and without hardware revision, …)
     * @param version version, or null when not seen
     * @param source where the inventory got it ("model", "ssh banner")
     */
    public record Platform(String part, String vendorKey, Set<String> productKeys, String version, String source) {
    }

    /**
     * A CVE that applies.
     *
     * @param cve the record
     * @param confirmed true when every version condition was checked against a version seen
     * @param matched the vulnerable criteria that matched, with their ranges
     * @param platform what of the device they matched
     */
    public record Verdict(CveRecord cve, boolean confirmed, List<CveRecord.Match> matched, Platform platform) {
    }

    private CpeMatcher() {
    }

    private static final Pattern HW_REVISION = Pattern.compile("(?i)[\\s_-]*(?:hw\\s*)?(?:v|ver\\.?|rev\\.?)\\s*\\d+(?:\\.\\d+)?$");
    private static final Pattern PARENTHESES = Pattern.compile("\\s*\\([^)]*\\)");

    /** What a device is and runs, as platforms to match CPEs against. */
    public static List<Platform> platforms(String vendor, String model, String firmware, List<String> sshBanners) {
        List<Platform> out = new ArrayList<>();
        String vk = CpeNames.vendorKey(vendor);
        if (!vk.isEmpty() && model != null && !model.isBlank()) {
            Set<String> keys = modelKeys(model, vk);
            out.add(new Platform("h", vk, keys, null, "model"));
            out.add(new Platform("o", vk, keys, firmware, "firmware"));
        }
        for (String b : sshBanners == null ? List.<String>of() : sshBanners) {
            Platform p = sshSoftware(b);
            if (p != null) {
                out.add(p);
            }
        }
        return out;
    }

    static Set<String> modelKeys(String model, String vendorKey) {
        Set<String> keys = new LinkedHashSet<>();
        String m = model.trim();
        keys.add(CpeNames.productKey(m));
        String noParen = PARENTHESES.matcher(m).replaceAll("").trim();
        keys.add(CpeNames.productKey(noParen));
        String noRev = HW_REVISION.matcher(noParen).replaceAll("").trim();
        keys.add(CpeNames.productKey(noRev));
        for (String k : List.copyOf(keys)) {
            if (k.startsWith(vendorKey) && k.length() > vendorKey.length() + 1) {
                keys.add(k.substring(vendorKey.length()));
            }
        }
        keys.remove("");
        return keys;
    }

    private static final Pattern OPENSSH = Pattern.compile("(?i)^OpenSSH[_-]([\\w.]+)");
    private static final Pattern DROPBEAR = Pattern.compile("(?i)^dropbear(?:[_-]?ssh)?[_-]([\\d.]+)");

    /** OpenSSH and Dropbear from an SSH software banner ("OpenSSH_7.4p1", "dropbear_2019.78"). */
    static Platform sshSoftware(String banner) {
        Matcher m = OPENSSH.matcher(banner.trim());
        if (m.find()) {
            return new Platform("a", CpeNames.vendorKey("openbsd"), Set.of("openssh"), m.group(1), "ssh banner");
        }
        m = DROPBEAR.matcher(banner.trim());
        if (m.find()) {
            return new Platform("a", CpeNames.vendorKey("dropbear_ssh_project"), Set.of("dropbearssh", "dropbear"),
                    m.group(1), "ssh banner");
        }
        return null;
    }

    /** Whether the CVE applies to a device with these platforms; null when it does not. */
    public static Verdict evaluate(CveRecord cve, List<Platform> platforms) {
        if (cve.configurations() == null || platforms.isEmpty()) {
            return null;
        }
        Verdict best = null;
        for (CveRecord.Configuration cfg : cve.configurations()) {
            boolean and = "AND".equalsIgnoreCase(cfg.operator());
            T result = and ? T.YES : T.NO;
            List<CveRecord.Match> vulnerable = new ArrayList<>();
            Platform[] hit = new Platform[1];
            for (CveRecord.Node node : cfg.nodes()) {
                T n = node(node, platforms, vulnerable, hit);
                result = and ? T.and(result, n) : T.or(result, n);
            }
            if (cfg.negate()) {
                result = result.not();
            }
            if (result == T.NO || vulnerable.isEmpty()) {
                continue;
            }
            Verdict v = new Verdict(cve, result == T.YES, List.copyOf(vulnerable), hit[0]);
            if (best == null || (v.confirmed() && !best.confirmed())) {
                best = v;
            }
        }
        return best;
    }

    private static T node(CveRecord.Node node, List<Platform> platforms, List<CveRecord.Match> vulnerable,
            Platform[] hit) {
        boolean and = "AND".equalsIgnoreCase(node.operator());
        T result = and ? T.YES : T.NO;
        for (CveRecord.Match m : node.matches()) {
            T best = T.NO;
            for (Platform p : platforms) {
                T t = match(m, p);
                if (t.ordinal() > best.ordinal()) {
                    best = t;
                    if (m.vulnerable()) {
                        hit[0] = p;
                    }
                }
            }
            if (m.vulnerable() && best != T.NO && !node.negate()) {
                vulnerable.add(m);
            }
            result = and ? T.and(result, best) : T.or(result, best);
        }
        return node.negate() ? result.not() : result;
    }

    /** One criterion against one platform. */
    static T match(CveRecord.Match m, Platform p) {
        Cpe c;
        try {
            c = Cpe.parse(m.criteria());
        } catch (IllegalArgumentException e) {
            return T.NO;
        }
        if (!c.part().equals(Cpe.ANY) && !c.part().equals(p.part())) {
            return T.NO;
        }
        if (!CpeNames.vendorKey(c.vendor()).equals(p.vendorKey())) {
            return T.NO;
        }
        if (!p.productKeys().contains(CpeNames.productKey(c.product()))) {
            return T.NO;
        }
        if (c.hasVersion()) {
            if (p.version() == null) {
                return T.MAYBE;
            }
            String named = c.version();
            if (!c.update().equals(Cpe.ANY) && !c.update().equals(Cpe.NA) && !c.update().isEmpty()) {
                named = named + "-" + c.update();
            }
            if (VendorVersion.COMPARATOR.compare(p.version(), named) != 0
                    && !normalized(p.version()).equals(normalized(named))) {
                return T.NO;
            }
        }
        if (m.hasRange()) {
            if (p.version() == null) {
                return T.MAYBE;
            }
            return VendorVersion.inRange(p.version(), m.versionStartIncluding(), m.versionStartExcluding(),
                    m.versionEndIncluding(), m.versionEndExcluding()) ? T.YES : T.NO;
        }
        return T.YES;
    }

    private static String normalized(String v) {
        return CpeNames.alnum(v.toLowerCase(Locale.ROOT));
    }
}
