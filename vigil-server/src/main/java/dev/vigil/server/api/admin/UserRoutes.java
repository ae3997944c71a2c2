package dev.vigil.server.api.admin;

import static dev.vigil.server.api.Params.body;
import static dev.vigil.server.api.Params.required;
import static io.javalin.apibuilder.ApiBuilder.delete;
import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;

import dev.vigil.server.api.Caller;
import dev.vigil.server.api.Envelope;
import dev.vigil.server.auth.Auth;
import dev.vigil.server.auth.Role;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Context;
import java.util.Map;

/** People, as an admin manages them: users with one-time passwords, resets, deletion, and the sign-in policy. */
public final class UserRoutes implements EndpointGroup {

    record Created(String username, Role role, String oneTimePassword) {
    }

    record Reset(String username, String oneTimePassword) {
    }

    record Deleted(String deleted) {
    }

    record SignInPolicy(Role secondFactorRequiredFrom) {
    }

    private final Auth auth;

    public UserRoutes(Auth auth) {
        this.auth = auth;
    }

    @Override
    public void addEndpoints() {
        path("users", () -> {
            get(ctx -> ctx.json(Envelope.slice(auth.accounts().users(), ctx)), Role.ADMIN);
            post(this::create, Role.ADMIN);
            post("{name}/reset", ctx -> ctx.json(new Reset(Auth.fold(ctx.pathParam("name")),
                    auth.accounts().resetUser(Caller.of(ctx), ctx.pathParam("name")))), Role.ADMIN);
            delete("{name}", ctx -> {
                auth.accounts().deleteUser(Caller.of(ctx), ctx.pathParam("name"));
                ctx.json(new Deleted(Auth.fold(ctx.pathParam("name"))));
            }, Role.ADMIN);
        });
        path("settings/sign-in", () -> {
            get(ctx -> ctx.json(new SignInPolicy(auth.secondFactorFrom())), Role.ADMIN);
            post(ctx -> {
                Role from = Role.parse(required(body(ctx), "second_factor_required_from", 16));
                auth.secondFactorFrom(Caller.of(ctx), from);
                ctx.json(new SignInPolicy(from));
            }, Role.ADMIN);
        });
    }

    private void create(Context ctx) {
        Map<String, Object> b = body(ctx);
        String u = required(b, "username", 64);
        Role role = Role.parse(required(b, "role", 16));
        String pw = auth.accounts().createUser(Caller.of(ctx), u, role);
        ctx.status(201).json(new Created(Auth.fold(u), role, pw));
    }
}
