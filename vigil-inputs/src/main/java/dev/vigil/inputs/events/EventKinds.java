package dev.vigil.inputs.events;

import dev.vigil.engine.event.Event;
import dev.vigil.engine.flow.FlowEnded;
import dev.vigil.engine.proto.arp.ArpMessage;
import dev.vigil.engine.proto.cdp.CdpAdvertisement;
import dev.vigil.engine.proto.dhcp.DhcpMessage;
import dev.vigil.engine.proto.dhcpv6.Dhcpv6Message;
import dev.vigil.engine.proto.dns.DnsMessage;
import dev.vigil.engine.proto.ftp.FtpBanner;
import dev.vigil.engine.proto.ftp.FtpLogin;
import dev.vigil.engine.proto.ftp.FtpTransfer;
import dev.vigil.engine.proto.http.HttpRequest;
import dev.vigil.engine.proto.http.HttpResponse;
import dev.vigil.engine.proto.lldp.LldpAdvertisement;
import dev.vigil.engine.proto.mail.MailBanner;
import dev.vigil.engine.proto.mail.MailLogin;
import dev.vigil.engine.proto.mqtt.MqttConnAck;
import dev.vigil.engine.proto.mqtt.MqttConnect;
import dev.vigil.engine.proto.mqtt.MqttPublish;
import dev.vigil.engine.proto.mqtt.MqttSubscribe;
import dev.vigil.engine.proto.natpmp.PortMappingRequest;
import dev.vigil.engine.proto.ndp.NeighborDiscovery;
import dev.vigil.engine.proto.netbios.BrowserAnnouncement;
import dev.vigil.engine.proto.netbios.NetbiosName;
import dev.vigil.engine.proto.snmp.SnmpMessage;
import dev.vigil.engine.proto.ssdp.SsdpMessage;
import dev.vigil.engine.proto.ssh.SshBanner;
import dev.vigil.engine.proto.telnet.TelnetBanner;
import dev.vigil.engine.proto.telnet.TelnetLogin;
import dev.vigil.engine.proto.tftp.TftpRequest;
import dev.vigil.engine.proto.tls.TlsAlert;
import dev.vigil.engine.proto.tls.TlsCertificates;
import dev.vigil.engine.proto.tls.TlsClientHello;
import dev.vigil.engine.proto.tls.TlsHeartbeat;
import dev.vigil.engine.proto.tls.TlsServerHello;
import dev.vigil.engine.proto.upnp.UpnpDescription;
import dev.vigil.engine.proto.wsd.WsDiscovery;
import java.util.Map;

/**
 * Which event record each {@link Event#kind} names, for reading event logs back. Kinds that carry
 * their protocol ("rtsp.request", "dtls.client_hello", "mdns") are listed per protocol. A dissector
 * with a new event adds its kind here (EventKindsTest fails until it does).
 */
final class EventKinds {

    static final Map<String, Class<? extends Event>> BY_KIND = Map.ofEntries(
            Map.entry("flow", FlowEnded.class),
            Map.entry("arp", ArpMessage.class),
            Map.entry("ndp", NeighborDiscovery.class),
            Map.entry("lldp", LldpAdvertisement.class),
            Map.entry("cdp", CdpAdvertisement.class),
            Map.entry("dhcp", DhcpMessage.class),
            Map.entry("dhcpv6", Dhcpv6Message.class),
            Map.entry("dns", DnsMessage.class),
            Map.entry("mdns", DnsMessage.class),
            Map.entry("llmnr", DnsMessage.class),
            Map.entry("ssdp", SsdpMessage.class),
            Map.entry("upnp.description", UpnpDescription.class),
            Map.entry("wsd", WsDiscovery.class),
            Map.entry("netbios.name", NetbiosName.class),
            Map.entry("netbios.browser", BrowserAnnouncement.class),
            Map.entry("http.request", HttpRequest.class),
            Map.entry("rtsp.request", HttpRequest.class),
            Map.entry("http.response", HttpResponse.class),
            Map.entry("rtsp.response", HttpResponse.class),
            Map.entry("tls.client_hello", TlsClientHello.class),
            Map.entry("dtls.client_hello", TlsClientHello.class),
            Map.entry("tls.server_hello", TlsServerHello.class),
            Map.entry("dtls.server_hello", TlsServerHello.class),
            Map.entry("tls.certificates", TlsCertificates.class),
            Map.entry("tls.alert", TlsAlert.class),
            Map.entry("tls.heartbeat", TlsHeartbeat.class),
            Map.entry("ssh.banner", SshBanner.class),
            Map.entry("telnet.banner", TelnetBanner.class),
            Map.entry("telnet.login", TelnetLogin.class),
            Map.entry("ftp.banner", FtpBanner.class),
            Map.entry("ftp.login", FtpLogin.class),
            Map.entry("ftp.transfer", FtpTransfer.class),
            Map.entry("tftp.request", TftpRequest.class),
            Map.entry("mail.banner", MailBanner.class),
            Map.entry("mail.login", MailLogin.class),
            Map.entry("mqtt.connect", MqttConnect.class),
            Map.entry("mqtt.connack", MqttConnAck.class),
            Map.entry("mqtt.publish", MqttPublish.class),
            Map.entry("mqtt.subscribe", MqttSubscribe.class),
            Map.entry("snmp", SnmpMessage.class),
            Map.entry("portmap.request", PortMappingRequest.class));

    private EventKinds() {
    }

    /** The record of a kind, or null for a kind no event has. */
    static Class<? extends Event> of(String kind) {
        return BY_KIND.get(kind);
    }
}
