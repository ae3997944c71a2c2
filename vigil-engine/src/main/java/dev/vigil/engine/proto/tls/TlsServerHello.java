package dev.vigil.engine.proto.tls;

import dev.vigil.engine.flow.FlowEvent;
import dev.vigil.engine.flow.FlowMeta;
import java.util.List;

/**
 * A ServerHello: what the server chose.
 *
 * @param ts packet time
 * @param flow the flow
 * @param protocol "tls" or "dtls"
 * @param legacyVersion server_version field
 * @param version negotiated version (supported_versions when present)
 * @param versionName negotiated version by name
 * @param cipherSuite chosen cipher suite
 * @param cipherName its IANA name, or "0x…" when unknown
 * @param extensions extension types in order
 * @param alpn selected ALPN protocol, or null
 * @param heartbeat the heartbeat extension (RFC 6520) was accepted
 * @param sslv2Format an SSL 2.0 SERVER-HELLO
 * @param ja3s JA3S string
 * @param ja3sHash MD5 of the JA3S string
 */
public record TlsServerHello(long ts, FlowMeta flow, String protocol, int legacyVersion, int version,
        String versionName, int cipherSuite, String cipherName, List<Integer> extensions, String alpn,
        boolean heartbeat, boolean sslv2Format, String ja3s, String ja3sHash) implements FlowEvent {

    @Override
    public String kind() {
        return protocol + ".server_hello";
    }
}
