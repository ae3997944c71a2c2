package dev.vigil.server.api.posture;

import static io.javalin.apibuilder.ApiBuilder.get;

import dev.vigil.detect.analysis.AnalysisResult;
import dev.vigil.report.ReportWriter;
import dev.vigil.server.api.Caller;
import dev.vigil.server.api.Envelope;
import dev.vigil.server.api.Params;
import dev.vigil.server.auth.Role;
import dev.vigil.store.alerts.AlertStore;
import dev.vigil.store.audit.AuditStore;
import dev.vigil.store.devices.DeviceStore;
import dev.vigil.store.findings.FindingStore;
import dev.vigil.store.posture.PostureStore;
import dev.vigil.store.posture.SnapshotDocument;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

/**
 * Trust and risk across the estate: the tiers and the lowest trust, risk and the plan, the
 * programme metrics and their history, a device's trust history, and the report (JSON, and the
 * same self-contained page `vigil analyze` writes).
 */
public final class PostureRoutes implements EndpointGroup {

    /** Devices and tier changes the trust and risk pages list. */
    static final int RANKED = 20;
    static final int RECENT_TIER_EVENTS = 50;
    static final int REPORT_RANKED = 10;

    private final DeviceStore devices;
    private final FindingStore findings;
    private final AlertStore alerts;
    private final PostureStore posture;
    private final AuditStore audit;
    private final Supplier<AnalysisResult> storedAnalysis;

    /** @param storedAnalysis everything stored as one analysis (the served report) */
    public PostureRoutes(DeviceStore devices, FindingStore findings, AlertStore alerts, PostureStore posture, AuditStore audit,
            Supplier<AnalysisResult> storedAnalysis) {
        this.devices = devices;
        this.findings = findings;
        this.alerts = alerts;
        this.posture = posture;
        this.audit = audit;
        this.storedAnalysis = storedAnalysis;
    }

    @Override
    public void addEndpoints() {
        get("trust", ctx -> ctx.json(trust()), Role.VIEWER);
        get("risk", ctx -> ctx.json(risk()), Role.VIEWER);
        get("metrics", ctx -> ctx.json(metrics()), Role.VIEWER);
        get("metrics/history", this::history, Role.VIEWER);
        get("report", ctx -> ctx.json(report()), Role.VIEWER);
        get("report.html", this::reportHtml, Role.VIEWER);
        get("devices/{id}/trust", ctx -> ctx.json(trustHistory(ctx.pathParam("id"))), Role.VIEWER);
    }

    /** The latest snapshot, or one of nothing before the first assessment. */
    private SnapshotDocument snapshot() {
        return posture.latestSnapshot().orElse(new SnapshotDocument(0, null, 0, 0, null, null, 0, null, null, null));
    }

    private PostureViews.Trust trust() {
        List<PostureViews.TierCount> tiers = new ArrayList<>();
        devices.tierCounts().forEach((t, n) -> tiers.add(new PostureViews.TierCount(t, n)));
        List<Integer> buckets = new ArrayList<>(Collections.nCopies(10, 0));
        for (double t : devices.trustScores()) {
            int b = Math.min(9, (int) (t / 10));
            buckets.set(b, buckets.get(b) + 1);
        }
        return new PostureViews.Trust(tiers, buckets, devices.lowestTrust(RANKED).stream().map(PostureViews.TrustRank::of).toList(),
                posture.recentTierEvents(RECENT_TIER_EVENTS).stream().map(PostureViews.TierEvent::of).toList());
    }

    private PostureViews.Risk risk() {
        SnapshotDocument s = snapshot();
        return new PostureViews.Risk(s.riskLevels(), s.riskMatrix(), s.plan(),
                devices.highestRisk(RANKED).stream().map(PostureViews.RiskRank::of).toList());
    }

    private PostureViews.Metrics metrics() {
        SnapshotDocument s = snapshot();
        List<PostureViews.SeverityCount> bySeverity = new ArrayList<>();
        findings.countBySeverity().forEach((k, n) -> bySeverity.add(new PostureViews.SeverityCount(k, n)));
        List<PostureViews.CategoryCount> byCategory = new ArrayList<>();
        findings.countByCategory().forEach((k, n) -> byCategory.add(new PostureViews.CategoryCount(k, n)));
        return new PostureViews.Metrics(s.at(), devices.count(), findings.count(), s.tiers(), s.riskLevels(), s.metrics(),
                PostureViews.Lifecycle.of(alerts.figures()), bySeverity, byCategory);
    }

    /** Snapshots, the newest first by page, each page oldest first (a chart's order). */
    private void history(Context ctx) {
        int limit = Params.intParam(ctx, "limit", 500, 1, 5000);
        int offset = Params.offset(ctx);
        var page = posture.snapshots(limit, offset);
        List<PostureViews.Snapshot> out = new ArrayList<>(page.items().stream().map(d -> new PostureViews.Snapshot(d.at(),
                d.devices(), d.findings(), d.openAlerts(), d.tiers(), d.riskLevels())).toList());
        Collections.reverse(out);
        ctx.json(new Envelope<>(out, page.total(), limit, offset));
    }

    private PostureViews.Report report() {
        SnapshotDocument s = snapshot();
        return new PostureViews.Report(Instant.now().toString(), s.at(), devices.count(), s.tiers(), s.riskLevels(), s.riskMatrix(),
                s.metrics(), PostureViews.Lifecycle.of(alerts.figures()), s.plan(),
                devices.highestRisk(REPORT_RANKED).stream().map(PostureViews.ReportRank::of).toList());
    }

    /**
     * The same self-contained page `vigil analyze` writes (report.html), over everything stored:
     * risk matrix, tiers, the plan, metrics, every device with its evidence, every finding.
     */
    private void reportHtml(Context ctx) throws java.io.IOException {
        AnalysisResult result = storedAnalysis.get();
        audit.append(Caller.name(ctx), "report.export", null, "HTML");
        // the page is self-contained: its own inline script and style (allowed by hash), nothing fetched, never framed
        ctx.header("Content-Security-Policy", ReportWriter.contentSecurityPolicy());
        ctx.header("Content-Disposition", "inline; filename=\"vigil-report.html\"").contentType("text/html; charset=utf-8")
                .result(ReportWriter.html(result));
    }

    private PostureViews.TrustHistory trustHistory(String id) {
        if (devices.find(id).isEmpty()) {
            throw new NoSuchElementException("no device " + id);
        }
        return new PostureViews.TrustHistory(posture.history(id).stream().map(PostureViews.HistoryPoint::of).toList(),
                posture.tierEvents(id).stream().map(PostureViews.TierEvent::of).toList());
    }
}
