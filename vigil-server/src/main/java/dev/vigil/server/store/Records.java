package dev.vigil.server.store;

import dev.vigil.detect.findings.Finding;
import dev.vigil.detect.inventory.Device;
import dev.vigil.detect.trust.Assets;
import dev.vigil.server.crypto.Vault;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Reading and writing the store's documents: devices and findings as the output contract's JSON, the
 * sensitive ones (captured credentials' evidence, owners and contacts) encrypted by the {@link Vault}.
 */
public final class Records {

    private Records() {
    }

    /** A finding's stable id: the same type, device and peer always land on the same row. */
    public static String findingId(Finding f) {
        return f.peer() == null ? findingId(f.type(), f.device().id())
                : findingId(f.type(), f.device().id(), f.peer().ip(), f.peer().port());
    }

    /** The id of a finding without a peer. */
    public static String findingId(String type, String deviceId) {
        return "F" + sha(type + "|" + deviceId + "|").substring(0, 19);
    }

    /** The id of a finding with a peer (port null when the finding has none). */
    public static String findingId(String type, String deviceId, String peerIp, Integer peerPort) {
        return "F" + sha(type + "|" + deviceId + "|" + peerIp + ":" + (peerPort == null ? "" : peerPort)).substring(0, 19);
    }

    static String sha(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True for findings whose evidence is encrypted at rest (captured credentials). */
    public static boolean sensitive(String type) {
        return type.startsWith("credentials.");
    }

    public static String findingData(Finding f, Vault vault) {
        String json = Json.write(f);
        return sensitive(f.type()) ? vault.encrypt(json) : json;
    }

    public static Finding finding(String data, Vault vault) {
        return Json.read(Vault.isEncrypted(data) ? vault.decrypt(data) : data, Finding.class);
    }

    public static Device device(String data) {
        return Json.read(data, Device.class);
    }

    /** Every stored device. */
    public static List<Device> devices(Handle h) {
        return h.createQuery("SELECT data FROM devices ORDER BY id").mapTo(String.class).map(Records::device).list();
    }

    /** Every stored finding. */
    public static List<Finding> findings(Handle h, Vault vault) {
        return h.createQuery("SELECT data FROM findings ORDER BY id").mapTo(String.class).map(d -> finding(d, vault)).list();
    }

    /**
     * Which findings are unresolved: those whose alert is open or acknowledged (of one device, or all
     * when {@code deviceId} is null). A finding without an alert is no open detection.
     */
    public static java.util.function.Predicate<Finding> unresolved(Handle h, String deviceId) {
        var q = h.createQuery("SELECT finding_id FROM alerts WHERE status <> 'resolved'" + (deviceId == null ? ""
                : " AND device_id = :d"));
        if (deviceId != null) {
            q.bind("d", deviceId);
        }
        java.util.Set<String> open = new java.util.HashSet<>(q.mapTo(String.class).list());
        return f -> open.contains(findingId(f));
    }

    /** What people said about the devices (owner, location, criticality, tags), for risk. */
    public static Assets assets(Handle h, Vault vault) {
        Map<String, Assets.Asset> m = new HashMap<>();
        h.createQuery("SELECT id, owner_enc, location, criticality, tags FROM devices "
                + "WHERE owner_enc IS NOT NULL OR location IS NOT NULL OR criticality IS NOT NULL OR tags IS NOT NULL")
                .mapToMap().forEach(r -> {
                    String owner = r.get("owner_enc") == null ? null : vault.decrypt((String) r.get("owner_enc"));
                    m.put((String) r.get("id"), new Assets.Asset(owner, (String) r.get("location"),
                            (String) r.get("criticality"), tags((String) r.get("tags"))));
                });
        return Assets.of(m);
    }

    public static List<String> tags(String s) {
        if (s == null || s.isBlank()) {
            return List.of();
        }
        return new ArrayList<>(Arrays.stream(s.split("[;,|]")).map(String::trim).filter(x -> !x.isEmpty()).toList());
    }
}
