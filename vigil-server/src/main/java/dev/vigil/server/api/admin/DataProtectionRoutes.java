package dev.vigil.server.api.admin;

import static io.javalin.apibuilder.ApiBuilder.post;

import dev.vigil.server.api.ApiError;
import dev.vigil.server.api.Caller;
import dev.vigil.server.auth.Auth;
import dev.vigil.server.auth.Role;
import dev.vigil.server.crypto.KeyRotation;
import dev.vigil.server.crypto.MasterKeyRotation;
import dev.vigil.server.crypto.Vault;
import dev.vigil.server.retention.Retention;
import dev.vigil.store.audit.AuditStore;
import dev.vigil.store.keys.DataKeyStore;
import io.javalin.apibuilder.EndpointGroup;
import java.nio.file.Path;
import java.util.Map;

/** Data protection on request: data and master key rotation (after a step-up), and retention applied now. */
public final class DataProtectionRoutes implements EndpointGroup {

    record Ok(boolean ok) {
    }

    private final Auth auth;
    private final Vault vault;
    private final DataKeyStore keys;
    private final AuditStore audit;
    private final Path masterKey;
    private final Retention retention;
    private final Map<String, Integer> retentionDays;

    /**
     * @param masterKey the master key file
     * @param retentionDays retention per kind of data, in days
     */
    public DataProtectionRoutes(Auth auth, Vault vault, DataKeyStore keys, AuditStore audit, Path masterKey, Retention retention,
            Map<String, Integer> retentionDays) {
        this.auth = auth;
        this.vault = vault;
        this.keys = keys;
        this.audit = audit;
        this.masterKey = masterKey;
        this.retention = retention;
        this.retentionDays = retentionDays;
    }

    @Override
    public void addEndpoints() {
        post("keys/rotate", ctx -> {
            auth.requireStepUp(Caller.of(ctx), true);
            ctx.json(KeyRotation.rotate(keys, audit, vault, Caller.name(ctx)));
        }, Role.ADMIN);
        post("keys/rotate-master", ctx -> {
            auth.requireStepUp(Caller.of(ctx), true);
            try {
                MasterKeyRotation.rotate(audit, vault, masterKey, Caller.name(ctx));
            } catch (IllegalStateException e) {
                throw new ApiError(409, e.getMessage());
            }
            ctx.json(new Ok(true));
        }, Role.ADMIN);
        post("retention", ctx -> ctx.json(retention.apply(retentionDays, System.currentTimeMillis())), Role.ADMIN);
    }
}
