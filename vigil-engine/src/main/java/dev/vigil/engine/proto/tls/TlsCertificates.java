package dev.vigil.engine.proto.tls;

import dev.vigil.engine.flow.FlowEvent;
import dev.vigil.engine.flow.FlowMeta;
import java.util.List;

/**
 * The certificate chain a server (or a client, for mutual TLS) sent in the clear (TLS 1.2 and
 * earlier, SSL 2.0; TLS 1.3 encrypts it).
 *
 * @param ts packet time
 * @param flow the flow
 * @param fromClient a client certificate
 * @param chain certificates, leaf first; unparseable ones are left out and counted
 */
public record TlsCertificates(long ts, FlowMeta flow, boolean fromClient, List<CertificateInfo> chain)
        implements FlowEvent {

    @Override
    public String kind() {
        return "tls.certificates";
    }
}
