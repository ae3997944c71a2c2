package dev.vigil.server;

import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.path;

import dev.vigil.server.api.admin.AuditRoutes;
import dev.vigil.server.api.admin.DataProtectionRoutes;
import dev.vigil.server.api.admin.TokenRoutes;
import dev.vigil.server.api.admin.UserRoutes;
import dev.vigil.server.api.alerts.AlertRoutes;
import dev.vigil.server.api.devices.DeviceRoutes;
import dev.vigil.server.api.devices.DeviceTraffic;
import dev.vigil.server.api.findings.FindingPackets;
import dev.vigil.server.api.findings.FindingRoutes;
import dev.vigil.server.api.ingest.IngestRoutes;
import dev.vigil.server.api.posture.GraphRoutes;
import dev.vigil.server.api.posture.PostureRoutes;
import dev.vigil.server.api.posture.StoredAnalysis;
import dev.vigil.server.api.posture.VulnerabilityRoutes;
import dev.vigil.server.api.sessions.SessionRoutes;
import dev.vigil.server.auth.Auth;
import dev.vigil.server.auth.Role;
import dev.vigil.store.Stores;
import io.javalin.apibuilder.EndpointGroup;
import java.io.InputStream;
import java.util.List;

/**
 * The API's resources under {@code /api}, each given the stores and services it needs: sessions,
 * alerts, findings, devices, posture (trust, risk, metrics, the talk map, vulnerabilities, the
 * report), ingestion, and administration (users, tokens, the audit log, keys and retention).
 */
final class ApiRoutes implements EndpointGroup {

    private final List<EndpointGroup> resources;

    ApiRoutes(VigilServer s) {
        Stores st = s.stores();
        FindingPackets packets = new FindingPackets(st.packets(), st.audit());
        Auth auth = s.auth();
        this.resources = List.of(
                new SessionRoutes(auth, s.config().trustedProxies(), s.config().secureCookies()),
                new AlertRoutes(st.alerts(), st.findings(), packets, st.audit(), st.transactions(),
                        () -> auth.accounts().users().stream().map(Auth.User::username).toList(), st.devices()::addressesOf,
                        s.reassessment()),
                new FindingRoutes(st.findings(), packets, st.audit()),
                new DeviceRoutes(st.devices(), st.findings(), st.alerts(), st.retention(), st.audit(), st.transactions(),
                        () -> s.config().analysis().inventory().rules().types(), s.reassessment(),
                        new DeviceTraffic(st.conversations(), st.devices())),
                new dev.vigil.server.api.devices.InventoryDiffRoutes(st.posture()),
                new dev.vigil.server.api.devices.TimelineRoutes(st.devices(), st.findings(), st.alerts(), st.posture(), st.audit()),
                new PostureRoutes(st.devices(), st.findings(), st.alerts(), st.posture(), st.audit(),
                        new StoredAnalysis(st.devices(), st.findings(), st.alerts(), st.sources(), s.config().trust())),
                new GraphRoutes(st.devices(), st.alerts(), st.conversations()),
                new dev.vigil.server.api.policy.PolicyRoutes(s.segmentation(), st.policies(), st.devices(), auth),
                new VulnerabilityRoutes(st.findings(), st.devices()),
                new IngestRoutes(st.sources(), () -> s.ingest().status(), s.outputs()),
                new UserRoutes(auth),
                new TokenRoutes(auth),
                new AuditRoutes(st.audit(), s.auditAnchors()),
                new DataProtectionRoutes(auth, s.vault(), st.dataKeys(), st.audit(), s.config().dataDir().resolve("master.key"),
                        s.retention(), s.config().retentionDays()));
    }

    @Override
    public void addEndpoints() {
        path("api", () -> {
            get("openapi.json", ctx -> {
                try (InputStream in = ApiRoutes.class.getResourceAsStream("/openapi.json")) {
                    ctx.contentType("application/json").result(in.readAllBytes());
                }
            }, Role.VIEWER);
            resources.forEach(EndpointGroup::addEndpoints);
        });
    }
}
