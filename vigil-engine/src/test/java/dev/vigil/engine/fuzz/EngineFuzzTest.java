package dev.vigil.engine.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of every parser of the engine with Jazzer: one target per capture
 * reader, per layer-2/3 parser and per application protocol on its port, each fed through the
 * real pipeline over valid lower layers ({@link Wire}) and seeded from real captures
 * ({@link RealSeeds}). A target fails on the first fault the pipeline counts ({@link Harness}).
 *
 * <p>In ./test this runs in regression mode: the seeds, and every input kept under
 * src/test/resources/fuzz/TARGET/ (the crashes found so far; the build copies them to where Jazzer
 * looks for them). bench/fuzz.sh fuzzes each target for a bounded time (JAZZER_FUZZ=1).
 */
class EngineFuzzTest {

    static final String MAX = "5m";

    @RealSeeds
    @FuzzTest(maxDuration = MAX)
    void capture(byte[] in) {
        Harness.capture(in);
    }

    @RealSeeds
    @FuzzTest(maxDuration = MAX)
    void frames(byte[] in) {
        Harness.frames(in);
    }

    @RealSeeds
    @FuzzTest(maxDuration = MAX)
    void ndp(byte[] in) {
        Harness.framed(in, Wire::neighborDiscovery);
    }

    @RealSeeds
    @FuzzTest(maxDuration = MAX)
    void lldp(byte[] in) {
        Harness.framed(in, Wire::lldp);
    }

    @RealSeeds
    @FuzzTest(maxDuration = MAX)
    void cdp(byte[] in) {
        Harness.framed(in, Wire::cdp);
    }

    @RealSeeds
    @FuzzTest(maxDuration = MAX)
    void dcp(byte[] in) {
        Harness.framed(in, Wire::dcp);
    }

    @RealSeeds
    @FuzzTest(maxDuration = MAX)
    void signatures(byte[] in) {
        Harness.signatures(in);
    }

    @RealSeeds
    @FuzzTest(maxDuration = MAX)
    void dhcp(byte[] in) {
        Harness.protocol(Target.named("dhcp"), in);
    }

    @RealSeeds
    @FuzzTest(maxDuration = MAX)
    void dhcpv6(byte[] in) {
        Harness.protocol(Target.named("dhcpv6"), in);
    }

    @RealSeeds
    @FuzzTest(maxDuration = MAX)
    void dns(byte[] in) {
        Harness.protocol(Target.named("dns"), in);
    }

    @RealSeeds
    @FuzzTest(maxDuration = MAX)
    void dnsTcp(byte[] in) {
        Harness.protocol(Target.named("dnsTcp"), in);
    }

    @RealSeeds
    @FuzzTest(maxDuration = MAX)
    void mdns(byte[] in) {
        Harness.protocol(Target.named("mdns"), in);
    }

    @RealSeeds
    @FuzzTest(maxDuration = MAX)
    void llmnr(byte[] in) {
        Harness.protocol(Target.named("llmnr"), in);
    }

    @RealSeeds
    @FuzzTest(maxDuration = MAX)
    void ssdp(byte[] in) {
        Harness.protocol(Target.named("ssdp"), in);
    }

    @RealSeeds
    @FuzzTest(maxDuration = MAX)
    void snmp(byte[] in) {
        Harness.protocol(Target.named("snmp"), in);
    }

    @RealSeeds
    @FuzzTest(maxDuration = MAX)
    void netbios(byte[] in) {
        Harness.protocol(Target.named("netbios"), in);
    }

    @RealSeeds
    @FuzzTest(maxDuration = MAX)
    void tftp(byte[] in) {
        Harness.protocol(Target.named("tftp"), in);
    }

    @RealSeeds
    @FuzzTest(maxDuration = MAX)
    void wsd(byte[] in) {
        Harness.protocol(Target.named("wsd"), in);
    }

    @RealSeeds
    @FuzzTest(maxDuration = MAX)
    void natpmp(byte[] in) {
        Harness.protocol(Target.named("natpmp"), in);
    }

    @RealSeeds
    @FuzzTest(maxDuration = MAX)
    void ubiquitiDiscovery(byte[] in) {
        Harness.protocol(Target.named("ubiquitiDiscovery"), in);
    }

    @RealSeeds
    @FuzzTest(maxDuration = MAX)
    void tplinkShp(byte[] in) {
        Harness.protocol(Target.named("tplinkShp"), in);
    }

    @RealSeeds
    @FuzzTest(maxDuration = MAX)
    void tplinkShpTcp(byte[] in) {
        Harness.protocol(Target.named("tplinkShpTcp"), in);
    }

    @RealSeeds
    @FuzzTest(maxDuration = MAX)
    void syslog(byte[] in) {
        Harness.protocol(Target.named("syslog"), in);
    }

    @RealSeeds
    @FuzzTest(maxDuration = MAX)
    void syslogTcp(byte[] in) {
        Harness.protocol(Target.named("syslogTcp"), in);
    }

    @RealSeeds
    @FuzzTest(maxDuration = MAX)
    void dtls(byte[] in) {
        Harness.protocol(Target.named("dtls"), in);
    }

    @RealSeeds
    @FuzzTest(maxDuration = MAX)
    void tls(byte[] in) {
        Harness.protocol(Target.named("tls"), in);
    }

    @RealSeeds
    @FuzzTest(maxDuration = MAX)
    void ssh(byte[] in) {
        Harness.protocol(Target.named("ssh"), in);
    }

    @RealSeeds
    @FuzzTest(maxDuration = MAX)
    void mqtt(byte[] in) {
        Harness.protocol(Target.named("mqtt"), in);
    }

    @RealSeeds
    @FuzzTest(maxDuration = MAX)
    void http(byte[] in) {
        Harness.protocol(Target.named("http"), in);
    }

    @RealSeeds
    @FuzzTest(maxDuration = MAX)
    void rtsp(byte[] in) {
        Harness.protocol(Target.named("rtsp"), in);
    }

    @RealSeeds
    @FuzzTest(maxDuration = MAX)
    void ftp(byte[] in) {
        Harness.protocol(Target.named("ftp"), in);
    }

    @RealSeeds
    @FuzzTest(maxDuration = MAX)
    void smtp(byte[] in) {
        Harness.protocol(Target.named("smtp"), in);
    }

    @RealSeeds
    @FuzzTest(maxDuration = MAX)
    void pop3(byte[] in) {
        Harness.protocol(Target.named("pop3"), in);
    }

    @RealSeeds
    @FuzzTest(maxDuration = MAX)
    void imap(byte[] in) {
        Harness.protocol(Target.named("imap"), in);
    }

    @RealSeeds
    @FuzzTest(maxDuration = MAX)
    void telnet(byte[] in) {
        Harness.protocol(Target.named("telnet"), in);
    }
}
