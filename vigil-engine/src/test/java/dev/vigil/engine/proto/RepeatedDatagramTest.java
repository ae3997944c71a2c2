package dev.vigil.engine.proto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.EngineConfig;
import dev.vigil.engine.Pipeline;
import dev.vigil.engine.capture.RawPacket;
import dev.vigil.engine.event.Event;
import dev.vigil.engine.proto.dns.DnsMessage;
import dev.vigil.engine.proto.dns.DnsParser;
import dev.vigil.engine.proto.ssdp.SsdpMessage;
import dev.vigil.engine.testing.Frames;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * DNS and SSDP datagrams that repeat a recent one are not parsed again: the event of a repeat must
 * be what parsing it would have given, with its own time, flow and (DNS) ID; a datagram that differs
 * in one byte is parsed afresh, and a damaged one is parsed and counted every time.
 */
class RepeatedDatagramTest {

    private final List<Event> events = new ArrayList<>();
    private final Pipeline pipeline = new Pipeline(EngineConfig.defaults(), events::add);
    private final RawPacket raw = new RawPacket();
    private long ts = 1_700_000_000_000_000_000L;

    private void send(int srcPort, int dstPort, byte[] payload) {
        byte[] frame = Frames.ethernet(Frames.SERVER_MAC, Frames.CLIENT_MAC, 0x0800,
                Frames.ipv4(Frames.CLIENT_V4, Frames.SERVER_V4, 17, Frames.udp(srcPort, dstPort, payload)));
        raw.set(frame, 0, frame.length, frame.length, ts += 1_000_000, 1, 0);
        pipeline.accept(raw);
    }

    /** A response for a.example, A 10.0.0.1 with {@code ttl}, under message ID {@code id}. */
    private static byte[] response(int id, int ttl) {
        return new byte[] {(byte) (id >> 8), (byte) id, (byte) 0x81, (byte) 0x80, 0, 1, 0, 1, 0, 0, 0, 0,
            1, 'a', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 0, 0, 1, 0, 1,
            (byte) 0xc0, 12, 0, 1, 0, 1, 0, 0, 0, (byte) ttl, 0, 4, 10, 0, 0, 1};
    }

    private <T> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void aRepeatedDnsMessageIsTheParsedOneWithItsOwnIdTimeAndFlow() {
        send(40001, 53, response(0x1111, 60));
        send(40002, 53, response(0x2222, 60));
        send(40003, 53, response(0x3333, 59));
        List<DnsMessage> m = of(DnsMessage.class);
        assertThat(m).hasSize(3);
        byte[] second = response(0x2222, 60);
        DnsMessage fresh = new DnsParser().parse(m.get(1).ts(), m.get(1).flow(), true, "dns", second, 0, second.length);
        assertThat(m.get(1)).isEqualTo(fresh);
        assertThat(m.get(1).id()).isEqualTo(0x2222);
        assertThat(m.get(1).flow().clientPort()).isEqualTo(40002);
        assertThat(m.get(1).ts()).isGreaterThan(m.get(0).ts());
        assertThat(m.get(1).answers()).isEqualTo(m.get(0).answers());
        assertThat(m.get(2).answers().get(0).ttl()).isEqualTo(59);
    }

    @Test
    void aDamagedDnsMessageIsCountedEachTime() {
        byte[] cut = java.util.Arrays.copyOf(response(0x1111, 60), 30);
        send(40001, 53, cut);
        send(40002, 53, cut);
        assertThat(of(DnsMessage.class)).hasSize(2).allSatisfy(m -> assertThat(m.answers()).isEmpty());
        assertThat(pipeline.anomalies().get(DnsParser.TRUNCATED)).isEqualTo(2);
    }

    @Test
    void aRepeatedSsdpAnnouncementCarriesTheSameFields() {
        String notify = "NOTIFY * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nNT: upnp:rootdevice\r\nNTS: ssdp:alive\r\n"
                + "USN: uuid:%s::upnp:rootdevice\r\nLOCATION: http://192.168.1.10:49152/d.xml\r\nSERVER: Linux/4.9 UPnP/1.0 x/1\r\n\r\n";
        send(1900, 1900, notify.formatted("one").getBytes(StandardCharsets.ISO_8859_1));
        send(1900, 1900, notify.formatted("one").getBytes(StandardCharsets.ISO_8859_1));
        send(1900, 1900, notify.formatted("two").getBytes(StandardCharsets.ISO_8859_1));
        List<SsdpMessage> m = of(SsdpMessage.class);
        assertThat(m).hasSize(3);
        SsdpMessage a = m.get(0);
        SsdpMessage b = m.get(1);
        assertThat(b.ts()).isGreaterThan(a.ts());
        assertThat(new SsdpMessage(a.ts(), a.flow(), a.fromClient(), b.method(), b.target(), b.subtype(), b.usn(),
                b.location(), b.server(), b.userAgent(), b.headers())).isEqualTo(a);
        assertThat(b.usn()).isEqualTo("uuid:one::upnp:rootdevice");
        assertThat(m.get(2).usn()).isEqualTo("uuid:two::upnp:rootdevice");
    }
}
