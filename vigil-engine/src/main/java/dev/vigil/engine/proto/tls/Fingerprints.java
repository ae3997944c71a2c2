package dev.vigil.engine.proto.tls;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * JA3 / JA3S (Salesforce) and JA4 (FoxIO) fingerprints of hellos. Inputs arrive with GREASE
 * values already removed.
 */
final class Fingerprints {

    private Fingerprints() {
    }

    static String ja3(int version, List<Integer> ciphers, List<Integer> extensions, List<Integer> groups,
            List<Integer> formats) {
        return version + "," + join(ciphers) + "," + join(extensions) + "," + join(groups) + "," + join(formats);
    }

    static String ja3s(int version, int cipher, List<Integer> extensions) {
        return version + "," + cipher + "," + join(extensions);
    }

    private static String join(List<Integer> l) {
        StringBuilder sb = new StringBuilder(l.size() * 5);
        for (int i = 0; i < l.size(); i++) {
            if (i > 0) {
                sb.append('-');
            }
            sb.append(l.get(i).intValue());
        }
        return sb.toString();
    }

    static String md5(String s) {
        return digest("MD5", s, 32);
    }

    /**
     * JA4_a _ JA4_b _ JA4_c. a: transport, version, SNI (d/i), cipher and extension counts (capped at
     * 99), first and last character of the first ALPN value; b: truncated SHA-256 of the sorted
     * cipher list; c: of the sorted extensions without SNI and ALPN, then the signature algorithms in
     * wire order.
     */
    static String ja4(char transport, int version, List<Integer> supportedVersions, boolean sni, List<Integer> ciphers,
            List<Integer> extensions, List<String> alpn, List<Integer> sigAlgs) {
        int v = supportedVersions.isEmpty() ? version : supportedVersions.stream().max(Integer::compare).get();
        String a = String.valueOf(transport) + versionCode(v) + (sni ? 'd' : 'i') + two(ciphers.size())
                + two(extensions.size()) + alpnCode(alpn);
        String b = ciphers.isEmpty() ? "000000000000" : sha12(sortedHex(ciphers));
        List<Integer> ext = new java.util.ArrayList<>(extensions.size());
        for (int e : extensions) {
            if (e != 0x0000 && e != 0x0010) {
                ext.add(e);
            }
        }
        String c;
        if (ext.isEmpty()) {
            c = "000000000000";
        } else {
            StringBuilder s = new StringBuilder(sortedHex(ext));
            if (!sigAlgs.isEmpty()) {
                s.append('_');
                for (int i = 0; i < sigAlgs.size(); i++) {
                    if (i > 0) {
                        s.append(',');
                    }
                    hex4(s, sigAlgs.get(i));
                }
            }
            c = sha12(s.toString());
        }
        return a + "_" + b + "_" + c;
    }

    private static String versionCode(int v) {
        return switch (v) {
            case 0x0304 -> "13";
            case 0x0303 -> "12";
            case 0x0302 -> "11";
            case 0x0301 -> "10";
            case 0x0300 -> "s3";
            case 0x0002 -> "s2";
            case 0xfeff -> "d1";
            case 0xfefd -> "d2";
            case 0xfefc -> "d3";
            default -> "00";
        };
    }

    private static String two(int n) {
        return n > 99 ? "99" : n < 10 ? "0" + n : String.valueOf(n);
    }

    private static String alpnCode(List<String> alpn) {
        if (alpn.isEmpty() || alpn.get(0).isEmpty()) {
            return "00";
        }
        String first = alpn.get(0);
        char f = first.charAt(0);
        char l = first.charAt(first.length() - 1);
        if (alnum(f) && alnum(l)) {
            return "" + f + l;
        }
        String hex = HexFormat.of().formatHex(first.getBytes(StandardCharsets.ISO_8859_1));
        return "" + hex.charAt(0) + hex.charAt(hex.length() - 1);
    }

    private static boolean alnum(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    /** Values as four-digit lower-case hex, sorted (as hex strings, which for 16-bit values is numeric order). */
    private static String sortedHex(List<Integer> l) {
        int[] v = new int[l.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = l.get(i) & 0xffff;
        }
        java.util.Arrays.sort(v);
        StringBuilder sb = new StringBuilder(v.length * 5);
        for (int i = 0; i < v.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            hex4(sb, v[i]);
        }
        return sb.toString();
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private static void hex4(StringBuilder sb, int v) {
        sb.append(HEX[(v >>> 12) & 0xf]).append(HEX[(v >>> 8) & 0xf]).append(HEX[(v >>> 4) & 0xf]).append(HEX[v & 0xf]);
    }

    private static String sha12(String s) {
        return digest("SHA-256", s, 12);
    }

    private static String digest(String alg, String s, int chars) {
        try {
            byte[] d = MessageDigest.getInstance(alg).digest(s.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(d).substring(0, chars);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(alg + " is part of every JDK", e);
        }
    }
}
