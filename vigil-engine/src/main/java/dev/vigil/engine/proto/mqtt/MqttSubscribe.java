package dev.vigil.engine.proto.mqtt;

import dev.vigil.engine.flow.FlowEvent;
import dev.vigil.engine.flow.FlowMeta;
import java.util.List;

/**
 * An MQTT SUBSCRIBE.
 *
 * @param ts packet time
 * @param flow the TCP flow
 * @param topics topic filters ("#" subscribes to everything: an eavesdropper's favourite)
 */
public record MqttSubscribe(long ts, FlowMeta flow, List<String> topics) implements FlowEvent {

    @Override
    public String kind() {
        return "mqtt.subscribe";
    }
}
