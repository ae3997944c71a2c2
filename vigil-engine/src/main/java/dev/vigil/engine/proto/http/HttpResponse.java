package dev.vigil.engine.proto.http;

import dev.vigil.engine.flow.FlowEvent;
import dev.vigil.engine.flow.FlowMeta;
import java.util.Map;

/**
 * An HTTP/1.x or RTSP response, emitted when its body is complete (or the flow ends).
 *
 * @param ts packet time of the status line
 * @param flow the TCP flow
 * @param protocol "http" or "rtsp"
 * @param status status code
 * @param reason reason phrase
 * @param version protocol version
 * @param server Server header (often product and firmware)
 * @param contentType Content-Type
 * @param contentLength Content-Length, or null
 * @param wwwAuthenticate WWW-Authenticate (the realm often names the device)
 * @param location Location
 * @param requestMethod method of the request this answers, when known
 * @param requestUri target of the request this answers, when known
 * @param title the HTML title of an HTML body (first 8 KiB), or null
 * @param body the start of an XML body (UPnP descriptions; at most 8 KiB of the 16 KiB read), or null
 * @param headers the header fields Vigil reads ({@link HttpHeadParser#KNOWN}); cookies redacted
 */
public record HttpResponse(long ts, FlowMeta flow, String protocol, int status, String reason, String version,
        String server, String contentType, Long contentLength, String wwwAuthenticate, String location,
        String requestMethod, String requestUri, String title, String body, Map<String, String> headers)
        implements FlowEvent {

    @Override
    public String kind() {
        return protocol + ".response";
    }
}
