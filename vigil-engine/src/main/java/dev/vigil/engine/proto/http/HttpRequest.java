package dev.vigil.engine.proto.http;

import dev.vigil.engine.flow.FlowEvent;
import dev.vigil.engine.event.Secret;
import dev.vigil.engine.flow.FlowMeta;
import java.util.Map;

/**
 * An HTTP/1.x or RTSP request head.
 *
 * @param ts packet time of the head's last byte
 * @param flow the TCP flow
 * @param protocol "http" or "rtsp"
 * @param method request method
 * @param uri request target as sent
 * @param version "HTTP/1.1", "RTSP/1.0", …
 * @param host Host header
 * @param userAgent User-Agent header
 * @param authScheme scheme of Authorization (or Proxy-Authorization): "Basic", "Digest", "Bearer", …
 * @param authUser user name (Basic: decoded; Digest: the username parameter)
 * @param authSecret the Basic password, masked when printed
 * @param contentType Content-Type
 * @param contentLength Content-Length, or null
 * @param headers the header fields Vigil reads ({@link HttpHeadParser#KNOWN}); credentials and cookies redacted
 */
public record HttpRequest(long ts, FlowMeta flow, String protocol, String method, String uri, String version,
        String host, String userAgent, String authScheme, String authUser, Secret authSecret, String contentType,
        Long contentLength, Map<String, String> headers) implements FlowEvent {

    @Override
    public String kind() {
        return protocol + ".request";
    }
}
