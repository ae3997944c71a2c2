package dev.vigil.engine.proto.dhcp;

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
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DhcpParserTest {

    /**
     * Issue 16 audit: a DHCP message ending with an empty User Class option (77, length 0) made the
     * parser read a length byte that is not there: past the buffer when the option ended the packet
     * (the dissector failed), else the next packet's bytes as this one's user class.
     */
    @Test
    void anEmptyUserClassAtTheEndIsNoUserClass() throws Exception {
        byte[] dhcp = Conversation.decode(Files.readAllBytes(TestData.fuzzInput("dhcp/user-class-empty-at-end")))
                .messages().get(0).bytes();
        List<Event> events = new ArrayList<>();
        Pipeline p = new Pipeline(EngineConfig.defaults(), events::add);
        RawPacket raw = new RawPacket();
        for (byte[] f : new Wire().frames(Target.named("dhcp"), new Message(0, dhcp))) {
            raw.set(f, 0, f.length, f.length, 1_700_000_000_000_000_000L, 1, 0);
            p.accept(raw);
        }
        assertThat(p.faults().total()).isZero();
        assertThat(events).filteredOn(DhcpMessage.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((DhcpMessage) e).userClass()).isNull());
    }
}
