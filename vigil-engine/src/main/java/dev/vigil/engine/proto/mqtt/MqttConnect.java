package dev.vigil.engine.proto.mqtt;

import dev.vigil.engine.flow.FlowEvent;
import dev.vigil.engine.event.Secret;
import dev.vigil.engine.flow.FlowMeta;

/**
 * An MQTT CONNECT (MQTT 3.1.1 §3.1, MQTT 5.0 §3.1).
 *
 * @param ts packet time
 * @param flow the TCP flow
 * @param protocolName "MQTT" or "MQIsdp" (3.1)
 * @param protocolLevel 3 (3.1), 4 (3.1.1) or 5
 * @param clientId client identifier
 * @param username user name, or null
 * @param passwordSent whether the password flag was set
 * @param password the password, masked when printed; null when none was sent
 * @param willTopic will topic, or null
 * @param cleanSession clean session / clean start flag
 * @param keepAliveSeconds keep-alive interval
 */
public record MqttConnect(long ts, FlowMeta flow, String protocolName, int protocolLevel, String clientId,
        String username, boolean passwordSent, Secret password, String willTopic, boolean cleanSession,
        int keepAliveSeconds) implements FlowEvent {

    @Override
    public String kind() {
        return "mqtt.connect";
    }
}
