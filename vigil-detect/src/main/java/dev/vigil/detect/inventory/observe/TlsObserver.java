package dev.vigil.detect.inventory.observe;

import dev.vigil.detect.inventory.Observer;
import dev.vigil.detect.inventory.Sightings;
import dev.vigil.engine.proto.tls.CertificateInfo;
import dev.vigil.engine.proto.tls.TlsCertificates;
import dev.vigil.engine.proto.tls.TlsClientHello;
import java.util.Locale;

/**
 * TLS (RFC 8446, RFC 5246): the server names a client asks for and its JA3/JA4 fingerprints, and the
 * subject of the certificate a server presents.
 */
public final class TlsObserver implements Observer {

    @Override
    public void register(Registrations on) {
        on.read(TlsClientHello.class, TlsObserver::clientHello);
        on.read(TlsCertificates.class, TlsObserver::certificates);
    }

    static void clientHello(TlsClientHello t, Sightings s) {
        if (t.sni() != null) {
            s.observe(t.flow(), false, "tls.sni", t.sni().toLowerCase(Locale.ROOT), t.ts());
        }
        s.observe(t.flow(), false, "tls.ja3", t.ja3Hash(), t.ts());
        s.observe(t.flow(), false, "tls.ja4", t.ja4(), t.ts());
    }

    static void certificates(TlsCertificates t, Sightings s) {
        if (t.chain().isEmpty() || t.fromClient()) {
            return;
        }
        CertificateInfo leaf = t.chain().get(0);
        s.observe(t.flow(), true, "tls.cert_subject", leaf.subject(), t.ts());
    }
}
