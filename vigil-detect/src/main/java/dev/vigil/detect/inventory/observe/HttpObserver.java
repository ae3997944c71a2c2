package dev.vigil.detect.inventory.observe;

import dev.vigil.detect.inventory.Observer;
import dev.vigil.detect.inventory.Sightings;
import dev.vigil.engine.proto.http.HttpRequest;
import dev.vigil.engine.proto.http.HttpResponse;
import java.util.Locale;

/**
 * HTTP (RFC 9110): a client's user agent and the host names it asks for; a server's Server header,
 * page title and authentication realm (RFC 9110 §11.6.1), which often name the product, and the paths
 * it serves: an embedded device's local API lives at a product's own path (Edimax's
 * {@code /smartplug.cgi}, ONVIF's {@code /onvif/device_service}). A path counts only when the server
 * answered it with success (2xx), so a scanner asking every host for every product's path names nothing.
 */
public final class HttpObserver implements Observer {

    @Override
    public void register(Registrations on) {
        on.read(HttpRequest.class, HttpObserver::request);
        on.read(HttpResponse.class, HttpObserver::response);
    }

    static void request(HttpRequest h, Sightings s) {
        s.observe(h.flow(), false, "http.user_agent", h.userAgent(), h.ts());
        if (h.host() != null && !h.host().isEmpty() && !Character.isDigit(h.host().charAt(0))) {
            String host = h.host().toLowerCase(Locale.ROOT);
            int colon = host.indexOf(':');
            s.observe(h.flow(), false, "dns.query", colon > 0 ? host.substring(0, colon) : host, h.ts());
        }
    }

    static void response(HttpResponse h, Sightings s) {
        s.observe(h.flow(), true, "http.server", h.server(), h.ts());
        s.observe(h.flow(), true, "http.title", h.title(), h.ts());
        if (h.wwwAuthenticate() != null) {
            s.observe(h.flow(), true, "http.realm", realm(h.wwwAuthenticate()), h.ts());
        }
        if (h.status() >= 200 && h.status() < 300 && "http".equals(h.protocol())) {
            s.observe(h.flow(), true, "http.path", path(h.requestUri()), h.ts());
        }
    }

    /** The longest path kept: product APIs are named by their first segments. */
    public static final int MAX_PATH = 96;

    /** The path of a request target (RFC 9112 §3.2): no query or fragment, no scheme and authority; null when none. */
    public static String path(String target) {
        if (target == null || target.isEmpty()) {
            return null;
        }
        String t = target;
        int scheme = t.indexOf("://");
        if (scheme > 0 && scheme < 8) {
            int slash = t.indexOf('/', scheme + 3);
            t = slash < 0 ? "/" : t.substring(slash);
        }
        if (t.charAt(0) != '/') {
            return null;
        }
        int end = t.length();
        for (int i = 0; i < end; i++) {
            char c = t.charAt(i);
            if (c == '?' || c == '#' || c == ';') {
                end = i;
            }
        }
        return t.substring(0, Math.min(end, MAX_PATH));
    }

    /** The realm parameter of a WWW-Authenticate challenge (RFC 9110 §11.6.1), quoted or not; null when none. */
    static String realm(String header) {
        int i = header.toLowerCase(Locale.ROOT).indexOf("realm=");
        if (i < 0) {
            return null;
        }
        String r = header.substring(i + 6).trim();
        if (r.startsWith("\"")) {
            int end = r.indexOf('"', 1);
            return end > 0 ? r.substring(1, end) : r.substring(1);
        }
        int comma = r.indexOf(',');
        return comma > 0 ? r.substring(0, comma) : r;
    }
}
