package dev.vigil.enforce.mud;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.util.Store;

/**
 * Verifies the detached CMS signature of a MUD file (RFC 8520 signs the file as an opaque binary
 * object with CMS, RFC 5652, DER-encoded, intermediates included): the signature must be over
 * these exact bytes, by a certificate the signature carries, whose key usage has digitalSignature
 * and which chains (through the carried intermediates) to one of the trust anchors at the time of
 * checking.
 */
public final class MudSignatures {

    /** The outcome: a status, a line, and the signer when the signature matched. */
    public record Verdict(MudCheck.Status status, String message, String signer) {
    }

    private final Set<TrustAnchor> anchors;

    public MudSignatures(List<X509Certificate> trustAnchors) {
        Set<TrustAnchor> a = new HashSet<>();
        for (X509Certificate c : trustAnchors) {
            a.add(new TrustAnchor(c, null));
        }
        this.anchors = Set.copyOf(a);
    }

    /** Reads PEM or DER certificates (a trust anchor file). */
    /** A TLS context that trusts only the CAs of a PEM file (a MUD server's private CA). */
    public static javax.net.ssl.SSLContext tls(byte[] caPem) throws GeneralSecurityException, java.io.IOException {
        java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        int i = 0;
        for (X509Certificate c : certificates(caPem)) {
            ks.setCertificateEntry("ca" + i++, c);
        }
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(
                javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    public static List<X509Certificate> certificates(byte[] bytes) throws GeneralSecurityException {
        Collection<? extends java.security.cert.Certificate> cs = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(bytes));
        List<X509Certificate> out = new ArrayList<>();
        for (java.security.cert.Certificate c : cs) {
            out.add((X509Certificate) c);
        }
        return out;
    }

    /**
     * @param content the MUD file's bytes, as fetched
     * @param signature the DER CMS SignedData
     * @param at when to judge certificate validity
     */
    public Verdict verify(byte[] content, byte[] signature, Date at) {
        CMSSignedData cms;
        try {
            cms = new CMSSignedData(new CMSProcessableByteArray(content), signature);
        } catch (CMSException | RuntimeException e) {
            return new Verdict(MudCheck.Status.MALFORMED, "the signature is not DER-encoded CMS SignedData: " + e.getMessage(),
                    null);
        }
        Store<X509CertificateHolder> store = cms.getCertificates();
        Collection<SignerInformation> signers = cms.getSignerInfos().getSigners();
        if (signers.isEmpty()) {
            return new Verdict(MudCheck.Status.MALFORMED, "the signature has no signer", null);
        }
        JcaX509CertificateConverter conv = new JcaX509CertificateConverter();
        for (SignerInformation si : signers) {
            @SuppressWarnings("unchecked")
            Collection<X509CertificateHolder> match = store.getMatches(si.getSID());
            if (match.isEmpty()) {
                return new Verdict(MudCheck.Status.WRONG_SIGNER, "the signature carries no certificate for its signer", null);
            }
            X509Certificate cert;
            try {
                cert = conv.getCertificate(match.iterator().next());
                if (!si.verify(new JcaSimpleSignerInfoVerifierBuilder().build(cert))) {
                    return new Verdict(MudCheck.Status.TAMPERED, "the signature does not match the file: it was changed after "
                            + "signing", null);
                }
            } catch (CMSException e) {
                // a digest over other bytes than these: the content was altered
                return new Verdict(MudCheck.Status.TAMPERED, "the signature does not match the file (" + e.getMessage() + ")",
                        null);
            } catch (GeneralSecurityException | OperatorCreationException e) {
                return new Verdict(MudCheck.Status.MALFORMED, "cannot check the signature: " + e.getMessage(), null);
            }
            String subject = cert.getSubjectX500Principal().getName();
            boolean[] ku = cert.getKeyUsage();
            if (ku == null || !ku[0]) {
                return new Verdict(MudCheck.Status.WRONG_SIGNER, "the signer " + subject + " may not sign: its key usage lacks "
                        + "digitalSignature (RFC 8520)", subject);
            }
            String chain = chain(cert, store, conv, at);
            if (chain != null) {
                return new Verdict(MudCheck.Status.WRONG_SIGNER, "the signer " + subject + " is not trusted: " + chain, subject);
            }
            return new Verdict(MudCheck.Status.VERIFIED, "signed by " + subject, subject);
        }
        return new Verdict(MudCheck.Status.MALFORMED, "no signer", null);
    }

    /** Null when the certificate chains to an anchor at {@code at}, else why not. */
    private String chain(X509Certificate cert, Store<X509CertificateHolder> store, JcaX509CertificateConverter conv, Date at) {
        if (anchors.isEmpty()) {
            return "no trust anchor is configured";
        }
        try {
            List<X509Certificate> path = new ArrayList<>();
            path.add(cert);
            @SuppressWarnings("unchecked")
            Collection<X509CertificateHolder> all = store.getMatches(null);
            List<X509Certificate> pool = new ArrayList<>();
            for (X509CertificateHolder h : all) {
                pool.add(conv.getCertificate(h));
            }
            // walk up through the carried certificates until an anchor's subject is the issuer
            X509Certificate cur = cert;
            for (int depth = 0; depth < 8; depth++) {
                X509Certificate issuerCert = null;
                for (X509Certificate c : pool) {
                    if (c.getSubjectX500Principal().equals(cur.getIssuerX500Principal()) && !c.equals(cur)) {
                        issuerCert = c;
                    }
                }
                if (issuerCert == null) {
                    break;
                }
                path.add(issuerCert);
                cur = issuerCert;
            }
            PKIXParameters params = new PKIXParameters(anchors);
            params.setRevocationEnabled(false);
            params.setDate(at);
            var cp = CertificateFactory.getInstance("X.509").generateCertPath(path.stream()
                    .filter(c -> anchors.stream().noneMatch(a -> a.getTrustedCert().equals(c))).toList());
            CertPathValidator.getInstance("PKIX").validate(cp, params);
            return null;
        } catch (GeneralSecurityException e) {
            return e.getMessage();
        }
    }
}
