package dev.vigil.detect.hygiene;

import dev.vigil.detect.findings.Detector;
import dev.vigil.detect.findings.Endpoint;
import dev.vigil.detect.findings.FindingRecorder;
import dev.vigil.engine.event.Event;
import dev.vigil.engine.event.Secret;
import dev.vigil.engine.flow.FlowMeta;
import dev.vigil.engine.proto.ftp.FtpLogin;
import dev.vigil.engine.proto.http.HttpRequest;
import dev.vigil.engine.proto.mail.MailLogin;
import dev.vigil.engine.proto.mqtt.MqttConnect;
import dev.vigil.engine.proto.snmp.SnmpMessage;
import dev.vigil.engine.proto.telnet.TelnetLogin;
import java.util.Locale;
import java.util.Map;

/**
 * Credentials seen in clear (telnet, FTP, HTTP Basic, MQTT, SNMP communities, SMTP/POP3/IMAP), and the ones that
 * match a published default. The finding is about the service that accepts them (the server);
 * when the server is outside the monitored networks it is about the device that sends them.
 * Passwords appear only masked.
 */
public final class CredentialChecks implements Detector {

    private final FindingRecorder findings;
    private final DefaultCredentials defaults;

    public CredentialChecks(FindingRecorder findings, DefaultCredentials defaults) {
        this.findings = findings;
        this.defaults = defaults;
    }

    @Override
    public void accept(Event e) {
        switch (e) {
            case TelnetLogin t -> credential("telnet", t.flow(), null, t.username(), t.password(), t.outcome(), t.ts());
            case FtpLogin f -> {
                String user = f.username() == null ? "" : f.username().toLowerCase(Locale.ROOT);
                if (!user.equals("anonymous") && !user.equals("ftp")) {
                    credential("ftp", f.flow(), null, f.username(), f.password(), f.outcome(), f.ts());
                }
            }
            case HttpRequest h -> {
                if ("basic".equalsIgnoreCase(h.authScheme()) && h.authSecret() != null) {
                    credential("http_basic", h.flow(), h.host(), h.authUser(), h.authSecret(), null, h.ts());
                }
            }
            case MqttConnect m -> {
                if (m.password() != null) {
                    credential("mqtt", m.flow(), null, m.username(), m.password(), null, m.ts());
                }
            }
            case SnmpMessage s -> snmp(s);
            case MailLogin m -> {
                if (m.password() != null) {
                    mail(m);
                }
            }
            default -> {
            }
        }
    }

    private void credential(String protocol, FlowMeta f, String host, String user, Secret secret, String outcome, long ts) {
        credential(protocol, protocol, f, host, user, secret, outcome, ts);
    }

    private void mail(MailLogin m) {
        FindingRecorder.Draft d = credential("mail", m.protocol(), m.flow(), null, m.username(), m.password(), m.outcome(),
                m.ts());
        if (d != null) {
            d.evidence.put("mechanism", m.mechanism());
        }
    }

    private FindingRecorder.Draft credential(String type, String protocol, FlowMeta f, String host, String user,
            Secret secret, String outcome, long ts) {
        if (f == null) {
            return null;
        }
        Endpoint server = Endpoint.server(f);
        Endpoint client = Endpoint.client(f);
        FindingRecorder.Draft d = findings.record("credentials.cleartext." + type, server, client, host, user, ts);
        if (d != null) {
            fill(d.evidence, protocol, f.serverPort(), user, secret, outcome);
        }
        String source = secret == null ? null : defaults.match(user, secret.reveal());
        // a default the service refused is not its weakness (that is a guess, which detection judges)
        if (source != null && !"failure".equals(outcome)) {
            FindingRecorder.Draft dd = findings.record("credentials.default", server, client, host, protocol + ':' + user, ts);
            if (dd != null) {
                dd.subjectOnly();
                if (!"success".equals(outcome)) {
                    dd.evidence.put("note", "the reply to the login was not seen");
                }
                fill(dd.evidence, protocol, f.serverPort(), user, secret, outcome);
                dd.evidence.put("published_in", source);
            }
        }
        return d;
    }

    private void snmp(SnmpMessage s) {
        if (s.community() == null || s.flow() == null) {
            return;
        }
        boolean trap = s.pdu().equals("trap") || s.pdu().equals("trapv2") || s.pdu().equals("inform");
        // an agent's answer echoes the community it accepted
        boolean answer = s.pdu().equals("response") || s.pdu().equals("report");
        // requests go to the agent (the flow's server); traps come from it (the flow's client)
        Endpoint agent = trap ? Endpoint.client(s.flow()) : Endpoint.server(s.flow());
        Endpoint manager = trap ? Endpoint.server(s.flow()) : Endpoint.client(s.flow());
        String key = Integer.toHexString(s.community().reveal().hashCode());
        FindingRecorder.Draft d = findings.record("credentials.cleartext.snmp", agent, manager, null, key, s.ts());
        if (d != null) {
            d.evidence.put("protocol", "snmp v" + s.version());
            d.evidence.put("community", s.community().masked());
            if (answer) {
                d.evidence.put("accepted", true);
            } else {
                d.evidence.merge("operations", s.pdu(), (a, b) -> String.valueOf(a).contains((String) b) ? a : a + ", " + b);
            }
        }
        if (defaults.defaultCommunity(s.community().reveal())) {
            FindingRecorder.Draft dd = findings.record("credentials.default", agent, manager, null, "snmp:" + key, s.ts());
            if (dd != null) {
                dd.subjectOnly();
                dd.evidence.put("protocol", "snmp v" + s.version());
                dd.evidence.put("community", s.community().masked());
                dd.evidence.put("published_in", "factory-default SNMP community");
                if (answer) {
                    dd.evidence.put("accepted", true);
                }
            }
        }
    }

    private static void fill(Map<String, Object> ev, String protocol, int port, String user, Secret secret, String outcome) {
        ev.put("protocol", protocol);
        ev.put("port", port);
        if (user != null) {
            ev.put("user", user);
        }
        boolean succeeded = "success".equals(ev.get("outcome"));
        // the password shown is the one that worked, once one has
        if (secret != null && (!succeeded || "success".equals(outcome))) {
            ev.put("password", secret.masked());
        }
        if (outcome != null) {
            if (!succeeded) {
                ev.put("outcome", outcome);
            }
            @SuppressWarnings("unchecked")
            Map<String, Long> tally = (Map<String, Long>) ev.computeIfAbsent("attempts", k -> new java.util.TreeMap<>());
            tally.merge(outcome, 1L, Long::sum);
        }
    }
}
