package dev.vigil.detect.segmentation.mud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.detect.segmentation.Policy;
import dev.vigil.detect.segmentation.PolicyParser;
import dev.vigil.detect.segmentation.PolicyWriter;
import dev.vigil.detect.segmentation.Rule;
import dev.vigil.detect.segmentation.Selector;
import dev.vigil.detect.segmentation.Target;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The MUD reader checks files against the YANG trees of RFC 8520 and RFC 8519 and names where a file is wrong. */
class MudReaderTest {

    static String example() throws Exception {
        try (InputStream in = MudReaderTest.class.getResourceAsStream("/segmentation/rfc8520-lightbulb2000.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static MudFile read(String text) throws MudFormatException {
        return MudReader.read("bulb.json", text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheExampleOfRfc8520() throws Exception {
        MudFile m = read(example());
        assertThat(m.mudUrl()).isEqualTo("https://lighting.example.com/lightbulb2000");
        assertThat(m.cacheValidity()).isEqualTo(48);
        assertThat(m.fromDevice()).singleElement().satisfies(a -> {
            assertThat(a.v6()).isTrue();
            assertThat(a.aces().get(0).matches().dstDnsName()).isEqualTo("test.example.com");
            assertThat(a.aces().get(0).matches().dstPort()).isEqualTo(MudFile.PortMatch.eq(443));
        });
        // what Vigil writes of it reads back the same
        assertThat(read(MudJson.write(m))).isEqualTo(m);
    }

    @Test
    void theExampleBecomesOnePolicyRule() throws Exception {
        MudFile m = read(example());
        MudPolicy.Converted c = MudPolicy.convert("bulb", List.of(new MudPolicy.Binding(m, "bulbs",
                List.of(Selector.of(Selector.Attribute.MODEL, false, List.of("lightbulb2000"))))), Map.of(),
                Policy.DEFAULT_LOCAL);
        // cl0-todev matches the replies (direction-initiated from-device): conntrack's business
        assertThat(c.policy().rules()).singleElement().satisfies(r -> {
            assertThat(r.from()).isEqualTo(new Target.ZoneRef("bulbs"));
            assertThat(r.to()).isEqualTo(new Target.Name("test.example.com"));
            assertThat(r.services()).extracting(Object::toString).containsExactly("tcp/443");
        });
        Policy back = PolicyParser.parse("bulb", PolicyWriter.canonical(c.policy()));
        assertThat(back.revision()).isEqualTo(c.policy().revision());
        assertThat(back.rules()).extracting(Rule::name).containsExactly("bulbs-cl0-frdev");
    }

    @Test
    void eachProblemNamesItsLineAndColumn() throws Exception {
        String ok = example();
        Object[][] cases = {
            {ok.replace("\"protocol\": 6\n                },\n                \"tcp\": {\n                  \"ietf-mud:direction-initiated\": \"from-device\",\n                  \"destination-port\"",
                    "\"protocl\": 6\n                },\n                \"tcp\": {\n                  \"ietf-mud:direction-initiated\": \"from-device\",\n                  \"destination-port\""),
                "bulb.json:67:30: unknown member 'protocl' in ipv6 (RFC 8519 ietf-packet-fields, RFC 8520 ietf-acldns)"},
            {ok.replace("\"mud-version\": 1", "\"mud-version\": 2"), "bulb.json:3:20: mud-version 2 is not 1 (RFC 8520 defines version 1)"},
            {ok.replace("\"cache-validity\": 48", "\"cache-validity\": 500"),
                "bulb.json:6:23: cache-validity must be a whole number from 0 to 168"},
            {ok.replace("\"is-supported\": true,", ""), "bulb.json:2:19: mandatory leaf 'is-supported' is missing"},
            {ok.replace("\"last-update\": \"2019-01-28T11:20:51+01:00\"", "\"last-update\": \"yesterday\""),
                "bulb.json:5:20: last-update 'yesterday' is not a date-and-time (RFC 6991)"},
            {ok.replace("\"name\": \"mud-76100-v6fr\"\n          }", "\"name\": \"mud-00000-v6fr\"\n          }"),
                "bulb.json:12:11: from-device-policy names ACL 'mud-00000-v6fr', which ietf-access-control-list:acls does not define"},
            {ok.replace("\"operator\": \"eq\",\n                    \"port\": 443\n                  }\n                }\n              },\n              \"actions\": {\n                \"forwarding\": \"accept\"\n              }\n            }\n          ]\n        }\n      }\n    ]",
                    "\"operator\": \"eq\",\n                    \"port\": 70000\n                  }\n                }\n              },\n              \"actions\": {\n                \"forwarding\": \"accept\"\n              }\n            }\n          ]\n        }\n      }\n    ]"),
                "bulb.json:73:29: port must be a whole number from 0 to 65535"},
            {ok.replace("\"forwarding\": \"accept\"\n              }\n            }\n          ]\n        }\n      },",
                    "\"forwarding\": \"allow\"\n              }\n            }\n          ]\n        }\n      },"),
                "bulb.json:51:31: forwarding must be accept, drop or reject (RFC 8519), not 'allow'"},
            {ok.replace("\"ipv6-acl-type\",\n        \"aces\": {\n          \"ace\": [\n            {\n              \"name\": \"cl0-todev\"",
                    "\"ipv4-acl-type\",\n        \"aces\": {\n          \"ace\": [\n            {\n              \"name\": \"cl0-todev\""),
                "bulb.json:38:25: ipv6 matches in an ipv4-acl-type ACL (RFC 8519 'when' condition)"},
            {ok.substring(0, ok.length() - 10), "bulb.json:84:3: not valid JSON: Unexpected end-of-input: expected close marker for Array"},
            {ok.replace("\"systeminfo\"", "\"mud-url\""), "bulb.json:8:5: member 'mud-url' appears twice (RFC 7951 §4)"},
            {"{\"hello\": 1}", "bulb.json:1:1: no 'ietf-mud:mud' container: not a MUD file (RFC 8520)"},
        };
        for (Object[] c : cases) {
            assertThatThrownBy(() -> read((String) c[0])).as((String) c[1]).isInstanceOf(MudFormatException.class)
                    .hasMessage((String) c[1]);
        }
    }

    @Test
    void emptyLeavesAreWrittenAsNullInAnArray() throws Exception {
        String local = example().replace("\"ietf-acldns:dst-dnsname\": \"test.example.com\",",
                "").replace("\"matches\": {\n                \"ipv6\": {\n                  \n",
                "\"matches\": {\n                \"ietf-mud:mud\": {\"local-networks\": [null]},\n                \"ipv6\": {\n");
        MudFile m = read(local);
        assertThat(m.fromDevice().get(0).aces().get(0).matches().localNetworks()).isTrue();
        assertThatThrownBy(() -> read(local.replace("[null]", "true"))).hasMessageContaining(
                "local-networks is an empty leaf: write it as [null] (RFC 7951 §6.9)");
    }
}
