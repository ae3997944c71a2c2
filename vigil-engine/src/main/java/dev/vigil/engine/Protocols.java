package dev.vigil.engine;

import dev.vigil.engine.dissect.Protocol;
import dev.vigil.engine.proto.dhcp.DhcpProtocol;
import dev.vigil.engine.proto.dhcpv6.Dhcpv6Protocol;
import dev.vigil.engine.proto.discovery.KasaProtocol;
import dev.vigil.engine.proto.discovery.TuyaDiscovery;
import dev.vigil.engine.proto.discovery.UbiquitiDiscovery;
import dev.vigil.engine.proto.dns.DnsProtocol;
import dev.vigil.engine.proto.ftp.FtpProtocol;
import dev.vigil.engine.proto.mail.MailProtocol;
import dev.vigil.engine.proto.http.HttpProtocol;
import dev.vigil.engine.proto.ics.IcsProtocol;
import dev.vigil.engine.proto.mqtt.MqttProtocol;
import dev.vigil.engine.proto.natpmp.NatPmpProtocol;
import dev.vigil.engine.proto.netbios.NetbiosProtocol;
import dev.vigil.engine.proto.signature.SignatureProtocol;
import dev.vigil.engine.proto.signature.Signatures;
import dev.vigil.engine.proto.snmp.SnmpProtocol;
import dev.vigil.engine.proto.ssdp.SsdpProtocol;
import dev.vigil.engine.proto.ssh.SshProtocol;
import dev.vigil.engine.proto.syslog.SyslogProtocol;
import dev.vigil.engine.proto.telnet.TelnetProtocol;
import dev.vigil.engine.proto.tftp.TftpProtocol;
import dev.vigil.engine.proto.tls.TlsProtocol;
import dev.vigil.engine.proto.wsd.WsDiscoveryProtocol;
import java.util.ArrayList;
import java.util.List;

/**
 * The registry: every application protocol the engine dissects, one line each, in probing order
 * (specific signatures before permissive ones). LLDP, CDP, ARP and neighbour discovery are layer-2
 * and layer-3 protocols that the pipeline calls directly.
 */
public final class Protocols {

    private Protocols() {
    }

    public static List<Protocol> all() {
        List<Protocol> p = new ArrayList<>();
        p.add(TlsProtocol.tls());
        p.add(TlsProtocol.dtls());
        p.add(new SshProtocol());
        p.add(new MqttProtocol());
        p.add(HttpProtocol.rtsp());
        p.add(HttpProtocol.http());
        p.add(new DhcpProtocol());
        p.add(new Dhcpv6Protocol());
        p.add(DnsProtocol.mdns());
        p.add(DnsProtocol.llmnr());
        p.add(DnsProtocol.dns());
        p.add(new SsdpProtocol());
        p.add(new SnmpProtocol());
        p.add(new NetbiosProtocol());
        p.add(new TftpProtocol());
        p.add(new WsDiscoveryProtocol());
        p.add(new NatPmpProtocol());
        p.add(new UbiquitiDiscovery());
        p.add(new KasaProtocol());
        p.add(new FtpProtocol());
        p.add(MailProtocol.smtp());
        p.add(MailProtocol.pop3());
        p.add(MailProtocol.imap());
        p.add(new TelnetProtocol());
        for (SignatureProtocol s : Signatures.all()) {
            p.add(switch (s.name()) {
                case "syslog" -> new SyslogProtocol(s);
                case "tuya" -> new TuyaDiscovery(s);
                default -> IcsProtocol.identify(s);
            });
        }
        return List.copyOf(p);
    }
}
