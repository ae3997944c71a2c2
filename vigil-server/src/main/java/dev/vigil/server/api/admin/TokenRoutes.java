package dev.vigil.server.api.admin;

import static dev.vigil.server.api.Params.body;
import static dev.vigil.server.api.Params.required;
import static io.javalin.apibuilder.ApiBuilder.delete;
import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;

import dev.vigil.server.api.Caller;
import dev.vigil.server.api.Envelope;
import dev.vigil.server.api.Params;
import dev.vigil.server.auth.Auth;
import dev.vigil.server.auth.Role;
import io.javalin.apibuilder.EndpointGroup;
import java.util.Map;

/** API tokens for machines: listed, made (after a step-up with the second factor), revoked. */
public final class TokenRoutes implements EndpointGroup {

    record Revoked(String revoked) {
    }

    private final Auth auth;

    public TokenRoutes(Auth auth) {
        this.auth = auth;
    }

    @Override
    public void addEndpoints() {
        path("tokens", () -> {
            get(ctx -> ctx.json(Envelope.slice(auth.tokens().list(), ctx)), Role.ADMIN);
            post(ctx -> {
                Map<String, Object> b = body(ctx);
                auth.requireStepUp(Caller.of(ctx), true);
                ctx.status(201).json(auth.tokens().create(Caller.of(ctx), required(b, "name", 64), Role.parse(required(b, "role", 16)),
                        Params.strings(b, "scopes", 32), Params.integer(b, "expires_in_days")));
            }, Role.ADMIN);
            delete("{name}", ctx -> {
                auth.tokens().revoke(Caller.of(ctx), ctx.pathParam("name"));
                ctx.json(new Revoked(ctx.pathParam("name")));
            }, Role.ADMIN);
        });
    }
}
