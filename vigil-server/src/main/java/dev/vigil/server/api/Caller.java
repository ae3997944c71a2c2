package dev.vigil.server.api;

import dev.vigil.engine.net.Cidr;
import dev.vigil.engine.net.Ip;
import dev.vigil.server.auth.Auth;
import io.javalin.http.Context;
import java.util.List;

/** Who is calling, as the access filter found it, and from where. */
public final class Caller {

    /** The request attribute the access filter puts the principal in. */
    public static final String PRINCIPAL = "vigil.principal";

    private Caller() {
    }

    public static Auth.Principal of(Context ctx) {
        return ctx.attribute(PRINCIPAL);
    }

    /** The caller's name for the audit log. */
    public static String name(Context ctx) {
        return of(ctx).name();
    }

    /** The caller must be a person (an API token has no password and no second factor). */
    public static void requirePerson(Context ctx) {
        if (of(ctx).user() == null) {
            throw new ApiError(400, "an API token has no password or second factor");
        }
    }

    /** The client's address: the peer, or what a trusted proxy says it is. */
    public static String address(Context ctx, List<Cidr> trustedProxies) {
        return clientAddress(ctx.ip(), ctx.header("X-Forwarded-For"), trustedProxies);
    }

    /**
     * The address a request comes from: the peer of the connection, unless that peer is one of the
     * trusted reverse proxies, in which case X-Forwarded-For is read from the right (each proxy
     * appends the address it saw) and the first address that is not a trusted proxy is the client.
     * A header from anyone else is ignored, so a client cannot pick its own rate-limit bucket.
     */
    public static String clientAddress(String peer, String forwardedFor, List<Cidr> trusted) {
        if (trusted.isEmpty() || forwardedFor == null || forwardedFor.isBlank() || !trustedProxy(peer, trusted)) {
            return peer;
        }
        String[] hops = forwardedFor.split(",");
        String client = peer;
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (Ip.tryParse(hop) == null) {
                // a hop that is not an address: the chain cannot be followed past it
                return client;
            }
            client = hop;
            if (!trustedProxy(hop, trusted)) {
                return hop;
            }
        }
        return client;
    }

    private static boolean trustedProxy(String address, List<Cidr> trusted) {
        Ip ip = Ip.tryParse(address);
        if (ip == null) {
            return false;
        }
        for (Cidr c : trusted) {
            if (c.contains(ip)) {
                return true;
            }
        }
        return false;
    }
}
