package dev.vigil.engine.proto.http;

import dev.vigil.engine.anomaly.Anomaly;
import dev.vigil.engine.dissect.DissectorContext;
import dev.vigil.engine.dissect.StreamDissector;
import dev.vigil.engine.event.Secret;
import dev.vigil.engine.proto.discovery.DeviceInformationXml;
import dev.vigil.engine.proto.discovery.VendorIdentity;
import dev.vigil.engine.proto.upnp.UpnpDescription;
import dev.vigil.engine.proto.upnp.UpnpDescriptionParser;
import dev.vigil.engine.wire.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.x and RTSP on one TCP flow: requests and responses in order, bodies skipped by
 * Content-Length or chunked coding (RFC 9112 §6–7) so that every transaction of a keep-alive
 * connection is seen, RTSP interleaved binary frames (RFC 2326 §10.12) skipped.
 */
final class HttpDissector implements StreamDissector {

    static final int MAX_HEAD = 16 * 1024;
    static final int MAX_TRANSACTIONS = 64;
    static final int MAX_QUEUED = 32;
    /** Body bytes kept for a UPnP description (XML); other bodies are skipped unread. */
    static final int XML_KEEP = 16 * 1024;
    /** Body bytes searched for an HTML title. */
    static final int HTML_KEEP = 4 * 1024;

    static final Anomaly HEAD_TOO_LONG = Anomaly.declare("http.header_too_long", Anomaly.Kind.LIMIT,
            "an HTTP head longer than " + MAX_HEAD + " bytes; the rest of the flow was not inspected");
    static final Anomaly BAD_START_LINE = Anomaly.declare("http.bad_start_line",
            "an HTTP or RTSP message whose request or status line does not parse");
    static final Anomaly BAD_CHUNK = Anomaly.declare("http.bad_chunk_size",
            "a chunked body whose chunk-size line is not hexadecimal");

    private enum State { HEAD, BODY, UNTIL_CLOSE, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILER }

    private static final class Side {
        State state = State.HEAD;
        long remaining;
        boolean stopped;
        boolean interleaved;
        Partial partial;
    }

    /** A response whose head is parsed and whose body is still arriving; keeps at most {@code limit} body bytes. */
    private static final class Partial {
        final HttpResponse head;
        final boolean html;
        int limit;
        byte[] keep;
        int kept;

        Partial(HttpResponse head, boolean html, int limit) {
            this.head = head;
            this.html = html;
            this.limit = limit;
        }
    }

    private final String protocol;
    private final Side client = new Side();
    private final Side server = new Side();
    private final ArrayDeque<String[]> requests = new ArrayDeque<>(4);
    private int transactions;
    private String lastMethod;

    HttpDissector(String protocol) {
        this.protocol = protocol;
    }

    @Override
    public int onData(DissectorContext ctx, boolean fromClient, byte[] b, int off, int len) {
        Side s = fromClient ? client : server;
        int p = off;
        int end = off + len;
        while (p < end && !s.stopped) {
            switch (s.state) {
                case HEAD -> {
                    if (b[p] == '\r' || b[p] == '\n') {
                        p++;
                        continue;
                    }
                    if (b[p] == '$' && protocol.equals("rtsp")) {
                        if (end - p < 4) {
                            return p - off;
                        }
                        s.remaining = Bytes.u16(b, p + 2);
                        s.interleaved = true;
                        s.state = State.BODY;
                        p += 4;
                        continue;
                    }
                    int headEnd = Bytes.endOfHeaders(b, p, end - p);
                    if (headEnd < 0) {
                        if (end - p > MAX_HEAD) {
                            ctx.count(HEAD_TOO_LONG);
                            s.stopped = true;
                            return len;
                        }
                        return p - off;
                    }
                    HttpHead head = HttpHeadParser.parseKnown(b, p, headEnd - p);
                    p = headEnd;
                    if (fromClient) {
                        request(ctx, s, head);
                    } else {
                        response(ctx, s, head);
                    }
                }
                case BODY, CHUNK_DATA -> {
                    int n = (int) Math.min(s.remaining, end - p);
                    keep(s, b, p, n);
                    p += n;
                    s.remaining -= n;
                    if (s.remaining == 0) {
                        if (s.state == State.CHUNK_DATA) {
                            s.state = State.CHUNK_END;
                        } else {
                            bodyDone(ctx, s);
                        }
                    }
                }
                case UNTIL_CLOSE -> {
                    keep(s, b, p, end - p);
                    p = end;
                }
                case CHUNK_END -> {
                    if (b[p++] == '\n') {
                        s.state = State.CHUNK_SIZE;
                    }
                }
                case CHUNK_SIZE -> {
                    int lf = Bytes.indexOfLf(b, p, end);
                    if (lf < 0) {
                        if (end - p > 1024) {
                            ctx.malformed(BAD_CHUNK);
                            s.stopped = true;
                            return len;
                        }
                        return p - off;
                    }
                    long size = HttpFields.chunkSize(b, p, lf);
                    p = lf + 1;
                    if (size < 0) {
                        ctx.malformed(BAD_CHUNK);
                        s.stopped = true;
                        return len;
                    }
                    if (size == 0) {
                        s.state = State.TRAILER;
                    } else {
                        s.remaining = size;
                        s.state = State.CHUNK_DATA;
                    }
                }
                case TRAILER -> {
                    int lf = Bytes.indexOfLf(b, p, end);
                    if (lf < 0) {
                        return p - off;
                    }
                    boolean empty = lf == p || (lf == p + 1 && b[p] == '\r');
                    p = lf + 1;
                    if (empty) {
                        bodyDone(ctx, s);
                    }
                }
                default -> throw new IllegalStateException();
            }
        }
        return s.stopped ? len : p - off;
    }

    private void request(DissectorContext ctx, Side s, HttpHead head) {
        String line = head.startLine();
        int sp1 = line.indexOf(' ');
        int sp2 = line.lastIndexOf(' ');
        if (sp1 <= 0 || sp2 <= sp1 || !HttpFields.isVersion(line.substring(sp2 + 1))) {
            ctx.malformed(BAD_START_LINE);
            s.stopped = true;
            return;
        }
        String method = line.substring(0, sp1);
        String uri = line.substring(sp1 + 1, sp2).trim();
        String version = line.substring(sp2 + 1);
        Map<String, String> h = head.headers();
        String auth = h.get("authorization");
        if (auth == null) {
            auth = h.get("proxy-authorization");
        }
        String scheme = null;
        String user = null;
        Secret secret = null;
        if (auth != null) {
            int sp = auth.indexOf(' ');
            scheme = sp < 0 ? auth : auth.substring(0, sp);
            String param = sp < 0 ? "" : auth.substring(sp + 1).trim();
            if (scheme.equalsIgnoreCase("basic")) {
                String decoded = HttpFields.basic(param);
                if (decoded != null) {
                    // RFC 7617 §2: the user-id ends at the first colon; the password may contain colons
                    int colon = decoded.indexOf(':');
                    user = colon < 0 ? decoded : decoded.substring(0, colon);
                    secret = new Secret(colon < 0 ? "" : decoded.substring(colon + 1));
                }
            } else if (scheme.equalsIgnoreCase("digest")) {
                user = HttpFields.digestParam(param, "username");
            }
        }
        ctx.emit(new HttpRequest(ctx.ts(), ctx.flow(), protocol, method, uri, version, h.get("host"),
                h.get("user-agent"), scheme, user, secret, h.get("content-type"), HttpFields.length(h), HttpFields.redacted(h)));
        lastMethod = method;
        if (requests.size() < MAX_QUEUED) {
            requests.add(new String[] {method, uri});
        }
        transactions++;
        bodyFraming(s, h, true, 0);
        if (s.state == State.HEAD) {
            s.partial = null;
        }
    }

    private void response(DissectorContext ctx, Side s, HttpHead head) {
        String line = head.startLine();
        String[] parts = line.split(" ", 3);
        int status = parts.length >= 2 ? HttpFields.parseStatus(parts[1]) : -1;
        if (parts.length < 2 || !HttpFields.isVersion(parts[0]) || status < 100 || status > 999) {
            ctx.malformed(BAD_START_LINE);
            s.stopped = true;
            return;
        }
        Map<String, String> h = head.headers();
        if (status >= 100 && status < 200 && status != 101) {
            return;
        }
        String[] req = requests.poll();
        String method = req != null ? req[0] : null;
        String contentType = h.get("content-type");
        HttpResponse r = new HttpResponse(ctx.ts(), ctx.flow(), protocol, status, parts.length > 2 ? parts[2] : "",
                parts[0], h.get("server"), contentType, HttpFields.length(h), h.get("www-authenticate"), h.get("location"),
                method, req != null ? req[1] : null, null, null, HttpFields.redacted(h));
        if (status == 101) {
            ctx.emit(r);
            client.stopped = true;
            server.stopped = true;
            return;
        }
        boolean noBody = "HEAD".equalsIgnoreCase(method) || status == 204 || status == 304;
        bodyFraming(s, h, false, noBody ? -1 : 0);
        if (s.state == State.HEAD) {
            ctx.emit(r);
            return;
        }
        String ct = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        boolean html = ct.contains("html");
        int limit = html ? HTML_KEEP : ct.contains("xml") ? XML_KEEP : 0;
        s.partial = new Partial(r, html, limit);
    }

    /** Sets the side's state for the body that follows a head. */
    private void bodyFraming(Side s, Map<String, String> h, boolean request, int noBody) {
        String te = h.get("transfer-encoding");
        Long cl = HttpFields.length(h);
        if (noBody < 0) {
            s.state = State.HEAD;
        } else if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
            s.state = State.CHUNK_SIZE;
        } else if (cl != null && cl > 0) {
            s.state = State.BODY;
            s.remaining = cl;
        } else if (cl == null && !request && protocol.equals("http")) {
            s.state = State.UNTIL_CLOSE;
        } else {
            s.state = State.HEAD;
        }
    }

    private static void keep(Side s, byte[] b, int p, int n) {
        Partial part = s.partial;
        if (part == null || s.interleaved) {
            return;
        }
        int c = Math.min(part.limit - part.kept, n);
        if (c <= 0) {
            return;
        }
        if (part.keep == null || part.keep.length < part.kept + c) {
            byte[] bigger = new byte[Math.min(part.limit, Math.max(part.kept + c, part.keep == null ? 1024
                    : part.keep.length * 2))];
            if (part.keep != null) {
                System.arraycopy(part.keep, 0, bigger, 0, part.kept);
            }
            part.keep = bigger;
        }
        System.arraycopy(b, p, part.keep, part.kept, c);
        part.kept += c;
    }

    private void bodyDone(DissectorContext ctx, Side s) {
        s.state = State.HEAD;
        s.interleaved = false;
        Partial part = s.partial;
        s.partial = null;
        if (part != null) {
            emit(ctx, part);
        }
    }

    private void emit(DissectorContext ctx, Partial part) {
        HttpResponse r = part.head;
        String body = null;
        String title = null;
        if (part.keep != null && part.kept > 0) {
            String text = new String(part.keep, 0, part.kept, StandardCharsets.UTF_8);
            if (part.html) {
                title = HttpFields.title(text);
            } else {
                body = text.length() > 8192 ? text.substring(0, 8192) : text;
            }
            VendorIdentity id = part.html || r.status() < 200 || r.status() >= 300 ? null
                    : DeviceInformationXml.parse(r.ts(), r.flow(), text);
            if (id != null) {
                // before UPnP: an ISAPI DeviceInfo has a deviceType element too
                ctx.emit(id);
            } else if (UpnpDescriptionParser.looksLikeDescription(text)) {
                UpnpDescription d = UpnpDescriptionParser.parse(r.ts(), r.flow(), r.requestUri(), text);
                if (d != null) {
                    ctx.emit(d);
                }
            }
        }
        ctx.emit(new HttpResponse(r.ts(), r.flow(), r.protocol(), r.status(), r.reason(), r.version(), r.server(),
                r.contentType(), r.contentLength(), r.wwwAuthenticate(), r.location(), r.requestMethod(),
                r.requestUri(), title, body, r.headers()));
    }

    @Override
    public boolean onGap(DissectorContext ctx, boolean fromClient, long missing) {
        Side s = fromClient ? client : server;
        if ((s.state == State.BODY || s.state == State.CHUNK_DATA) && s.remaining >= missing) {
            s.remaining -= missing;
            if (s.partial != null) {
                // bytes are missing: what was kept can no longer be trusted to be the body's start
                s.partial.limit = s.partial.kept;
            }
            if (s.remaining == 0) {
                if (s.state == State.CHUNK_DATA) {
                    s.state = State.CHUNK_END;
                } else {
                    bodyDone(ctx, s);
                }
            }
            return true;
        }
        if (s.state == State.UNTIL_CLOSE) {
            return true;
        }
        if (s.partial != null) {
            emit(ctx, s.partial);
            s.partial = null;
        }
        s.stopped = true;
        return !(client.stopped && server.stopped);
    }

    @Override
    public void onEnd(DissectorContext ctx) {
        if (server.partial != null) {
            emit(ctx, server.partial);
            server.partial = null;
        }
    }

    @Override
    public boolean wantsMore() {
        return !(client.stopped && server.stopped) && transactions < MAX_TRANSACTIONS
                && !(client.stopped && requests.isEmpty() && server.state == State.HEAD);
    }

    String lastMethod() {
        return lastMethod;
    }
}
