package dev.vigil.server.api.admin;

import static io.javalin.apibuilder.ApiBuilder.get;

import dev.vigil.server.api.Envelope;
import dev.vigil.server.api.Params;
import dev.vigil.server.audit.AuditAnchors;
import dev.vigil.server.auth.Role;
import dev.vigil.store.audit.AuditEntry;
import dev.vigil.store.audit.AuditStore;
import dev.vigil.store.audit.AuditVerification;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The audit log: its entries, newest first, and a verification of its chain against the anchors kept outside the store. */
public final class AuditRoutes implements EndpointGroup {

    /** One entry. */
    record Entry(long seq, long ts, String actor, String action, String target, String detail, String prevHash, String hash) {

        static Entry of(AuditEntry e) {
            return new Entry(e.seq(), e.ts(), e.actor(), e.action(), e.target(), e.detail(), e.prevHash(), e.hash());
        }
    }

    /** @param brokenAt the first entry whose hash does not hold, or null */
    record Verification(boolean ok, long entries, Long brokenAt, String reason, int anchors) {

        static Verification of(AuditVerification v) {
            return new Verification(v.ok(), v.entries(), v.brokenAt(), v.reason(), v.anchors());
        }
    }

    private final AuditStore audit;
    private final Path anchors;

    /** @param anchors the file the service anchors the chain's head in */
    public AuditRoutes(AuditStore audit, Path anchors) {
        this.audit = audit;
        this.anchors = anchors;
    }

    @Override
    public void addEndpoints() {
        get("audit", this::entries, Role.ADMIN);
        get("audit/verify", ctx -> ctx.json(verify()), Role.ADMIN);
    }

    private void entries(Context ctx) {
        long before = ctx.queryParam("before") == null ? Long.MAX_VALUE : Params.intParam(ctx, "before", 0, 1, Integer.MAX_VALUE);
        int limit = Params.limit(ctx);
        int offset = Params.offset(ctx);
        long total = audit.count(before);
        List<AuditEntry> rows = audit.recent((int) Math.min(Integer.MAX_VALUE, (long) limit + offset), before);
        ctx.json(new Envelope<>(rows.subList(Math.min(offset, rows.size()), rows.size()).stream().map(Entry::of).toList(), total,
                limit, offset));
    }

    private Verification verify() throws IOException {
        return Verification.of(audit.verify(AuditAnchors.read(anchors)));
    }
}
