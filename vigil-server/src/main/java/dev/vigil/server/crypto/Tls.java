package dev.vigil.server.crypto;

import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import dev.vigil.store.db.PrivateFiles;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * HTTPS for the service: a certificate chain and private key from PEM files (what certbot or an
 * internal CA hands out), or a self-signed certificate Vigil makes for itself (EC P-256, one year,
 * names: localhost, the loopback addresses, the host name and the listen address), kept in the data
 * directory and renewed when it has less than 30 days left.
 */
public final class Tls {

    static final Duration SELF_SIGNED_VALIDITY = Duration.ofDays(365);
    static final Duration RENEW_BEFORE = Duration.ofDays(30);
    public static final char[] STORE_PASSWORD = "vigil".toCharArray();

    /** A key store for Jetty, and the certificate's SHA-256 fingerprint to show users. */
    public record Material(KeyStore keyStore, String fingerprint, X509Certificate certificate) {
    }

    private Tls() {
    }

    /** Loads a PEM certificate chain (leaf first) and its PEM private key (PKCS#8, PKCS#1 or SEC1). */
    public static Material load(Path certPem, Path keyPem) throws IOException, GeneralSecurityException {
        List<X509Certificate> chain = new ArrayList<>();
        JcaX509CertificateConverter cc = new JcaX509CertificateConverter();
        try (Reader r = Files.newBufferedReader(certPem, StandardCharsets.US_ASCII); PEMParser p = new PEMParser(r)) {
            Object o;
            while ((o = p.readObject()) != null) {
                if (o instanceof X509CertificateHolder h) {
                    chain.add(cc.getCertificate(h));
                }
            }
        } catch (NoSuchFileException e) {
            throw new IOException(certPem + ": no such file");
        }
        if (chain.isEmpty()) {
            throw new IOException(certPem + ": no PEM certificate in it");
        }
        PrivateKey key;
        try (Reader r = Files.newBufferedReader(keyPem, StandardCharsets.US_ASCII); PEMParser p = new PEMParser(r)) {
            Object o = p.readObject();
            JcaPEMKeyConverter kc = new JcaPEMKeyConverter();
            if (o instanceof PEMKeyPair kp) {
                key = kc.getPrivateKey(kp.getPrivateKeyInfo());
            } else if (o instanceof PrivateKeyInfo pki) {
                key = kc.getPrivateKey(pki);
            } else if (o == null) {
                throw new IOException(keyPem + ": no PEM private key in it");
            } else {
                throw new IOException(keyPem + ": an encrypted or unsupported key (" + o.getClass().getSimpleName()
                        + "); give an unencrypted PKCS#8 or PKCS#1 key, readable only by the service");
            }
        } catch (NoSuchFileException e) {
            throw new IOException(keyPem + ": no such file");
        }
        if (!chain.get(0).getPublicKey().equals(publicOf(key, chain.get(0)))) {
            throw new IOException(keyPem + " is not the key of the certificate in " + certPem);
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("vigil", key, STORE_PASSWORD, chain.toArray(X509Certificate[]::new));
        return new Material(ks, fingerprint(chain.get(0)), chain.get(0));
    }

    /** The public key matching a private key, checked by signing and verifying with the certificate's key. */
    private static java.security.PublicKey publicOf(PrivateKey key, X509Certificate cert) throws GeneralSecurityException {
        String alg = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : key.getAlgorithm().equals("RSA") ? "SHA256withRSA"
                : "Ed25519";
        java.security.Signature s = java.security.Signature.getInstance(alg);
        s.initSign(key);
        byte[] probe = "vigil key check".getBytes(StandardCharsets.US_ASCII);
        s.update(probe);
        byte[] sig = s.sign();
        java.security.Signature v = java.security.Signature.getInstance(alg);
        v.initVerify(cert.getPublicKey());
        v.update(probe);
        return v.verify(sig) ? cert.getPublicKey() : null;
    }

    /** The self-signed certificate in {@code dir} (made or renewed as needed): {cert, key} paths. */
    public static Path[] selfSigned(Path dir, String listenHost) throws IOException, GeneralSecurityException {
        Path cert = dir.resolve("server.crt");
        Path key = dir.resolve("server.key");
        if (Files.exists(cert) && Files.exists(key)) {
            try {
                Material m = load(cert, key);
                if (m.certificate().getNotAfter().toInstant().isAfter(Instant.now().plus(RENEW_BEFORE))) {
                    return new Path[] {cert, key};
                }
            } catch (IOException | GeneralSecurityException e) {
                // unreadable: make a new one
            }
        }
        PrivateFiles.directory(dir);
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
        KeyPair kp = g.generateKeyPair();
        Set<String> names = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "::1"));
        try {
            names.add(InetAddress.getLocalHost().getHostName());
        } catch (IOException e) {
            // no host name
        }
        if (listenHost != null && !listenHost.isBlank() && !listenHost.equals("0.0.0.0") && !listenHost.equals("::")) {
            names.add(listenHost);
        }
        List<GeneralName> san = new ArrayList<>();
        for (String n : names) {
            boolean ip = n.matches("[0-9.]+") || n.contains(":");
            san.add(new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, n));
        }
        Instant now = Instant.now();
        X500Name subject = new X500Name("CN=Vigil self-signed (" + names.iterator().next() + ")");
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, new BigInteger(64, new SecureRandom()),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(SELF_SIGNED_VALIDITY)), subject, kp.getPublic());
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(san.toArray(GeneralName[]::new)));
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        X509CertificateHolder h;
        try {
            h = b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate()));
        } catch (org.bouncycastle.operator.OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign the certificate: " + e.getMessage(), e);
        }
        X509Certificate c = new JcaX509CertificateConverter().getCertificate(h);
        writePem(key, new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(kp.getPrivate(), null).generate(), true);
        writePem(cert, c, false);
        return new Path[] {cert, key};
    }

    private static void writePem(Path file, Object o, boolean secret) throws IOException {
        java.io.StringWriter pem = new java.io.StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(pem)) {
            w.writeObject(o);
        }
        byte[] bytes = pem.toString().getBytes(StandardCharsets.US_ASCII);
        if (secret) {
            PrivateFiles.write(file, bytes);
        } else {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, bytes);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    static String fingerprint(X509Certificate c) throws GeneralSecurityException {
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
    }
}
