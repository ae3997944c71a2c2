package dev.vigil.detect.hygiene;

import dev.vigil.detect.findings.DeviceIndex;
import dev.vigil.detect.findings.Detector;
import dev.vigil.detect.findings.Endpoint;
import dev.vigil.detect.findings.FindingRecorder;
import dev.vigil.detect.findings.Severity;
import dev.vigil.detect.inventory.Device;
import dev.vigil.engine.event.Event;
import dev.vigil.engine.event.EventJson;
import dev.vigil.engine.flow.FlowEnded;
import dev.vigil.engine.flow.FlowMeta;
import dev.vigil.engine.proto.tls.CertificateInfo;
import dev.vigil.engine.proto.tls.TlsCertificates;
import dev.vigil.engine.proto.tls.TlsClientHello;
import dev.vigil.engine.proto.tls.TlsNames;
import dev.vigil.engine.proto.tls.TlsServerHello;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * TLS hygiene: obsolete versions negotiated (SSL 2.0/3.0, TLS 1.0/1.1; RFC 7568, RFC 8996) or all a
 * client offers, weak cipher suites, and certificates that are expired, self-signed, for another
 * name, weakly keyed or signed, or shared by several devices. Server-side weaknesses are about the
 * server when it is a device of the monitored networks, otherwise about the device that talks to it.
 */
public final class TlsChecks implements Detector {

    static final Pattern WEAK_CIPHER = Pattern.compile("NULL|EXPORT|_RC4_|RC4_|_DES_|DES40|3DES|_anon_|_MD5$|SSL_CK_");
    static final int MAX_OPEN = 100_000;

    private record Hello(String sni, int maxVersion) {
    }

    private final FindingRecorder findings;
    private final Map<Long, Hello> open = new HashMap<>();
    /** leaf certificate SHA-256 -> (subject, servers) and key SHA-256 -> servers, for sharing. */
    private final Map<String, Set<String>> certServers = new LinkedHashMap<>();
    private final Map<String, String> certSubjects = new HashMap<>();
    private final Map<String, Set<String>> keyServers = new LinkedHashMap<>();
    private final Map<String, Long> firstSeen = new HashMap<>();

    public TlsChecks(FindingRecorder findings) {
        this.findings = findings;
    }

    @Override
    public void accept(Event e) {
        switch (e) {
            case TlsClientHello h -> clientHello(h);
            case TlsServerHello h -> serverHello(h);
            case TlsCertificates c -> certificates(c);
            case FlowEnded f -> open.remove(f.flow().id());
            default -> {
            }
        }
    }

    private void clientHello(TlsClientHello h) {
        int max = h.supportedVersions().isEmpty() ? h.legacyVersion()
                : h.supportedVersions().stream().max(Integer::compare).orElse(h.legacyVersion());
        if (open.size() < MAX_OPEN) {
            open.put(h.flow().id(), new Hello(h.sni(), max));
        }
        if (h.protocol().equals("tls") && (h.sslv2Format() && max < TlsNames.TLS10 || max < TlsNames.TLS12)) {
            FindingRecorder.Draft d = findings.record("tls.obsolete_client", Endpoint.client(h.flow()),
                    Endpoint.server(h.flow()), h.sni(), TlsNames.version(max), h.ts());
            if (d != null) {
                d.evidence.put("highest_version_offered", TlsNames.version(max));
                d.evidence.put("ja3", h.ja3Hash());
                if (h.sslv2Format()) {
                    d.evidence.put("sslv2_hello", true);
                }
            }
        }
    }

    private void serverHello(TlsServerHello h) {
        FlowMeta f = h.flow();
        Hello hello = open.get(f.id());
        String sni = hello == null ? null : hello.sni();
        int v = h.version();
        boolean obsolete = h.protocol().equals("dtls") ? v == 0xfeff || v == 0x0100 : v < TlsNames.TLS12;
        if (obsolete) {
            FindingRecorder.Draft d = findings.record("tls.obsolete_version", Endpoint.server(f), Endpoint.client(f), sni,
                    h.versionName(), h.ts());
            if (d != null) {
                d.evidence.put("version", h.versionName());
                d.evidence.put("cipher", h.cipherName());
                if (v == TlsNames.SSL2 || v == TlsNames.SSL3) {
                    d.atLeast(Severity.HIGH);
                }
            }
        }
        if (WEAK_CIPHER.matcher(h.cipherName()).find()) {
            FindingRecorder.Draft d = findings.record("tls.weak_cipher", Endpoint.server(f), Endpoint.client(f), sni,
                    h.cipherName(), h.ts());
            if (d != null) {
                d.evidence.put("cipher", h.cipherName());
                d.evidence.put("version", h.versionName());
            }
        }
    }

    private void certificates(TlsCertificates c) {
        if (c.fromClient() || c.chain().isEmpty()) {
            return;
        }
        FlowMeta f = c.flow();
        Hello hello = open.get(f.id());
        String sni = hello == null ? null : hello.sni();
        CertificateInfo leaf = c.chain().get(0);
        Endpoint server = Endpoint.server(f);
        Endpoint client = Endpoint.client(f);
        if (c.ts() > leaf.notAfter() || c.ts() < leaf.notBefore()) {
            FindingRecorder.Draft d = findings.record("tls.certificate_expired", server, client, sni, leaf.sha256(), c.ts());
            if (d != null) {
                describe(d.evidence, leaf);
                d.evidence.put("problem", c.ts() > leaf.notAfter() ? "expired" : "not yet valid");
            }
        }
        if (leaf.selfSigned()) {
            FindingRecorder.Draft d = findings.record("tls.certificate_self_signed", server, client, sni, leaf.sha256(),
                    c.ts());
            if (d != null) {
                describe(d.evidence, leaf);
            }
        }
        // an IP literal in SNI is not allowed (RFC 6066 §3); clients that send one pin certificates
        if (sni != null && !sni.isBlank() && !ipLiteral(sni) && !matches(sni, leaf)) {
            FindingRecorder.Draft d = findings.record("tls.certificate_name_mismatch", server, client, sni, leaf.sha256(),
                    c.ts());
            if (d != null) {
                describe(d.evidence, leaf);
                d.evidence.put("requested_name", sni);
            }
        }
        String weakness = weakness(leaf);
        if (weakness != null) {
            FindingRecorder.Draft d = findings.record("tls.weak_key", server, client, sni, leaf.sha256(), c.ts());
            if (d != null) {
                describe(d.evidence, leaf);
                d.evidence.put("weakness", weakness);
            }
        }
        String ip = f.serverIp().toString();
        certServers.computeIfAbsent(leaf.sha256(), k -> new LinkedHashSet<>()).add(ip);
        certSubjects.putIfAbsent(leaf.sha256(), leaf.subject());
        keyServers.computeIfAbsent(leaf.keySha256(), k -> new LinkedHashSet<>()).add(ip);
        firstSeen.merge(leaf.sha256(), c.ts(), Math::min);
        firstSeen.merge("key:" + leaf.keySha256(), c.ts(), Math::min);
    }

    private static void describe(Map<String, Object> ev, CertificateInfo leaf) {
        ev.putIfAbsent("subject", leaf.subject());
        ev.putIfAbsent("issuer", leaf.issuer());
        ev.putIfAbsent("not_before", EventJson.time(leaf.notBefore()));
        ev.putIfAbsent("not_after", EventJson.time(leaf.notAfter()));
        ev.putIfAbsent("sha256", leaf.sha256());
    }

    static boolean ipLiteral(String s) {
        return s.indexOf(':') >= 0 || s.chars().allMatch(ch -> ch == '.' || Character.isDigit(ch));
    }

    static String weakness(CertificateInfo c) {
        if (c.keyAlgorithm().equals("RSA") && c.keyBits() > 0 && c.keyBits() < 2048) {
            return "RSA key of " + c.keyBits() + " bits";
        }
        if (c.keyAlgorithm().equals("EC") && c.keyBits() > 0 && c.keyBits() < 224) {
            return "EC key of " + c.keyBits() + " bits";
        }
        String sig = c.signatureAlgorithm().toUpperCase(Locale.ROOT);
        if (!c.selfSigned() && (sig.startsWith("MD5") || sig.startsWith("MD2") || sig.startsWith("SHA1"))) {
            return "signed with " + c.signatureAlgorithm();
        }
        return null;
    }

    /** RFC 6125 §6.4: SAN DNS names if any, else the CN; one left-most wildcard label. */
    static boolean matches(String name, CertificateInfo c) {
        String n = name.toLowerCase(Locale.ROOT);
        List<String> names = new ArrayList<>(c.dnsNames());
        if (names.isEmpty() && c.commonName() != null) {
            names.add(c.commonName());
        }
        for (String pattern : names) {
            String p = pattern.toLowerCase(Locale.ROOT);
            if (p.equals(n)) {
                return true;
            }
            if (p.startsWith("*.")) {
                int dot = n.indexOf('.');
                if (dot > 0 && n.substring(dot).equals(p.substring(1))) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public void finish(DeviceIndex devices) {
        shared(devices, certServers, "certificate");
        shared(devices, keyServers, "key");
    }

    /** One finding per device whose certificate (or key) other devices of the network share. */
    private void shared(DeviceIndex devices, Map<String, Set<String>> byHash, String what) {
        for (Map.Entry<String, Set<String>> e : byHash.entrySet()) {
            Map<String, String> ownerIps = new LinkedHashMap<>();
            for (String ip : e.getValue()) {
                Device d = devices.byIp(dev.vigil.engine.net.Ip.parse(ip));
                if (d != null) {
                    ownerIps.putIfAbsent(d.id(), ip);
                }
            }
            if (ownerIps.size() < 2) {
                continue;
            }
            long ts = firstSeen.getOrDefault(what.equals("key") ? "key:" + e.getKey() : e.getKey(), 0L);
            for (Map.Entry<String, String> owner : ownerIps.entrySet()) {
                FindingRecorder.Draft d = findings.record("tls.shared_certificate",
                        Endpoint.of(dev.vigil.engine.net.Ip.parse(owner.getValue())), null, null, what + ":" + e.getKey(), ts);
                if (d != null) {
                    d.evidence.put("shared", what);
                    d.evidence.put("sha256", e.getKey());
                    if (certSubjects.containsKey(e.getKey())) {
                        d.evidence.put("subject", certSubjects.get(e.getKey()));
                    }
                    d.evidence.put("devices", List.copyOf(ownerIps.keySet()));
                }
            }
        }
    }
}
