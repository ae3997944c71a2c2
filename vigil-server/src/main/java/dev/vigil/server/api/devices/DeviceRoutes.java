package dev.vigil.server.api.devices;

import static dev.vigil.server.api.Params.body;
import static dev.vigil.server.api.Params.field;
import static io.javalin.apibuilder.ApiBuilder.delete;
import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.patch;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;

import dev.vigil.server.api.ApiError;
import dev.vigil.server.api.Caller;
import dev.vigil.server.api.ChangeEnvelope;
import dev.vigil.server.api.Csv;
import dev.vigil.server.api.Cursors;
import dev.vigil.server.api.Envelope;
import dev.vigil.server.api.Params;
import dev.vigil.server.api.alerts.AlertView;
import dev.vigil.server.api.findings.FindingView;
import dev.vigil.server.auth.Role;
import dev.vigil.server.ingest.Reassessment;
import dev.vigil.store.alerts.AlertStore;
import dev.vigil.store.audit.AuditStore;
import dev.vigil.store.db.Documents;
import dev.vigil.store.db.Transactions;
import dev.vigil.store.devices.DeviceEdit;
import dev.vigil.store.devices.DeviceRow;
import dev.vigil.store.devices.DeviceSort;
import dev.vigil.store.devices.DeviceStore;
import dev.vigil.store.findings.FindingStore;
import dev.vigil.store.retention.RetentionStore;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The inventory: the list with its filters and facets, one device, what people edit of it (one at
 * a time or by CSV import), deletion, the change feed and the CSV export for CMDBs.
 */
public final class DeviceRoutes implements EndpointGroup {

    static final Map<String, DeviceSort> SORTS = Map.of("risk", DeviceSort.RISK, "trust", DeviceSort.TRUST, "last_seen",
            DeviceSort.LAST_SEEN, "id", DeviceSort.ID, "vendor", DeviceSort.VENDOR, "type", DeviceSort.TYPE);
    static final List<String> CSV_COLUMNS = List.of("id", "ip", "mac", "name", "vendor", "type", "model", "firmware", "trust",
            "tier", "risk", "risk_level", "first_seen", "last_seen", "owner", "contact", "location", "purpose", "criticality",
            "tags", "zone");
    /** The fields people edit. */
    static final Set<String> EDITABLE = Set.of("owner", "contact", "location", "purpose", "criticality", "tags", "zone");

    private final DeviceStore devices;
    private final FindingStore findings;
    private final AlertStore alerts;
    private final RetentionStore retention;
    private final AuditStore audit;
    private final Transactions tx;
    private final Supplier<? extends java.util.Collection<String>> classifierTypes;
    private final Reassessment reassess;
    private final DeviceTraffic traffic;

    /**
     * @param classifierTypes every type the classifier's rules give
     * @param traffic a device's services and peers
     */
    public DeviceRoutes(DeviceStore devices, FindingStore findings, AlertStore alerts, RetentionStore retention, AuditStore audit,
            Transactions tx, Supplier<? extends java.util.Collection<String>> classifierTypes, Reassessment reassess,
            DeviceTraffic traffic) {
        this.devices = devices;
        this.findings = findings;
        this.alerts = alerts;
        this.retention = retention;
        this.audit = audit;
        this.tx = tx;
        this.classifierTypes = classifierTypes;
        this.reassess = reassess;
        this.traffic = traffic;
    }

    @Override
    public void addEndpoints() {
        get("devices.csv", this::csv, Role.VIEWER);
        post("devices.csv", ctx -> new CsvImport(devices, audit, tx, reassess).run(ctx), Role.ANALYST);
        path("devices", () -> {
            get(this::list, Role.VIEWER);
            get("facets", ctx -> ctx.json(DeviceFacets.of(devices.facetValues(), types())), Role.VIEWER);
            get("changes", this::changes, Role.VIEWER);
            get("{id}", ctx -> ctx.json(detail(ctx.pathParam("id"))), Role.VIEWER);
            patch("{id}", this::edit, Role.ANALYST);
            delete("{id}", this::erase, Role.ADMIN);
            get("{id}/traffic", ctx -> ctx.json(traffic.of(row(ctx.pathParam("id")).device())), Role.VIEWER);
        });
    }

    /** Every type a device can have: the classifier's and any already stored (from a user's rules). */
    private SortedSet<String> types() {
        SortedSet<String> out = new TreeSet<>(classifierTypes.get());
        out.addAll(devices.types());
        return out;
    }

    private void list(Context ctx) {
        String sort = Params.oneOf(ctx, "sort", SORTS.keySet());
        int limit = Params.limit(ctx);
        int offset = Params.offset(ctx);
        ctx.json(Envelope.of(devices.page(DeviceParams.filter(ctx, types()), SORTS.get(sort == null ? "risk" : sort), limit, offset),
                DeviceSummary::of, limit, offset));
    }

    /** Devices written since {@code changed_since}, in the order they were written, after {@code cursor}. */
    private void changes(Context ctx) {
        int limit = Params.limit(ctx);
        ctx.json(ChangeEnvelope.of(devices.changes(Params.since(ctx), Cursors.from(ctx), limit), DeviceChange::of, limit));
    }

    private DeviceRow row(String id) {
        return devices.find(id).orElseThrow(() -> new NoSuchElementException("no device " + id));
    }

    DeviceDetail detail(String id) {
        DeviceRow r = row(id);
        String assessment = devices.assessment(id);
        return new DeviceDetail(DeviceSummary.of(r), r.device(), assessment == null ? null : Documents.tree(assessment),
                findings.rowsOfDevice(id).stream().map(FindingView::of).toList(),
                alerts.ofDevice(id).stream().map(AlertView::of).toList());
    }

    private void edit(Context ctx) {
        String id = ctx.pathParam("id");
        Map<String, Object> b = body(ctx);
        for (String k : b.keySet()) {
            if (!EDITABLE.contains(k)) {
                throw new ApiError(400, "'" + k + "' cannot be edited; editable: " + String.join(", ", new TreeSet<>(EDITABLE)));
            }
        }
        String crit = field(b, "criticality", 16);
        if (crit != null && !crit.isEmpty() && !DeviceParams.CRITICALITY.contains(crit)) {
            throw new ApiError(400, "'criticality' must be low, medium, high or critical");
        }
        String tags = DeviceParams.tags(b.get("tags"));
        Map<String, String> text = new LinkedHashMap<>();
        for (String f : List.of("owner", "contact", "location", "purpose")) {
            if (b.containsKey(f)) {
                text.put(f, field(b, f, 200));
            }
        }
        if (b.containsKey("zone")) {
            text.put("zone", DeviceParams.zone(field(b, "zone", 40)));
        }
        DeviceEdit e = new DeviceEdit(text, b.containsKey("criticality") ? (crit == null ? "" : crit) : null,
                b.containsKey("tags") ? tags : null);
        tx.inTransaction(() -> {
            if (!devices.edit(id, e, System.currentTimeMillis())) {
                throw new NoSuchElementException("no device " + id);
            }
            audit.append(Caller.name(ctx), "device.edit", id, String.join(", ", b.keySet()));
        });
        if (b.containsKey("criticality") || b.containsKey("tags")) {
            // what people say of a device changes its risk now, not with its next traffic
            reassess.device(id);
        }
        ctx.json(detail(id));
    }

    /** @param deleted the id of the device deleted */
    record Deleted(String deleted) {
    }

    private void erase(Context ctx) {
        String id = ctx.pathParam("id");
        tx.inTransaction(() -> {
            if (!retention.eraseDevice(id)) {
                throw new NoSuchElementException("no device " + id);
            }
            audit.append(Caller.name(ctx), "device.delete", id, "device and its findings, alerts, history and conversations");
        });
        ctx.status(200).json(new Deleted(id));
    }

    /** Every device (with {@code changed_since}, those written since), by id, as CSV. */
    private void csv(Context ctx) throws IOException {
        long since = Params.since(ctx);
        audit.append(Caller.name(ctx), "device.export", null, "CSV");
        Csv.stream(ctx, "vigil-devices.csv", CSV_COLUMNS, out -> devices.forEach(since, r -> out.row(DeviceSummary.of(r).cells())));
    }
}
