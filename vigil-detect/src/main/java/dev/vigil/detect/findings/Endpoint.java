package dev.vigil.detect.findings;

import dev.vigil.engine.flow.FlowMeta;
import dev.vigil.engine.net.Ip;
import dev.vigil.engine.net.Mac;

/**
 * One side of the evidence of a finding, as the traffic named it.
 *
 * @param ip address, or null (layer-2 evidence)
 * @param mac MAC address, or null
 * @param port port, or null
 */
public record Endpoint(Ip ip, Mac mac, Integer port) implements java.io.Serializable {

    public static Endpoint client(FlowMeta f) {
        return new Endpoint(f.clientIp(), f.clientMac(), f.clientPort());
    }

    public static Endpoint server(FlowMeta f) {
        return new Endpoint(f.serverIp(), f.serverMac(), f.serverPort());
    }

    public static Endpoint of(Ip ip) {
        return new Endpoint(ip, null, null);
    }
}
