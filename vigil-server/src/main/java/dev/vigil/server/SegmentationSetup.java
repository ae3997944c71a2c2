package dev.vigil.server;

import dev.vigil.detect.segmentation.PolicyException;
import dev.vigil.detect.trust.TrustScorer;
import dev.vigil.engine.net.Cidr;
import dev.vigil.engine.net.Ip;
import dev.vigil.enforce.EnforcementException;
import dev.vigil.enforce.EnforcementScope;
import dev.vigil.enforce.EnforcementTarget;
import dev.vigil.enforce.mud.MudFetcher;
import dev.vigil.enforce.mud.MudSignatures;
import dev.vigil.enforce.nftables.NftablesTarget;
import dev.vigil.enforce.radius.RadiusClient;
import dev.vigil.server.ingest.Persister;
import dev.vigil.server.outputs.Outputs;
import dev.vigil.server.policy.Segmentation;
import dev.vigil.server.policy.Switches;
import dev.vigil.store.Stores;
import dev.vigil.store.alerts.AlertRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;

/** Builds the service's segmentation from its configuration: the nftables gateway, RADIUS, the policy at start. */
final class SegmentationSetup {

    private SegmentationSetup() {
    }

    /** The segmentation service; a bad enforcement setting is an IllegalArgumentException with one clear line. */
    static Segmentation open(ServerConfig config, Stores stores) {
        ServerConfig.Enforcement e = config.enforcement();
        EnforcementTarget target = null;
        if (e.netns() != null) {
            EnforcementScope scope = new EnforcementScope(e.scope(), e.interfaces());
            String netns = e.netns().equals(EnforcementScope.HOST) ? null : e.netns();
            try {
                scope.check(netns);
            } catch (EnforcementException x) {
                throw new IllegalArgumentException("--enforce-netns: " + x.getMessage());
            }
            target = new NftablesTarget(netns, scope, config.dataDir().resolve("nft"));
        }
        Switches switches = null;
        if (e.radius() != null) {
            ServerConfig.Radius r = e.radius();
            try {
                List<Cidr> clients = new ArrayList<>();
                for (String c : r.clients()) {
                    clients.add(c.contains("/") ? Cidr.parse(c) : Cidr.around(Ip.parse(c), Ip.parse(c).isV4() ? 32 : 128));
                }
                switches = Switches.start(listen(r.listen()), clients, RadiusClient.secretFile(r.secretFile()), r.coaPort(),
                        stores.audit());
            } catch (IOException x) {
                throw new UncheckedIOException("RADIUS: cannot start on " + r.listen() + ": " + x.getMessage(), x);
            }
        }
        Segmentation seg = new Segmentation(stores, target, switches, System::currentTimeMillis);
        seg.quarantines().checkWait(config.maxWindowWallSeconds());
        if (e.mudAnchors() != null) {
            try {
                seg.manufacturerMud(new MudFetcher(new MudSignatures(MudSignatures.certificates(
                        java.nio.file.Files.readAllBytes(e.mudAnchors()))), config.dataDir().resolve("mud"),
                        e.mudTlsCa() == null ? SSLContext.getDefault() : MudSignatures.tls(java.nio.file.Files.readAllBytes(e.mudTlsCa())),
                        () -> System.currentTimeMillis() * 1_000_000L));
            } catch (IOException | java.security.GeneralSecurityException x) {
                throw new IllegalArgumentException("--mud-trust-anchors: cannot read " + e.mudAnchors() + " or "
                        + e.mudTlsCa() + ": " + x.getMessage());
            }
        }
        return seg;
    }

    /** Puts the policy in force at start; a policy that does not read, or an enforcement point that refuses, stops the start. */
    static void start(Segmentation s, ServerConfig config) throws VigilServer.StartException {
        try {
            s.start(config.enforcement().policy(), "serve:" + System.getProperty("user.name", "operator"));
        } catch (PolicyException e) {
            throw new VigilServer.StartException(e.getMessage());
        } catch (EnforcementException e) {
            throw new VigilServer.StartException("enforcement: " + e.getMessage());
        } catch (IOException e) {
            throw new VigilServer.StartException("cannot read the policy " + config.enforcement().policy() + ": " + e.getMessage());
        }
    }

    /** Alerts and tier changes go to the outputs; tier changes also to the quarantine queue. */
    static Persister.Sink sink(Outputs outputs, Segmentation s) {
        return new Persister.Sink() {
            @Override
            public void alert(AlertRow a) {
                outputs.alert(a);
            }

            @Override
            public void tierChange(TrustScorer.TierChange c) {
                outputs.tierChange(c);
                s.tierChange(c);
            }
        };
    }

    static InetSocketAddress listen(String s) {
        int colon = s.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("--radius-listen needs ADDR:PORT, not '" + s + "'");
        }
        Ip ip = Ip.tryParse(s.substring(0, colon).replace("[", "").replace("]", ""));
        if (ip == null) {
            throw new IllegalArgumentException("--radius-listen needs an address literal, not '" + s.substring(0, colon) + "'");
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(ip.toBytes()), Integer.parseInt(s.substring(colon + 1)));
        } catch (NumberFormatException | java.net.UnknownHostException x) {
            throw new IllegalArgumentException("--radius-listen: '" + s + "' is not ADDR:PORT");
        }
    }
}
