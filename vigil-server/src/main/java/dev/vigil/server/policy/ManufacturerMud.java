package dev.vigil.server.policy;

import dev.vigil.detect.findings.Finding;
import dev.vigil.detect.inventory.Device;
import dev.vigil.detect.segmentation.Policy;
import dev.vigil.detect.segmentation.PolicyContext;
import dev.vigil.detect.segmentation.Subject;
import dev.vigil.detect.segmentation.mud.MudDeviation;
import dev.vigil.engine.event.EventJson;
import dev.vigil.enforce.mud.MudCheck;
import dev.vigil.enforce.mud.MudFetcher;
import dev.vigil.store.Stores;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Manufacturers' MUD files in the service: for every device that announced a MUD URL (DHCP option
 * 161, LLDP), the file is fetched over HTTPS (cached for its cache-validity), its CMS signature
 * verified against the configured trust anchors, and a verified file compared with what the device
 * did in the stored flows: flows outside it are a {@code mud.deviation} finding. Each result (verified,
 * tampered, wrong signer, expired cache, …) is listed for people, and a change of result is in the
 * audit log. Runs on a thread of its own, so a slow server never holds up ingestion or the API.
 */
public final class ManufacturerMud implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ManufacturerMud.class);

    /** How often every announced URL is checked again (seconds); a cached file is not fetched again within its validity. */
    public static final long EVERY_SECONDS = 600;

    /**
     * One device's file, as last checked.
     *
     * @param status the result's label (verified, tampered, wrong-signer, unsigned, expired-cache, …)
     * @param deviates whether its flows go outside a verified file
     * @param outside how many of its flows do
     */
    public record Result(String device, String url, String status, String message, String signer, boolean fromCache,
            String checked, boolean deviates, long outside) {
    }

    private final MudFetcher fetcher;
    private final Stores stores;
    private final Segmentation seg;
    private final Consumer<List<Finding>> commit;
    private final LongSupplier nanos;
    private final Map<String, Result> results = new java.util.concurrent.ConcurrentHashMap<>();
    /** One check of every URL at a time; the results are read without it (a slow server never holds up the API). */
    private final Object checking = new Object();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("vigil-mud").daemon(true).unstarted(r));

    ManufacturerMud(MudFetcher fetcher, Stores stores, Segmentation seg, Consumer<List<Finding>> commit, LongSupplier nanos) {
        this.fetcher = fetcher;
        this.stores = stores;
        this.seg = seg;
        this.commit = commit;
        this.nanos = nanos;
    }

    void start() {
        worker.scheduleWithFixedDelay(() -> {
            try {
                checkAll();
            } catch (RuntimeException e) {
                LOG.warn("manufacturer MUD files: {}", e.toString());
            }
        }, 5, EVERY_SECONDS, TimeUnit.SECONDS);
    }

    /** Checks every announced URL now; the deviations found are committed as findings. */
    public List<Result> checkAll() {
        synchronized (checking) {
            return checkAllNow();
        }
    }

    private List<Result> checkAllNow() {
        List<Device> announcing = stores.devices().inventories().stream().filter(d -> d.mudUrl() != null).toList();
        if (announcing.isEmpty()) {
            return List.of();
        }
        PolicyContext ctx = seg.freshContext();
        Policy p = seg.inForce();
        StoredFlows flows = null;
        List<Finding> found = new ArrayList<>();
        for (Device d : announcing) {
            MudCheck c = fetcher.check(d.mudUrl());
            boolean deviates = false;
            long outside = 0;
            Result before = results.get(d.id());
            Subject s = seg.subject(d.id());
            if (c.status().usable() && s != null) {
                if (flows == null) {
                    flows = StoredFlows.of(stores.policies().flows(0, StoreSimulation.MAX_ROWS));
                }
                Finding f = MudDeviation.compare(c.file(), s, ctx, flows.flows(), dev.vigil.engine.flow.FlowEnded::clientPackets,
                        p == null ? Map.of() : p.controllers(), p == null ? Policy.DEFAULT_LOCAL : p.localNetworks());
                if (f != null) {
                    deviates = true;
                    outside = f.count();
                    // the same deviation again is not new evidence: committed when it first appears or grows
                    if (before == null || !before.deviates() || before.outside() != outside) {
                        found.add(f);
                    }
                }
            }
            Result r = new Result(d.id(), d.mudUrl(), c.status().label(), c.message(), c.signer(), c.fromCache(),
                    EventJson.time(nanos.getAsLong()), deviates, outside);
            results.put(d.id(), r);
            if (before == null || !before.status().equals(r.status()) || before.deviates() != deviates) {
                stores.audit().append("vigil", "mud.check", d.id(), d.mudUrl() + ": " + r.status() + " (" + c.message() + ")"
                        + (deviates ? "; its flows go outside the file" : ""));
            }
        }
        if (!found.isEmpty()) {
            commit.accept(found);
        }
        return results();
    }

    /** The last result of every device that announced a URL, by device. */
    public List<Result> results() {
        return List.copyOf(new TreeMap<>(results).values());
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
