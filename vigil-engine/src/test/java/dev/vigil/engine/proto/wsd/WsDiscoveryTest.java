package dev.vigil.engine.proto.wsd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.EngineConfig;
import dev.vigil.engine.Pipeline;
import dev.vigil.engine.capture.RawPacket;
import dev.vigil.engine.event.Event;
import dev.vigil.engine.fuzz.Conversation;
import dev.vigil.engine.fuzz.Conversation.Message;
import dev.vigil.engine.fuzz.Target;
import dev.vigil.engine.fuzz.Wire;
import dev.vigil.engine.testing.TestData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class WsDiscoveryTest {

    private final List<Event> events = new ArrayList<>();
    private final Pipeline pipeline = new Pipeline(EngineConfig.defaults(), events::add);
    private final Wire wire = new Wire();
    private final RawPacket raw = new RawPacket();
    private long ts = 1_700_000_000_000_000_000L;

    private void send(byte[] datagram) {
        for (byte[] f : wire.frames(Target.named("wsd"), new Message(0, datagram))) {
            raw.set(f, 0, f.length, f.length, ts += 1_000_000, 1, 0);
            pipeline.accept(raw);
        }
    }

    /**
     * Issue 16 audit: a 64 KB datagram of {@code "<Action "} made each element pattern backtrack
     * over the rest of the datagram at every start tag (seconds per datagram, from anyone on the
     * link, since WS-Discovery is multicast). The limit guards against that coming back: 24
     * of them took 85 s before, under a second after.
     */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void startTagsWithoutEndCostLinearTime() throws Exception {
        byte[] hostile = Conversation.decode(Files.readAllBytes(TestData.fuzzInput("wsd/action-start-tags-backtrack")))
                .messages().get(0).bytes();
        for (int i = 0; i < 24; i++) {
            send(hostile);
        }
        assertThat(pipeline.anomalies().get(WsDiscoveryProtocol.MALFORMED)).isEqualTo(24);
        assertThat(pipeline.faults().total()).isZero();
    }

    @Test
    void attributesAndPrefixesStillRead() {
        send(("<?xml version=\"1.0\"?><soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\">"
                + "<soap:Header><wsa:Action soap:mustUnderstand=\"1\">"
                + "http://schemas.xmlsoap.org/ws/2005/04/discovery/Hello</wsa:Action></soap:Header><soap:Body>"
                + "<wsd:Hello><wsa:EndpointReference><wsa:Address>urn:uuid:1234</wsa:Address></wsa:EndpointReference>"
                + "<wsd:Types>dn:NetworkVideoTransmitter</wsd:Types><wsd:XAddrs>http://192.168.1.20/onvif/device_service"
                + "</wsd:XAddrs></wsd:Hello></soap:Body></soap:Envelope>").getBytes(StandardCharsets.UTF_8));
        List<WsDiscovery> found = events.stream().filter(WsDiscovery.class::isInstance).map(WsDiscovery.class::cast).toList();
        assertThat(found).singleElement().satisfies(w -> {
            assertThat(w.action()).isEqualTo("Hello");
            assertThat(w.types()).containsExactly("dn:NetworkVideoTransmitter");
            assertThat(w.endpoint()).isEqualTo("urn:uuid:1234");
        });
    }
}
