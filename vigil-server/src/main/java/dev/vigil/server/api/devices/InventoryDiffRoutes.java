package dev.vigil.server.api.devices;

import static io.javalin.apibuilder.ApiBuilder.get;

import dev.vigil.detect.inventory.InventorySnapshot;
import dev.vigil.engine.event.EventJson;
import dev.vigil.server.api.ApiError;
import dev.vigil.server.api.Params;
import dev.vigil.server.auth.Role;
import dev.vigil.store.posture.PostureStore;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.NoSuchElementException;

/**
 * Snapshots of the inventory and the talk map, and what changed between two times:
 * {@code GET /api/inventory/snapshots}, {@code GET /api/inventory/diff?from=&to=}. Counters are never
 * a change; a device's identity, zone and tier and the links between devices are.
 */
public final class InventoryDiffRoutes implements EndpointGroup {

    private final PostureStore posture;

    public InventoryDiffRoutes(PostureStore posture) {
        this.posture = posture;
    }

    @Override
    public void addEndpoints() {
        get("inventory/snapshots", ctx -> ctx.json(posture.inventorySnapshots(Params.intParam(ctx, "limit", 100, 1, 1000))),
                Role.VIEWER);
        get("inventory/diff", this::diff, Role.VIEWER);
    }

    private void diff(Context ctx) {
        String from = Params.str(ctx, "from");
        if (from == null) {
            throw new ApiError(400, "'from' is required: an ISO-8601 time or date");
        }
        String to = Params.str(ctx, "to");
        ctx.json(between(posture, millis(from, "from"), to == null ? Long.MAX_VALUE : millis(to, "to")));
    }

    /** What changed from the snapshot in force at {@code from} to the one in force at {@code to} (epoch ms). */
    public static InventorySnapshot.Diff between(PostureStore posture, long from, long to) {
        InventorySnapshot a = posture.inventoryAt(from).orElseThrow(() -> new NoSuchElementException(
                "no inventory snapshot at or before " + EventJson.time(from * 1_000_000L)));
        InventorySnapshot b = posture.inventoryAt(to).orElseThrow();
        return a.diff(b);
    }

    /** An ISO-8601 instant ("2026-12-01T10:00:00Z") or date ("2026-12-01", its end: the day's last snapshot). */
    public static long millis(String text, String what) {
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(text).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() - 1;
            } catch (DateTimeParseException e2) {
                throw new ApiError(400, "'" + what + "' must be an ISO-8601 time (2026-12-01T10:00:00Z) or date (2026-12-01)");
            }
        }
    }
}
