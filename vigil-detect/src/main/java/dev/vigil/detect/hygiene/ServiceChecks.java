package dev.vigil.detect.hygiene;

import dev.vigil.detect.findings.DeviceIndex;
import dev.vigil.detect.findings.Detector;
import dev.vigil.detect.findings.Endpoint;
import dev.vigil.detect.findings.FindingRecorder;
import dev.vigil.detect.findings.Severity;
import dev.vigil.detect.inventory.Device;
import dev.vigil.engine.event.Event;
import dev.vigil.engine.flow.FlowEnded;
import dev.vigil.engine.flow.FlowMeta;
import dev.vigil.engine.flow.Transport;
import dev.vigil.engine.net.Ip;
import dev.vigil.engine.proto.http.HttpRequest;
import dev.vigil.engine.proto.natpmp.PortMappingRequest;
import dev.vigil.engine.proto.tftp.TftpRequest;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.TreeMap;

/**
 * Services in use and exposed: cleartext protocols where secure ones exist (telnet, FTP, TFTP,
 * MQTT without TLS, industrial protocols leaving their zone), management services a device
 * answers on (from the Internet: critical), and ports a device asked its gateway to open (UPnP IGD
 * AddPortMapping, NAT-PMP, PCP). Whether a peer is outside the monitored networks is only known once
 * the inventory is resolved, so exposure is decided in {@link #finish}.
 */
public final class ServiceChecks implements Detector {

    /** Management and remote-access services: port to (name, severity when exposed inside). */
    static final Map<String, Object[]> MANAGEMENT = new HashMap<>();

    static {
        Object[][] m = {
            {"tcp/23", "telnet", Severity.HIGH}, {"tcp/2323", "telnet", Severity.HIGH},
            {"tcp/22", "ssh", Severity.LOW}, {"tcp/2222", "ssh", Severity.LOW},
            {"tcp/80", "web admin (http)", Severity.MEDIUM}, {"tcp/8080", "web admin (http)", Severity.MEDIUM},
            {"tcp/8000", "web admin (http)", Severity.MEDIUM}, {"tcp/8081", "web admin (http)", Severity.MEDIUM},
            {"tcp/8888", "web admin (http)", Severity.MEDIUM}, {"tcp/443", "web admin (https)", Severity.LOW},
            {"tcp/8443", "web admin (https)", Severity.LOW}, {"tcp/554", "rtsp", Severity.MEDIUM},
            {"tcp/8554", "rtsp", Severity.MEDIUM}, {"tcp/5555", "adb", Severity.HIGH},
            {"tcp/5900", "vnc", Severity.HIGH}, {"tcp/5901", "vnc", Severity.HIGH}, {"tcp/3389", "rdp", Severity.HIGH},
            {"tcp/502", "modbus", Severity.MEDIUM}, {"tcp/102", "s7comm", Severity.MEDIUM},
            {"tcp/44818", "ethernet/ip", Severity.MEDIUM}, {"tcp/20000", "dnp3", Severity.MEDIUM},
            {"udp/161", "snmp", Severity.MEDIUM}, {"udp/1900", "upnp (ssdp)", Severity.LOW},
            {"tcp/49152", "upnp", Severity.LOW}, {"tcp/49153", "upnp", Severity.LOW}, {"tcp/7547", "tr-069", Severity.HIGH},
            {"tcp/21", "ftp", Severity.MEDIUM}, {"tcp/1883", "mqtt broker", Severity.MEDIUM},
            {"udp/5683", "coap", Severity.MEDIUM}, {"udp/47808", "bacnet", Severity.MEDIUM},
            {"tcp/2404", "iec-104", Severity.MEDIUM}};
        for (Object[] x : m) {
            MANAGEMENT.put((String) x[0], new Object[] {x[1], x[2]});
        }
    }

    static final Set<String> OT = Set.of("modbus", "s7comm", "dnp3", "enip", "bacnet", "iec104", "knxip");

    /** A service endpoint and who used it. */
    private static final class Served {
        final Endpoint server;
        final String port;
        String service;
        long first;
        long last;
        long flows;
        final Set<Ip> clients = new HashSet<>();

        Served(Endpoint server, String port, long ts) {
            this.server = server;
            this.port = port;
            this.first = ts;
            this.last = ts;
        }
    }

    private final FindingRecorder findings;
    private final Map<String, Served> served = new LinkedHashMap<>();
    private final Map<String, Served> ot = new LinkedHashMap<>();

    public ServiceChecks(FindingRecorder findings) {
        this.findings = findings;
    }

    @Override
    public void accept(Event e) {
        switch (e) {
            case FlowEnded f -> flow(f);
            case TftpRequest t -> {
                FindingRecorder.Draft d = findings.record("cleartext.tftp", Endpoint.server(t.flow()),
                        Endpoint.client(t.flow()), null, null, t.ts());
                if (d != null) {
                    d.evidence.putIfAbsent("first_file", t.filename());
                    d.evidence.put("last_file", t.filename());
                }
            }
            case PortMappingRequest p -> {
                FindingRecorder.Draft d = findings.record("exposure.upnp_port_mapping", Endpoint.client(p.flow()),
                        Endpoint.server(p.flow()), null, p.transport() + "/" + p.internalPort(), p.ts());
                if (d != null) {
                    d.evidence.put("protocol", p.protocol());
                    d.evidence.put("internal_port", p.transport() + "/" + p.internalPort());
                    d.evidence.put("requested_external_port", p.externalPort());
                    d.evidence.put("lifetime_seconds", p.lifetimeSeconds());
                }
            }
            case HttpRequest h -> {
                String action = h.headers().get("soapaction");
                if (action != null && action.contains("AddPortMapping")) {
                    FindingRecorder.Draft d = findings.record("exposure.upnp_port_mapping", Endpoint.client(h.flow()),
                            Endpoint.server(h.flow()), h.host(), "upnp", h.ts());
                    if (d != null) {
                        d.evidence.put("protocol", "upnp-igd");
                        d.evidence.put("soap_action", action.replace("\"", ""));
                    }
                }
            }
            default -> {
            }
        }
    }

    private void flow(FlowEnded f) {
        FlowMeta m = f.flow();
        if (m.transport() != Transport.TCP && m.transport() != Transport.UDP) {
            return;
        }
        boolean answered = m.transport() == Transport.TCP ? f.history().indexOf('h') >= 0 && f.serverPackets() > 1
                || f.serverPayloadBytes() > 0 : f.serverPackets() > 0;
        if (!answered) {
            return;
        }
        String svc = f.service();
        String port = m.transport().label() + "/" + m.serverPort();
        if ("telnet".equals(svc)) {
            findings.record("cleartext.telnet", Endpoint.server(m), Endpoint.client(m), null, null, f.ts());
        } else if ("ftp".equals(svc)) {
            findings.record("cleartext.ftp", Endpoint.server(m), Endpoint.client(m), null, null, f.ts());
        } else if ("mqtt".equals(svc)) {
            FindingRecorder.Draft d = findings.record("cleartext.mqtt", Endpoint.server(m), Endpoint.client(m), null,
                    null, f.ts());
            if (d != null) {
                d.evidence.put("port", m.serverPort());
            }
        }
        if (svc != null && OT.contains(svc)) {
            track(ot, Endpoint.server(m), port, svc, m.clientIp(), f);
        }
        if (MANAGEMENT.containsKey(port) && (svc == null || !svc.equals("tls") || m.serverPort() == 443
                || m.serverPort() == 8443)) {
            track(served, Endpoint.server(m), port, svc, m.clientIp(), f);
        }
    }

    private static void track(Map<String, Served> map, Endpoint server, String port, String svc, Ip client, FlowEnded f) {
        Served s = map.computeIfAbsent(server.ip() + "|" + port, k -> new Served(server, port, f.firstSeen()));
        s.flows++;
        s.first = Math.min(s.first, f.firstSeen());
        s.last = Math.max(s.last, f.ts());
        if (svc != null) {
            s.service = svc;
        }
        if (s.clients.size() < 256) {
            s.clients.add(client);
        }
    }

    @Override
    public void finish(DeviceIndex devices) {
        for (Served s : served.values()) {
            Device d = devices.device(s.server);
            if (d == null) {
                continue;
            }
            Set<Ip> outside = new HashSet<>();
            for (Ip c : s.clients) {
                if (!devices.isLocal(c)) {
                    outside.add(c);
                }
            }
            Object[] mgmt = MANAGEMENT.get(s.port);
            String type = outside.isEmpty() ? "exposure.management_service" : "exposure.internet_management";
            FindingRecorder.Draft draft = findings.record(type, s.server, null, null, s.port, s.first);
            if (draft == null) {
                continue;
            }
            draft.span(s.first, s.last, s.flows);
            draft.evidence.put("service", mgmt[0]);
            draft.evidence.put("port", s.port);
            if (s.service != null) {
                draft.evidence.put("protocol", s.service);
            }
            draft.evidence.put("clients", s.clients.size());
            if (!outside.isEmpty()) {
                draft.evidence.put("clients_outside", outside.stream().map(Ip::toString).sorted().limit(10).toList());
            } else {
                draft.atLeast((Severity) mgmt[1]);
            }
        }
        // local clients of OT services outside: one finding per client and protocol, whatever the number of servers
        Map<String, Outbound> outbound = new TreeMap<>();
        for (Served s : ot.values()) {
            Ip server = s.server.ip();
            boolean serverLocal = devices.isLocal(server);
            Set<Ip> outside = new HashSet<>();
            for (Ip c : s.clients) {
                if (!devices.isLocal(c)) {
                    outside.add(c);
                }
            }
            if (serverLocal && outside.isEmpty()) {
                continue;
            }
            // the finding is about the local side: the server if it is local, else its local clients
            if (serverLocal) {
                FindingRecorder.Draft d = findings.record("cleartext.ot_external", s.server, null, null, s.port, s.first);
                if (d != null) {
                    d.evidence.put("protocol", s.service);
                    d.evidence.put("port", s.port);
                    d.evidence.put("peers_outside_count", outside.size());
                    d.evidence.put("peers_outside", outside.stream().map(Ip::toString).sorted().limit(10).toList());
                }
            } else {
                for (Ip c : s.clients) {
                    if (devices.isLocal(c)) {
                        Outbound o = outbound.computeIfAbsent(c + "|" + s.port, k -> new Outbound(c, s.service, s.port));
                        o.first = Math.min(o.first, s.first);
                        o.servers.add(server.toString());
                    }
                }
            }
        }
        for (Outbound o : outbound.values()) {
            FindingRecorder.Draft d = findings.record("cleartext.ot_external", Endpoint.of(o.client), null, null, o.port,
                    o.first);
            if (d != null) {
                d.evidence.put("protocol", o.service);
                d.evidence.put("port", o.port);
                d.evidence.put("peers_outside_count", o.servers.size());
                d.evidence.put("peers_outside", o.servers.stream().limit(10).toList());
            }
        }
    }

    /** A local client of OT servers outside the monitored networks. */
    private static final class Outbound {
        final Ip client;
        final String service;
        final String port;
        long first = Long.MAX_VALUE;
        final Set<String> servers = new TreeSet<>();

        Outbound(Ip client, String service, String port) {
            this.client = client;
            this.service = service;
            this.port = port;
        }
    }
}
