package dev.vigil.detect.inventory.observe;

import dev.vigil.detect.inventory.Observer;
import dev.vigil.detect.inventory.Sightings;
import dev.vigil.engine.proto.ftp.FtpBanner;
import dev.vigil.engine.proto.mail.MailBanner;
import dev.vigil.engine.proto.mqtt.MqttConnect;
import dev.vigil.engine.proto.ssh.SshBanner;
import dev.vigil.engine.proto.telnet.TelnetBanner;

/**
 * What services and clients say of themselves in the clear when a session starts: SSH software
 * versions (RFC 4253 §4.2), telnet, FTP and mail greetings, an MQTT client's identifier.
 */
public final class BannerObserver implements Observer {

    @Override
    public void register(Registrations on) {
        on.read(SshBanner.class, (b, s) -> s.observe(b.flow(), !b.fromClient(), b.fromClient() ? "ssh.client" : "ssh.server",
                b.software() + (b.comments() == null ? "" : " " + b.comments()), b.ts()));
        on.read(TelnetBanner.class, (b, s) -> s.observe(b.flow(), true, "telnet.banner", b.text(), b.ts()));
        on.read(FtpBanner.class, (b, s) -> s.observe(b.flow(), true, "ftp.banner", b.text(), b.ts()));
        on.read(MailBanner.class, (b, s) -> s.observe(b.flow(), true, "mail.banner", b.text(), b.ts()));
        on.read(MqttConnect.class, (m, s) -> s.observe(m.flow(), false, "mqtt.client_id", m.clientId(), m.ts()));
    }
}
