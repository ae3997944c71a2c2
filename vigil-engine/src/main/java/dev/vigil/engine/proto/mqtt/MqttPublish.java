package dev.vigil.engine.proto.mqtt;

import dev.vigil.engine.flow.FlowEvent;
import dev.vigil.engine.flow.FlowMeta;

/**
 * An MQTT PUBLISH (the first few per topic and flow).
 *
 * @param ts packet time
 * @param flow the TCP flow
 * @param fromClient published by the client (else delivered by the broker)
 * @param topic topic name
 * @param qos quality of service
 * @param retain retain flag
 * @param payloadLength payload size in bytes
 */
public record MqttPublish(long ts, FlowMeta flow, boolean fromClient, String topic, int qos, boolean retain,
        int payloadLength) implements FlowEvent {

    @Override
    public String kind() {
        return "mqtt.publish";
    }
}
