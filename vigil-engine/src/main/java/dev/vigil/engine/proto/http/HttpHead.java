package dev.vigil.engine.proto.http;

import java.util.Map;

/**
 * The head of an HTTP-style message (HTTP/1.x, RTSP, SSDP): start line and header fields.
 *
 * @param startLine the request or status line, without its line break
 * @param headers header fields by lower-case name; repeated fields joined with ", " (RFC 9110
 *     §5.3); obsolete line folding unfolded
 */
public record HttpHead(String startLine, Map<String, String> headers) {

    public String header(String lowerName) {
        return headers.get(lowerName);
    }
}
