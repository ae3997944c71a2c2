package dev.vigil.engine.proto.tls;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Reads X.509 certificates with the JDK's own parser; a certificate it rejects is left out. The
 * same certificates cross a network again and again, so the last {@link #CACHE} distinct ones are
 * kept (by their bytes, {@link #CACHE_BYTES} at most: hostile peers can send large distinct blobs)
 * and not parsed twice.
 */
final class CertificateParser {

    static final int CACHE = 4096;
    /** Most certificate bytes the cache holds; a certificate larger than a 16th of it is not kept. */
    static final int CACHE_BYTES = 8 << 20;

    /** One parser (and cache) per pipeline thread, shared by all its TLS flows. */
    private static final ThreadLocal<CertificateParser> SHARED = ThreadLocal.withInitial(CertificateParser::new);

    static CertificateParser shared() {
        return SHARED.get();
    }

    private final CertificateFactory factory;
    private final java.util.LinkedHashMap<Integer, Object[]> cache = new java.util.LinkedHashMap<>(64, 0.75f, true);
    private long cachedBytes;

    CertificateParser() {
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("X.509 is part of every JDK", e);
        }
    }

    /** Parses one DER certificate (or returns the cached result for the same bytes); null when invalid. */
    CertificateInfo parse(byte[] b, int off, int len) {
        int h = 1;
        for (int i = off; i < off + len; i++) {
            h = 31 * h + b[i];
        }
        h = 31 * h + len;
        Object[] hit = cache.get(h);
        if (hit != null && java.util.Arrays.equals((byte[]) hit[0], 0, len, b, off, off + len)) {
            return (CertificateInfo) hit[1];
        }
        CertificateInfo info = parseUncached(b, off, len);
        if (len <= CACHE_BYTES / 16) {
            Object[] old = cache.put(h, new Object[] {java.util.Arrays.copyOfRange(b, off, off + len), info});
            cachedBytes += len - (old == null ? 0 : ((byte[]) old[0]).length);
            var eldest = cache.entrySet().iterator();
            while ((cache.size() > CACHE || cachedBytes > CACHE_BYTES) && eldest.hasNext()) {
                cachedBytes -= ((byte[]) eldest.next().getValue()[0]).length;
                eldest.remove();
            }
        }
        return info;
    }

    /** Certificate bytes held by the cache. */
    long cachedBytes() {
        return cachedBytes;
    }

    private CertificateInfo parseUncached(byte[] b, int off, int len) {
        X509Certificate c;
        try {
            c = (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(b, off, len));
        } catch (CertificateException | RuntimeException e) {
            return null;
        }
        byte[] der = java.util.Arrays.copyOfRange(b, off, off + len);
        String subject = c.getSubjectX500Principal().getName();
        String issuer = c.getIssuerX500Principal().getName();
        PublicKey key = c.getPublicKey();
        return new CertificateInfo(subject, issuer, commonName(subject), altNames(c),
                c.getNotBefore().getTime() * 1_000_000L, c.getNotAfter().getTime() * 1_000_000L,
                selfSigned(c), c.getSerialNumber().toString(16), colonHex(digest("SHA-1", der)),
                HexFormat.of().formatHex(digest("SHA-256", der)), key.getAlgorithm(), keyBits(key),
                HexFormat.of().formatHex(digest("SHA-256", key.getEncoded())), c.getSigAlgName());
    }

    private static boolean selfSigned(X509Certificate c) {
        if (!c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
            return false;
        }
        try {
            c.verify(c.getPublicKey());
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static String commonName(String dn) {
        try {
            for (Rdn rdn : new LdapName(dn).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return String.valueOf(rdn.getValue());
                }
            }
        } catch (InvalidNameException e) {
            return null;
        }
        return null;
    }

    private static List<String> altNames(X509Certificate c) {
        List<String> out = new ArrayList<>();
        try {
            Collection<List<?>> sans = c.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    Object type = san.get(0);
                    if ((Integer.valueOf(2).equals(type) || Integer.valueOf(7).equals(type)) && out.size() < 64) {
                        out.add(String.valueOf(san.get(1)));
                    }
                }
            }
        } catch (Exception e) {
            return List.of();
        }
        return List.copyOf(out);
    }

    private static int keyBits(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return rsa.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey ec) {
            return ec.getParams().getCurve().getField().getFieldSize();
        }
        return 0;
    }

    private static byte[] digest(String alg, byte[] data) {
        try {
            return MessageDigest.getInstance(alg).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(alg + " is part of every JDK", e);
        }
    }

    private static String colonHex(byte[] d) {
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(d);
    }
}
