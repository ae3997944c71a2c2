package dev.vigil.engine.proto.http;

import dev.vigil.engine.dissect.Probe;
import dev.vigil.engine.dissect.Protocol;
import dev.vigil.engine.dissect.StreamDissector;
import dev.vigil.engine.event.Event;
import dev.vigil.engine.flow.Transport;
import dev.vigil.engine.proto.upnp.UpnpDescription;
import dev.vigil.engine.wire.Bytes;
import java.util.Map;

/** HTTP/1.x and RTSP: the same message syntax, told apart by the version in the first line. */
public final class HttpProtocol implements Protocol {

    private static final String[] HTTP_METHODS = {"GET ", "POST ", "HEAD ", "PUT ", "DELETE ", "OPTIONS ",
        "PATCH ", "CONNECT ", "TRACE ", "SUBSCRIBE ", "UNSUBSCRIBE ", "NOTIFY ", "PROPFIND ", "PROPPATCH ",
        "MKCOL ", "MOVE ", "COPY ", "LOCK ", "UNLOCK ", "REPORT ", "SEARCH "};
    private static final String[] RTSP_METHODS = {"OPTIONS ", "DESCRIBE ", "SETUP ", "PLAY ", "PAUSE ",
        "TEARDOWN ", "GET_PARAMETER ", "SET_PARAMETER ", "ANNOUNCE ", "RECORD ", "REDIRECT "};

    private final String name;
    private final boolean rtsp;

    private HttpProtocol(String name) {
        this.name = name;
        this.rtsp = name.equals("rtsp");
    }

    public static HttpProtocol http() {
        return new HttpProtocol("http");
    }

    public static HttpProtocol rtsp() {
        return new HttpProtocol("rtsp");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int[] tcpPorts() {
        return rtsp ? new int[] {554, 8554} : new int[] {80, 8000, 8008, 8080, 8081, 8088, 8888, 5000, 49152, 52869};
    }

    @Override
    public Probe probe(Transport transport, byte[] b, int off, int len, boolean fromClient, boolean portHint) {
        if (transport != Transport.TCP) {
            return Probe.NO;
        }
        String version = rtsp ? "RTSP/1." : "HTTP/1.";
        if (!fromClient) {
            if (len < version.length()) {
                return version.startsWith(Bytes.latin1(b, off, len)) ? Probe.NEED_MORE : Probe.NO;
            }
            return Bytes.startsWith(b, off, len, version) ? Probe.MATCH : Probe.NO;
        }
        String[] methods = rtsp ? RTSP_METHODS : HTTP_METHODS;
        boolean methodMatch = false;
        boolean prefix = false;
        for (String m : methods) {
            if (Bytes.startsWith(b, off, len, m)) {
                methodMatch = true;
                break;
            }
            if (len < m.length() && m.startsWith(Bytes.latin1(b, off, len))) {
                prefix = true;
            }
        }
        if (!methodMatch) {
            return prefix ? Probe.NEED_MORE : Probe.NO;
        }
        int lf = Bytes.indexOfLf(b, off, off + len);
        if (lf < 0) {
            return len < 2048 ? Probe.NEED_MORE : Probe.NO;
        }
        int lineEnd = lf > off && b[lf - 1] == '\r' ? lf - 1 : lf;
        String line = Bytes.latin1(b, off, lineEnd - off);
        int sp = line.lastIndexOf(' ');
        return sp > 0 && line.substring(sp + 1).startsWith(rtsp ? "RTSP/" : "HTTP/") ? Probe.MATCH : Probe.NO;
    }

    @Override
    public StreamDissector newStreamDissector() {
        return new HttpDissector(name);
    }

    @Override
    public Map<String, Class<? extends Event>> events() {
        return Map.of(name + ".request", HttpRequest.class, name + ".response", HttpResponse.class, "upnp.description",
                UpnpDescription.class, "vendor.identity", dev.vigil.engine.proto.discovery.VendorIdentity.class);
    }
}
