package dev.vigil.engine.proto.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.anomaly.AnomalyCounters;
import dev.vigil.engine.dissect.DissectorContext;
import dev.vigil.engine.event.Event;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The login exchanges of the RFCs' own examples, fed line by line (SMTP is also covered by the
 * golden test on a real capture).
 */
class MailDissectorTest {

    private final List<Event> events = new ArrayList<>();
    private final DissectorContext ctx = new DissectorContext(events::add, new AnomalyCounters());

    /** Lines prefixed "C: " or "S: " as in the RFCs. */
    private List<MailLogin> run(MailProtocol.Kind kind, String... transcript) {
        MailDissector d = new MailDissector(kind);
        for (String l : transcript) {
            byte[] b = (l.substring(3) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
            if (d.wantsMore()) {
                d.onData(ctx, l.startsWith("C: "), b, 0, b.length);
            }
        }
        d.onEnd(ctx);
        return events.stream().filter(MailLogin.class::isInstance).map(MailLogin.class::cast).toList();
    }

    @Test
    void pop3UserPassFailureThenSuccess() {
        // RFC 1939 §7
        List<MailLogin> l = run(MailProtocol.Kind.POP3, "S: +OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>",
                "C: USER mrose", "S: +OK mrose is a real hoopy frood", "C: PASS secret",
                "S: -ERR maildrop already locked", "C: USER mrose", "S: +OK", "C: PASS tanstaaf",
                "S: +OK mrose's maildrop has 2 messages (320 octets)");
        assertThat(l).extracting(MailLogin::outcome).containsExactly("failure", "success");
        assertThat(l.get(1).username()).isEqualTo("mrose");
        assertThat(l.get(1).password().reveal()).isEqualTo("tanstaaf");
        assertThat(l.get(1).mechanism()).isEqualTo("USER");
        assertThat(events.get(0)).isInstanceOf(MailBanner.class);
    }

    @Test
    void pop3ApopSendsNoPassword() {
        List<MailLogin> l = run(MailProtocol.Kind.POP3, "S: +OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>",
                "C: APOP mrose c4c9334bac560ecc979e58001b3e22fb", "S: +OK maildrop has 1 message (369 octets)");
        assertThat(l).singleElement().satisfies(x -> {
            assertThat(x.mechanism()).isEqualTo("APOP");
            assertThat(x.password()).isNull();
            assertThat(x.outcome()).isEqualTo("success");
        });
    }

    @Test
    void imapLoginAndQuotedStrings() {
        // RFC 9051 §6.2.3
        List<MailLogin> l = run(MailProtocol.Kind.IMAP, "S: * OK IMAP4rev2 Service Ready",
                "C: a001 LOGIN SMITH SESAME", "S: a001 OK LOGIN completed");
        assertThat(l).singleElement().satisfies(x -> {
            assertThat(x.username()).isEqualTo("SMITH");
            assertThat(x.password().reveal()).isEqualTo("SESAME");
            assertThat(x.outcome()).isEqualTo("success");
        });
        assertThat(MailDissector.imapStrings(" \"fred foobar\" \"pa\\\"ss\"")).containsExactly("fred foobar", "pa\"ss");
        assertThat(MailDissector.imapStrings(" {11}")).isNull();
    }

    @Test
    void imapAuthenticatePlainRejected() {
        // RFC 4616 §4 example: authzid "Ursel", authcid "Kurt", password "xipj3plmq"
        List<MailLogin> l = run(MailProtocol.Kind.IMAP, "S: * OK IMAP4rev2 Service Ready",
                "C: a002 AUTHENTICATE PLAIN", "S: + ", "C: VXJzZWwAS3VydAB4aXBqM3BsbXE=",
                "S: a002 NO [AUTHENTICATIONFAILED] Authentication failed");
        assertThat(l).singleElement().satisfies(x -> {
            assertThat(x.username()).isEqualTo("Kurt");
            assertThat(x.password().reveal()).isEqualTo("xipj3plmq");
            assertThat(x.outcome()).isEqualTo("failure");
            assertThat(x.mechanism()).isEqualTo("PLAIN");
        });
    }

    @Test
    void smtpPlainInitialResponseAndCramMd5() {
        // RFC 4954 §4 and §5 examples
        List<MailLogin> l = run(MailProtocol.Kind.SMTP, "S: 220 smtp.example.com ESMTP server ready",
                "C: EHLO jgm.example.com", "S: 250-smtp.example.com", "S: 250 AUTH CRAM-MD5 DIGEST-MD5 PLAIN",
                "C: AUTH CRAM-MD5", "S: 334 PDQ1MDMuMTIyMzU1Nzg2MkBzbXRwLmV4YW1wbGUuY29tPg==",
                "C: amdtIDljYWUwYzI0NjNiYTJkNjEyN2Q5YzE4ODc5YTg3Mzc4", "S: 535 5.7.8 Authentication credentials invalid",
                "C: AUTH PLAIN dGVzdAB0ZXN0ADEyMzQ=", "S: 235 2.7.0 Authentication successful",
                "C: MAIL FROM:<test@example.com>", "C: AUTH PLAIN dGVzdAB0ZXN0ADEyMzQ=");
        assertThat(l).extracting(MailLogin::mechanism, MailLogin::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("CRAM-MD5", "failure"),
                        org.assertj.core.groups.Tuple.tuple("PLAIN", "success"));
        assertThat(l.get(0).password()).isNull();
        assertThat(l.get(1).username()).isEqualTo("test");
        assertThat(l.get(1).password().reveal()).isEqualTo("1234");
    }

    @Test
    void startTlsEndsInspection() {
        List<MailLogin> l = run(MailProtocol.Kind.SMTP, "S: 220 mail.example.org ESMTP", "C: EHLO client",
                "S: 250 STARTTLS", "C: STARTTLS", "S: 220 2.0.0 Ready to start TLS", "C: AUTH LOGIN dXNlcg==",
                "S: 334 UGFzc3dvcmQ6", "C: cGFzcw==", "S: 235 ok");
        assertThat(l).isEmpty();
    }

    @Test
    void unansweredLoginIsReportedAtTheEnd() {
        List<MailLogin> l = run(MailProtocol.Kind.SMTP, "S: 220 mail.example.org ESMTP", "C: AUTH LOGIN",
                "S: 334 VXNlcm5hbWU6", "C: YWRtaW4=", "S: 334 UGFzc3dvcmQ6", "C: YWRtaW4=");
        assertThat(l).singleElement().satisfies(x -> {
            assertThat(x.username()).isEqualTo("admin");
            assertThat(x.outcome()).isEqualTo("unknown");
        });
    }
}
