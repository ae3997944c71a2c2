package dev.vigil.detect.inventory.observe;

import dev.vigil.detect.inventory.Observer;
import dev.vigil.detect.inventory.Sightings;
import dev.vigil.engine.proto.http.HttpRequest;
import dev.vigil.engine.proto.http.HttpResponse;
import java.util.Locale;

/**
 * HTTP (RFC 9110): a client's user agent and the host names it asks for; a server's Server header,
 * page title and authentication realm (RFC 9110 §11.6.1), which often name the product.
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
