package dev.vigil.engine.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.testing.EngineRun;
import dev.vigil.engine.testing.TestData;
import org.junit.jupiter.api.Test;

class EventJsonTest {

    @Test
    void secretsNeverPrintInClear() {
        EngineRun run = EngineRun.of(TestData.capture("ndpi-mqtt.pcap"), TestData.capture("ndpi-telnet.pcap"),
                TestData.capture("zeek-http-basic-auth-colon.pcap"), TestData.capture("zeek-snmpv1-get.pcap"),
                TestData.capture("vigil-sll2-loopback-http.pcap"));
        String all = String.join("\n", run.json(e -> true));
        // the MQTT password equals its user name; telnet's password is "user"; SNMP's community "public"
        assertThat(all).doesNotContain("\"password\":\"02D5050223D3\"")
                .doesNotContain("\"password\":\"user\"")
                .doesNotContain("public")
                .doesNotContain("\"authSecret\":\"admin\"");
        // a fixed mask: no first character, no length
        assertThat(all).contains("\"" + Secret.MASK + "\"").doesNotContain(" chars)");
    }

    @Test
    void secretToStringIsMasked() {
        Secret s = new Secret("hunter2");
        assertThat(s.toString()).isEqualTo("********").doesNotContain("hunter2").doesNotContain("h*");
        assertThat(new Secret("").toString()).isEqualTo("(empty)");
    }

    @Test
    void stringsAreEscaped() {
        StringBuilder sb = new StringBuilder();
        EventJson.string(sb, "a\"b\\c\nd\u0001");
        assertThat(sb.toString()).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001\"");
    }
}
