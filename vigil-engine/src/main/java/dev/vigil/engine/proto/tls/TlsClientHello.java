package dev.vigil.engine.proto.tls;

import dev.vigil.engine.flow.FlowEvent;
import dev.vigil.engine.flow.FlowMeta;
import java.util.List;

/**
 * A TLS or DTLS ClientHello (RFC 8446 §4.1.2; RFC 5246 §7.4.1.2), or an SSL 2.0 CLIENT-HELLO.
 *
 * @param ts packet time
 * @param flow the flow
 * @param protocol "tls" or "dtls"
 * @param recordVersion version in the record header
 * @param legacyVersion client_version field
 * @param supportedVersions supported_versions extension (GREASE removed), empty when absent
 * @param maxVersion highest version offered, by name ("TLSv1.3", "SSLv3", …)
 * @param cipherSuites offered cipher suites in order (GREASE removed; SSL 2.0 kinds are 24-bit)
 * @param extensions extension types in order (GREASE removed)
 * @param sni server_name
 * @param alpn ALPN protocols in order
 * @param supportedGroups supported_groups (GREASE removed)
 * @param ecPointFormats ec_point_formats
 * @param signatureAlgorithms signature_algorithms in order
 * @param sslv2Format the hello used the SSL 2.0 record format
 * @param ja3 JA3 string
 * @param ja3Hash MD5 of the JA3 string
 * @param ja4 JA4 fingerprint (FoxIO)
 */
public record TlsClientHello(long ts, FlowMeta flow, String protocol, int recordVersion, int legacyVersion,
        List<Integer> supportedVersions, String maxVersion, List<Integer> cipherSuites, List<Integer> extensions,
        String sni, List<String> alpn, List<Integer> supportedGroups, List<Integer> ecPointFormats,
        List<Integer> signatureAlgorithms, boolean sslv2Format, String ja3, String ja3Hash, String ja4)
        implements FlowEvent {

    @Override
    public String kind() {
        return protocol + ".client_hello";
    }
}
