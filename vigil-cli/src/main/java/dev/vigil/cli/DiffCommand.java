package dev.vigil.cli;

import dev.vigil.detect.inventory.InventorySnapshot;
import dev.vigil.server.api.ApiError;
import dev.vigil.server.api.devices.InventoryDiffRoutes;
import dev.vigil.store.db.Database;
import dev.vigil.store.posture.PostureStore;
import dev.vigil.store.posture.SqlPostureStore;
import java.io.PrintWriter;
import java.util.List;
import java.util.NoSuchElementException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vigil diff FROM [TO]}: what changed in the inventory and the talk map between two times, from
 * the snapshots `vigil serve` keeps; devices that came, went or changed (identity, zone, tier) and
 * links that came or went, never counters. Exits as diff(1) does.
 */
@Command(name = "diff", description = {"What changed in the inventory and the talk map between two times, from the snapshots the service keeps "
    + "(hourly, after a new device or link, when a file ends).",
    "Devices added, removed or changed (addresses, name, vendor, type, model, firmware, OS, zone, tier) and links added or removed; "
        + "counters are never a change."},
        mixinStandardHelpOptions = true, exitCodeListHeading = Main.EXIT_HEADING,
        exitCodeList = {"0:nothing changed (or --list)", "1:something changed", "2:bad usage, no store there, or no snapshot at FROM",
            Main.EXIT_INTERNAL})
final class DiffCommand extends AdminCommand.StoreCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "FROM",
            description = "ISO-8601 time (2026-12-01T10:00:00Z) or date (2026-12-01: its last snapshot). The snapshot in force then.")
    String from;

    @Parameters(index = "1", arity = "0..1", paramLabel = "TO", description = "As FROM. Default: the latest snapshot.")
    String to;

    @Option(names = "--json", description = "The diff as JSON (the API's /api/inventory/diff).")
    boolean json;

    @Option(names = "--list", description = "List the snapshots (newest first) instead.")
    boolean list;

    DiffCommand() {
        super("diff");
    }

    @Override
    int run(Database s, PrintWriter out, PrintWriter err) throws Exception {
        PostureStore posture = new SqlPostureStore(s);
        if (list) {
            for (PostureStore.InventorySnapshotInfo i : posture.inventorySnapshots(1000)) {
                out.printf("%s  %-12s %,6d devices %,8d links%n", i.at(), i.reason(), i.devices(), i.links());
            }
            return 0;
        }
        if (from == null) {
            return Main.usage(err, "diff", "FROM is required (or --list): an ISO-8601 time or date");
        }
        InventorySnapshot.Diff d;
        try {
            d = InventoryDiffRoutes.between(posture, InventoryDiffRoutes.millis(from, "FROM"),
                    to == null ? Long.MAX_VALUE : InventoryDiffRoutes.millis(to, "TO"));
        } catch (ApiError | NoSuchElementException e) {
            return Main.usage(err, "diff", e.getMessage().replace("'FROM'", "FROM").replace("'TO'", "TO"));
        }
        if (json) {
            out.println(dev.vigil.server.json.Json.write(d));
        } else {
            print(d, out);
        }
        out.flush();
        return d.empty() ? 0 : 1;
    }

    static void print(InventorySnapshot.Diff d, PrintWriter out) {
        out.println("inventory at " + d.from() + " → " + d.to());
        for (InventorySnapshot.DeviceState x : d.added()) {
            out.println("+ device " + describe(x));
        }
        for (InventorySnapshot.DeviceState x : d.removed()) {
            out.println("- device " + describe(x));
        }
        for (InventorySnapshot.Changed c : d.changed()) {
            out.println("~ device " + c.id() + ": " + String.join("; ", c.changes().stream()
                    .map(x -> x.field() + " " + text(x.before()) + " → " + text(x.after())).toList()));
        }
        for (InventorySnapshot.Link l : d.linksAdded()) {
            out.println("+ link " + l.src() + " > " + l.dst() + " " + l.service());
        }
        for (InventorySnapshot.Link l : d.linksRemoved()) {
            out.println("- link " + l.src() + " > " + l.dst() + " " + l.service());
        }
        out.printf("%d device(s) added, %d removed, %d changed; %d link(s) added, %d removed%n", d.added().size(),
                d.removed().size(), d.changed().size(), d.linksAdded().size(), d.linksRemoved().size());
    }

    private static String describe(InventorySnapshot.DeviceState x) {
        return x.id() + "  " + String.join(",", x.ips()) + "  " + String.join(" ", List.of(text(x.type()), text(x.vendor()),
                text(x.model()))).replace("–", "").trim();
    }

    private static String text(String s) {
        return s == null || s.isBlank() ? "–" : s;
    }
}
