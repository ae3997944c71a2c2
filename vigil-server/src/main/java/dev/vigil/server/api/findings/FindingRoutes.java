package dev.vigil.server.api.findings;

import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.path;

import dev.vigil.detect.findings.Finding;
import dev.vigil.detect.findings.FindingCatalog;
import dev.vigil.detect.findings.FindingGroups;
import dev.vigil.server.api.Caller;
import dev.vigil.server.api.ChangeEnvelope;
import dev.vigil.server.api.Csv;
import dev.vigil.server.api.Cursors;
import dev.vigil.server.api.Envelope;
import dev.vigil.server.api.Params;
import dev.vigil.server.auth.Role;
import dev.vigil.store.audit.AuditStore;
import dev.vigil.store.findings.FindingFilter;
import dev.vigil.store.findings.FindingRow;
import dev.vigil.store.findings.FindingStore;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The findings: the list (by severity, or grouped by device and weakness), one finding, the
 * packets behind it, the change feed and the CSV export for SIEMs and ticketing.
 */
public final class FindingRoutes implements EndpointGroup {

    /** Findings grouped at most at once: as many as one analysis keeps (the finding recorder's bound). */
    static final int MAX_GROUPED_FINDINGS = 100_000;
    static final List<String> CSV_COLUMNS = List.of("id", "type", "category", "severity", "title", "device_id", "device_ip",
            "device_mac", "role", "peer_ip", "peer_port", "peer_host", "first_seen", "last_seen", "count", "etsi", "owasp",
            "remediation", "updated");

    private final FindingStore findings;
    private final FindingPackets packets;
    private final AuditStore audit;

    public FindingRoutes(FindingStore findings, FindingPackets packets, AuditStore audit) {
        this.findings = findings;
        this.packets = packets;
        this.audit = audit;
    }

    @Override
    public void addEndpoints() {
        get("findings.csv", this::csv, Role.VIEWER);
        path("findings", () -> {
            get(this::list, Role.VIEWER);
            get("changes", this::changes, Role.VIEWER);
            get("{id}", ctx -> ctx.json(one(ctx.pathParam("id"))), Role.VIEWER);
            get("{id}/packets.pcap", ctx -> packets.serve(ctx, ctx.pathParam("id")), Role.VIEWER);
        });
    }

    private void list(Context ctx) {
        FindingFilter f = FindingParams.filter(ctx);
        int limit = Params.limit(ctx);
        int offset = Params.offset(ctx);
        if (Params.oneOf(ctx, "group", Set.of("weakness")) != null) {
            // by device and weakness: the groups are paged, their findings named by id inside
            List<FindingRow> rows = findings.list(f, MAX_GROUPED_FINDINGS);
            List<FindingGroups.Group> groups = FindingGroups.of(rows.stream().map(FindingRow::finding).toList(),
                    rows.stream().map(FindingRow::id).toList(), FindingCatalog.bundled());
            ctx.json(Envelope.slice(groups, limit, offset));
            return;
        }
        ctx.json(Envelope.of(findings.page(f, limit, offset), FindingView::of, limit, offset));
    }

    private FindingView one(String id) {
        return findings.find(id).map(FindingView::of).orElseThrow(() -> new NoSuchElementException("no finding " + id));
    }

    /** Findings written since {@code changed_since}, in the order they were written, after {@code cursor}. */
    private void changes(Context ctx) {
        int limit = Params.limit(ctx);
        ctx.json(ChangeEnvelope.of(findings.changes(Params.since(ctx), Cursors.from(ctx), limit), FindingChange::of, limit));
    }

    /** Every finding the filters select (and, with {@code changed_since}, written since), by id. */
    private void csv(Context ctx) throws IOException {
        FindingFilter f = FindingParams.filter(ctx);
        long since = Params.since(ctx);
        audit.append(Caller.name(ctx), "finding.export", null, "CSV");
        Csv.stream(ctx, "vigil-findings.csv", CSV_COLUMNS, out -> findings.forEach(f, since, r -> out.row(cells(r))));
    }

    private static List<Object> cells(FindingRow r) {
        Finding x = r.finding();
        Finding.Peer p = x.peer();
        Finding.Standards s = x.standards();
        return java.util.Arrays.asList(r.id(), x.type(), r.category(), x.severity().label(), x.title(), x.device().id(),
                x.device().ip(), x.device().mac(), x.device().role(), p == null ? null : p.ip(), p == null ? null : p.port(),
                p == null ? null : p.host(), x.firstSeen(), x.lastSeen(), x.count(), s == null ? null : s.etsi(),
                s == null ? null : s.owasp(), x.remediation(), Instant.ofEpochMilli(r.updated()).toString());
    }
}
