package dev.vigil.engine.proto.mail;

import dev.vigil.engine.dissect.Probe;
import dev.vigil.engine.dissect.Protocol;
import dev.vigil.engine.dissect.StreamDissector;
import dev.vigil.engine.event.Event;
import dev.vigil.engine.flow.Transport;
import dev.vigil.engine.wire.Bytes;
import java.util.Locale;
import java.util.Map;

/**
 * SMTP, POP3 and IMAP: recognised on their ports and elsewhere by the server's greeting ("220 …
 * SMTP", "+OK", "* OK") or the client's first command (EHLO/HELO).
 */
public final class MailProtocol implements Protocol {

    enum Kind {
        SMTP, POP3, IMAP
    }

    private final Kind kind;

    private MailProtocol(Kind kind) {
        this.kind = kind;
    }

    public static MailProtocol smtp() {
        return new MailProtocol(Kind.SMTP);
    }

    public static MailProtocol pop3() {
        return new MailProtocol(Kind.POP3);
    }

    public static MailProtocol imap() {
        return new MailProtocol(Kind.IMAP);
    }

    @Override
    public String name() {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public int[] tcpPorts() {
        return switch (kind) {
            case SMTP -> new int[] {25, 587, 2525};
            case POP3 -> new int[] {110};
            case IMAP -> new int[] {143};
        };
    }

    @Override
    public Probe probe(Transport transport, byte[] b, int off, int len, boolean fromClient, boolean portHint) {
        if (transport != Transport.TCP) {
            return Probe.NO;
        }
        if (len < 5) {
            return Probe.NEED_MORE;
        }
        return switch (kind) {
            case SMTP -> fromClient
                    ? Bytes.startsWithIgnoreCase(b, off, len, "EHLO ") || Bytes.startsWithIgnoreCase(b, off, len, "HELO ")
                            ? Probe.MATCH : Probe.NO
                    : (Bytes.startsWith(b, off, len, "220 ") || Bytes.startsWith(b, off, len, "220-"))
                            && Bytes.latin1(b, off, Math.min(len, 200)).toUpperCase(Locale.ROOT).contains("SMTP")
                            ? Probe.MATCH : Probe.NO;
            case POP3 -> !fromClient && Bytes.startsWith(b, off, len, "+OK") && (portHint
                    || Bytes.latin1(b, off, Math.min(len, 200)).toUpperCase(Locale.ROOT).contains("POP"))
                    ? Probe.MATCH : Probe.NO;
            case IMAP -> !fromClient && Bytes.startsWith(b, off, len, "* OK") && (portHint
                    || Bytes.latin1(b, off, Math.min(len, 200)).toUpperCase(Locale.ROOT).contains("IMAP"))
                    ? Probe.MATCH : Probe.NO;
        };
    }

    @Override
    public StreamDissector newStreamDissector() {
        return new MailDissector(kind);
    }

    @Override
    public Map<String, Class<? extends Event>> events() {
        return Map.of("mail.banner", MailBanner.class, "mail.login", MailLogin.class);
    }
}
