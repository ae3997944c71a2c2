package dev.vigil.engine.proto.mqtt;

import dev.vigil.engine.dissect.Probe;
import dev.vigil.engine.dissect.Protocol;
import dev.vigil.engine.dissect.StreamDissector;
import dev.vigil.engine.event.Event;
import dev.vigil.engine.flow.Transport;
import dev.vigil.engine.wire.Bytes;
import java.util.Map;

/** MQTT over TCP (1883 by convention; recognised on any port by its CONNECT). */
public final class MqttProtocol implements Protocol {

    @Override
    public String name() {
        return "mqtt";
    }

    @Override
    public int[] tcpPorts() {
        return new int[] {1883, 1884};
    }

    @Override
    public Probe probe(Transport transport, byte[] b, int off, int len, boolean fromClient, boolean portHint) {
        if (transport != Transport.TCP) {
            return Probe.NO;
        }
        if (!fromClient) {
            // a CONNACK is 0x20 0x02 (3.1.1) or 0x20 with properties (5.0)
            return portHint && len >= 4 && (b[off] & 0xff) == 0x20 && (b[off + 1] & 0xff) >= 2 ? Probe.MATCH
                    : Probe.NO;
        }
        if (len < 1) {
            return Probe.NEED_MORE;
        }
        if ((b[off] & 0xff) != 0x10) {
            return Probe.NO;
        }
        int q = off + 1;
        int end = off + len;
        while (q < end && (b[q] & 0x80) != 0 && q < off + 4) {
            q++;
        }
        q++;
        if (end - q < 8) {
            return len < 16 ? Probe.NEED_MORE : Probe.NO;
        }
        int nameLen = Bytes.u16(b, q);
        if (nameLen == 4 && Bytes.startsWith(b, q + 2, end - q - 2, "MQTT")
                || nameLen == 6 && Bytes.startsWith(b, q + 2, end - q - 2, "MQIsdp")) {
            return Probe.MATCH;
        }
        return Probe.NO;
    }

    @Override
    public StreamDissector newStreamDissector() {
        return new MqttDissector();
    }

    @Override
    public Map<String, Class<? extends Event>> events() {
        return Map.of("mqtt.connect", MqttConnect.class, "mqtt.connack", MqttConnAck.class, "mqtt.publish", MqttPublish.class,
                "mqtt.subscribe", MqttSubscribe.class);
    }
}
