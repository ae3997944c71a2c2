package dev.vigil.engine.proto.tls;

import java.util.HashMap;
import java.util.Map;

/** Names of TLS versions and cipher suites (IANA TLS parameters registry; SSL 2.0 cipher kinds). */
public final class TlsNames {

    private TlsNames() {
    }

    public static final int SSL2 = 0x0002;
    public static final int SSL3 = 0x0300;
    public static final int TLS10 = 0x0301;
    public static final int TLS11 = 0x0302;
    public static final int TLS12 = 0x0303;
    public static final int TLS13 = 0x0304;

    public static String version(int v) {
        return switch (v) {
            case SSL2 -> "SSLv2";
            case SSL3 -> "SSLv3";
            case TLS10 -> "TLSv1.0";
            case TLS11 -> "TLSv1.1";
            case TLS12 -> "TLSv1.2";
            case TLS13 -> "TLSv1.3";
            case 0xfeff -> "DTLSv1.0";
            case 0xfefd -> "DTLSv1.2";
            case 0xfefc -> "DTLSv1.3";
            case 0x0100 -> "DTLSv1.0-pre-standard";
            default -> (v & 0xff00) == 0x7f00 ? "TLSv1.3-draft" + (v & 0xff) : String.format("0x%04x", v);
        };
    }

    /** GREASE values (RFC 8701): 0x0a0a, 0x1a1a, … 0xfafa. */
    public static boolean grease(int v) {
        return (v & 0x0f0f) == 0x0a0a && ((v >>> 8) & 0xff) == (v & 0xff);
    }

    public static String cipher(int suite) {
        String n = CIPHERS.get(suite);
        return n != null ? n : suite > 0xffff ? String.format("0x%06x", suite) : String.format("0x%04x", suite);
    }

    private static final Map<Integer, String> CIPHERS = new HashMap<>();

    static {
        String table = """
                0000 TLS_NULL_WITH_NULL_NULL
                0001 TLS_RSA_WITH_NULL_MD5
                0002 TLS_RSA_WITH_NULL_SHA
                0003 TLS_RSA_EXPORT_WITH_RC4_40_MD5
                0004 TLS_RSA_WITH_RC4_128_MD5
                0005 TLS_RSA_WITH_RC4_128_SHA
                0006 TLS_RSA_EXPORT_WITH_RC2_CBC_40_MD5
                0007 TLS_RSA_WITH_IDEA_CBC_SHA
                0008 TLS_RSA_EXPORT_WITH_DES40_CBC_SHA
                0009 TLS_RSA_WITH_DES_CBC_SHA
                000a TLS_RSA_WITH_3DES_EDE_CBC_SHA
                000b TLS_DH_DSS_EXPORT_WITH_DES40_CBC_SHA
                000c TLS_DH_DSS_WITH_DES_CBC_SHA
                000d TLS_DH_DSS_WITH_3DES_EDE_CBC_SHA
                000e TLS_DH_RSA_EXPORT_WITH_DES40_CBC_SHA
                000f TLS_DH_RSA_WITH_DES_CBC_SHA
                0010 TLS_DH_RSA_WITH_3DES_EDE_CBC_SHA
                0011 TLS_DHE_DSS_EXPORT_WITH_DES40_CBC_SHA
                0012 TLS_DHE_DSS_WITH_DES_CBC_SHA
                0013 TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA
                0014 TLS_DHE_RSA_EXPORT_WITH_DES40_CBC_SHA
                0015 TLS_DHE_RSA_WITH_DES_CBC_SHA
                0016 TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA
                0017 TLS_DH_anon_EXPORT_WITH_RC4_40_MD5
                0018 TLS_DH_anon_WITH_RC4_128_MD5
                0019 TLS_DH_anon_EXPORT_WITH_DES40_CBC_SHA
                001a TLS_DH_anon_WITH_DES_CBC_SHA
                001b TLS_DH_anon_WITH_3DES_EDE_CBC_SHA
                002f TLS_RSA_WITH_AES_128_CBC_SHA
                0030 TLS_DH_DSS_WITH_AES_128_CBC_SHA
                0031 TLS_DH_RSA_WITH_AES_128_CBC_SHA
                0032 TLS_DHE_DSS_WITH_AES_128_CBC_SHA
                0033 TLS_DHE_RSA_WITH_AES_128_CBC_SHA
                0034 TLS_DH_anon_WITH_AES_128_CBC_SHA
                0035 TLS_RSA_WITH_AES_256_CBC_SHA
                0036 TLS_DH_DSS_WITH_AES_256_CBC_SHA
                0037 TLS_DH_RSA_WITH_AES_256_CBC_SHA
                0038 TLS_DHE_DSS_WITH_AES_256_CBC_SHA
                0039 TLS_DHE_RSA_WITH_AES_256_CBC_SHA
                003a TLS_DH_anon_WITH_AES_256_CBC_SHA
                003b TLS_RSA_WITH_NULL_SHA256
                003c TLS_RSA_WITH_AES_128_CBC_SHA256
                003d TLS_RSA_WITH_AES_256_CBC_SHA256
                0040 TLS_DHE_DSS_WITH_AES_128_CBC_SHA256
                0041 TLS_RSA_WITH_CAMELLIA_128_CBC_SHA
                0045 TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA
                0062 TLS_RSA_EXPORT1024_WITH_DES_CBC_SHA
                0063 TLS_DHE_DSS_EXPORT1024_WITH_DES_CBC_SHA
                0064 TLS_RSA_EXPORT1024_WITH_RC4_56_SHA
                0065 TLS_DHE_DSS_EXPORT1024_WITH_RC4_56_SHA
                0066 TLS_DHE_DSS_WITH_RC4_128_SHA
                0067 TLS_DHE_RSA_WITH_AES_128_CBC_SHA256
                006a TLS_DHE_DSS_WITH_AES_256_CBC_SHA256
                006b TLS_DHE_RSA_WITH_AES_256_CBC_SHA256
                0084 TLS_RSA_WITH_CAMELLIA_256_CBC_SHA
                0088 TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA
                008a TLS_PSK_WITH_RC4_128_SHA
                008c TLS_PSK_WITH_AES_128_CBC_SHA
                008d TLS_PSK_WITH_AES_256_CBC_SHA
                0096 TLS_RSA_WITH_SEED_CBC_SHA
                009c TLS_RSA_WITH_AES_128_GCM_SHA256
                009d TLS_RSA_WITH_AES_256_GCM_SHA384
                009e TLS_DHE_RSA_WITH_AES_128_GCM_SHA256
                009f TLS_DHE_RSA_WITH_AES_256_GCM_SHA384
                00a2 TLS_DHE_DSS_WITH_AES_128_GCM_SHA256
                00a3 TLS_DHE_DSS_WITH_AES_256_GCM_SHA384
                00a8 TLS_PSK_WITH_AES_128_GCM_SHA256
                00a9 TLS_PSK_WITH_AES_256_GCM_SHA384
                00ae TLS_PSK_WITH_AES_128_CBC_SHA256
                00af TLS_PSK_WITH_AES_256_CBC_SHA384
                00ff TLS_EMPTY_RENEGOTIATION_INFO_SCSV
                1301 TLS_AES_128_GCM_SHA256
                1302 TLS_AES_256_GCM_SHA384
                1303 TLS_CHACHA20_POLY1305_SHA256
                1304 TLS_AES_128_CCM_SHA256
                1305 TLS_AES_128_CCM_8_SHA256
                5600 TLS_FALLBACK_SCSV
                c001 TLS_ECDH_ECDSA_WITH_NULL_SHA
                c002 TLS_ECDH_ECDSA_WITH_RC4_128_SHA
                c003 TLS_ECDH_ECDSA_WITH_3DES_EDE_CBC_SHA
                c004 TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA
                c005 TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA
                c006 TLS_ECDHE_ECDSA_WITH_NULL_SHA
                c007 TLS_ECDHE_ECDSA_WITH_RC4_128_SHA
                c008 TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA
                c009 TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA
                c00a TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA
                c00b TLS_ECDH_RSA_WITH_NULL_SHA
                c00c TLS_ECDH_RSA_WITH_RC4_128_SHA
                c00d TLS_ECDH_RSA_WITH_3DES_EDE_CBC_SHA
                c00e TLS_ECDH_RSA_WITH_AES_128_CBC_SHA
                c00f TLS_ECDH_RSA_WITH_AES_256_CBC_SHA
                c010 TLS_ECDHE_RSA_WITH_NULL_SHA
                c011 TLS_ECDHE_RSA_WITH_RC4_128_SHA
                c012 TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA
                c013 TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA
                c014 TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA
                c015 TLS_ECDH_anon_WITH_NULL_SHA
                c016 TLS_ECDH_anon_WITH_RC4_128_SHA
                c017 TLS_ECDH_anon_WITH_3DES_EDE_CBC_SHA
                c018 TLS_ECDH_anon_WITH_AES_128_CBC_SHA
                c019 TLS_ECDH_anon_WITH_AES_256_CBC_SHA
                c023 TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256
                c024 TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384
                c025 TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA256
                c026 TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA384
                c027 TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256
                c028 TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384
                c029 TLS_ECDH_RSA_WITH_AES_128_CBC_SHA256
                c02a TLS_ECDH_RSA_WITH_AES_256_CBC_SHA384
                c02b TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256
                c02c TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384
                c02d TLS_ECDH_ECDSA_WITH_AES_128_GCM_SHA256
                c02e TLS_ECDH_ECDSA_WITH_AES_256_GCM_SHA384
                c02f TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256
                c030 TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384
                c031 TLS_ECDH_RSA_WITH_AES_128_GCM_SHA256
                c032 TLS_ECDH_RSA_WITH_AES_256_GCM_SHA384
                c035 TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA
                c036 TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA
                c09c TLS_RSA_WITH_AES_128_CCM
                c09d TLS_RSA_WITH_AES_256_CCM
                c0a4 TLS_PSK_WITH_AES_128_CCM
                c0a8 TLS_PSK_WITH_AES_128_CCM_8
                c0ac TLS_ECDHE_ECDSA_WITH_AES_128_CCM
                c0ae TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8
                cca8 TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256
                cca9 TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256
                ccaa TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256
                ccab TLS_PSK_WITH_CHACHA20_POLY1305_SHA256
                ccac TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256
                010080 SSL_CK_RC4_128_WITH_MD5
                020080 SSL_CK_RC4_128_EXPORT40_WITH_MD5
                030080 SSL_CK_RC2_128_CBC_WITH_MD5
                040080 SSL_CK_RC2_128_CBC_EXPORT40_WITH_MD5
                050080 SSL_CK_IDEA_128_CBC_WITH_MD5
                060040 SSL_CK_DES_64_CBC_WITH_MD5
                0700c0 SSL_CK_DES_192_EDE3_CBC_WITH_MD5
                """;
        for (String line : table.split("\n")) {
            String t = line.trim();
            if (!t.isEmpty()) {
                int sp = t.indexOf(' ');
                CIPHERS.put(Integer.parseInt(t.substring(0, sp), 16), t.substring(sp + 1));
            }
        }
    }
}
