package dev.vigil.engine.proto.ics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.EngineConfig;
import dev.vigil.engine.Pipeline;
import dev.vigil.engine.capture.RawPacket;
import dev.vigil.engine.event.Event;
import dev.vigil.engine.testing.Frames;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a BACnet answer says belongs to the device only when it is the device object's and the
 * datagram's sender is that device (ASHRAE 135 clauses 6.2.2, 12.11, J.4.5): a point's name is not a
 * device name, and a router's or a BBMD's relay speaks for someone else.
 */
class BacnetIdentityTest {

    private final List<Event> events = new ArrayList<>();
    private final Pipeline pipeline = new Pipeline(EngineConfig.defaults(), events::add);
    private final RawPacket raw = new RawPacket();
    private long ts = 1_700_000_000_000_000_000L;

    private void send(byte[] bvlc) {
        byte[] frame = Frames.ethernet(Frames.CLIENT_MAC, Frames.SERVER_MAC, 0x0800,
                Frames.ipv4(Frames.SERVER_V4, Frames.CLIENT_V4, 17, Frames.udp(47808, 47808, bvlc)));
        raw.set(frame, 0, frame.length, frame.length, ts += 1_000_000, 1, 0);
        pipeline.accept(raw);
    }

    /** A ReadProperty-ACK of object {@code type,instance}, property 77 (object-name) = {@code name}. */
    private static byte[] objectName(int function, int control, int type, int instance, String name) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes(new byte[] {1, (byte) control});
        if ((control & 0x08) != 0) {
            o.writeBytes(new byte[] {0, 5, 1, 9}); // SNET 5, SLEN 1, SADR 9 (an MS/TP device behind a router)
        }
        int id = type << 22 | instance;
        o.writeBytes(new byte[] {0x30, 1, 12, 0x0c, (byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id,
            0x19, 77, 0x3e, 0x75, (byte) (name.length() + 1), 0});
        o.writeBytes(name.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        o.write(0x3f);
        byte[] npdu = o.toByteArray();
        int extra = function == 0x04 ? 6 : 0;
        ByteArrayOutputStream d = new ByteArrayOutputStream();
        int n = 4 + extra + npdu.length;
        d.writeBytes(new byte[] {(byte) 0x81, (byte) function, (byte) (n >>> 8), (byte) n});
        if (extra > 0) {
            d.writeBytes(new byte[] {10, 0, 0, 7, (byte) 0xba, (byte) 0xc0}); // the original sender
        }
        d.writeBytes(npdu);
        return d.toByteArray();
    }

    private List<String> names() {
        return events.stream().filter(IndustrialIdentity.class::isInstance).map(e -> ((IndustrialIdentity) e).name())
                .toList();
    }

    @Test
    void theDeviceObjectsNameIsTheDevicesAndAPointsIsNot() {
        send(objectName(0x0a, 0, 8, 1234, "AHU-3 controller"));
        send(objectName(0x0a, 0, 0, 17, "Zone Temp 3")); // analog-input 17
        assertThat(names()).containsExactly("AHU-3 controller");
    }

    @Test
    void relayedAnswersAreNotTheSendersIdentity() {
        send(objectName(0x04, 0, 8, 1, "behind a BBMD"));
        send(objectName(0x0a, 0x08, 8, 2, "behind a router"));
        assertThat(names()).isEmpty();
    }
}
