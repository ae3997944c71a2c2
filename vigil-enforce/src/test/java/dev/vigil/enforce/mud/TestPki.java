package dev.vigil.enforce.mud;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/** Certificates and CMS signatures made by the test itself with BouncyCastle: CAs, a TLS server, MUD signers. */
public final class TestPki {

    public record Issued(X509Certificate cert, PrivateKey key) {
    }

    private static long serial = 1;

    private TestPki() {
    }

    public static KeyPair keys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    public static Issued ca(String name) throws Exception {
        KeyPair kp = keys();
        X500Name n = new X500Name("CN=" + name);
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(n, BigInteger.valueOf(serial++), past(), future(), n,
                kp.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        return new Issued(sign(b, kp.getPrivate()), kp.getPrivate());
    }

    /** A leaf certificate: a MUD signer (digitalSignature unless {@code usage} says otherwise) or a TLS server for 127.0.0.1. */
    public static Issued leaf(Issued ca, String name, int usage, boolean tlsServer) throws Exception {
        KeyPair kp = keys();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(ca.cert().getSubjectX500Principal().getName()),
                BigInteger.valueOf(serial++), past(), future(), new X500Name("CN=" + name), kp.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
        if (tlsServer) {
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
        }
        return new Issued(sign(b, ca.key()), kp.getPrivate());
    }

    public static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey by) throws Exception {
        ContentSigner s = new JcaContentSignerBuilder("SHA256withECDSA").build(by);
        return new JcaX509CertificateConverter().getCertificate(b.build(s));
    }

    /** A detached CMS SignedData over {@code content}, DER, with the signer's certificate (RFC 8520's openssl cms -sign). */
    public static byte[] cms(byte[] content, Issued signer) throws Exception {
        CMSSignedDataGenerator g = new CMSSignedDataGenerator();
        ContentSigner s = new JcaContentSignerBuilder("SHA256withECDSA").build(signer.key());
        g.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                .build(s, signer.cert()));
        g.addCertificates(new JcaCertStore(List.of(signer.cert())));
        return g.generate(new CMSProcessableByteArray(content), false).getEncoded();
    }

    public static SSLContext server(Issued tls, Issued ca) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", tls.key(), new char[0], new java.security.cert.Certificate[] {tls.cert(), ca.cert()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, new char[0]);
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(kmf.getKeyManagers(), null, null);
        return c;
    }

    public static SSLContext trusting(X509Certificate ca) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("ca", ca);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(null, tmf.getTrustManagers(), null);
        return c;
    }

    private static Date past() {
        return new Date(System.currentTimeMillis() - 86_400_000L);
    }

    private static Date future() {
        return new Date(System.currentTimeMillis() + 30L * 86_400_000L);
    }
}
