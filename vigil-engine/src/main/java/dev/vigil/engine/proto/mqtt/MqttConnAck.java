package dev.vigil.engine.proto.mqtt;

import dev.vigil.engine.flow.FlowEvent;
import dev.vigil.engine.flow.FlowMeta;

/**
 * An MQTT CONNACK: whether the broker accepted the connection.
 *
 * @param ts packet time
 * @param flow the TCP flow
 * @param sessionPresent session-present flag
 * @param returnCode 3.1.1 return code (0 accepted, 4 bad user name or password, 5 not authorised)
 *     or 5.0 reason code (0 success, 0x86 bad user name or password, 0x87 not authorised)
 * @param accepted the broker accepted the client
 */
public record MqttConnAck(long ts, FlowMeta flow, boolean sessionPresent, int returnCode, boolean accepted)
        implements FlowEvent {

    @Override
    public String kind() {
        return "mqtt.connack";
    }

    /** The broker refused the credentials (3.1.1 codes 4 and 5; 5.0 codes 0x86 and 0x87). */
    public boolean badCredentials() {
        return returnCode == 4 || returnCode == 5 || returnCode == 0x86 || returnCode == 0x87;
    }
}
