package dev.vigil.server.policy;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.vigil.detect.segmentation.Membership;
import dev.vigil.detect.segmentation.MembershipRule;
import dev.vigil.server.json.Json;
import dev.vigil.store.settings.SettingStore;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Zone membership by classification kept across restarts: how far each device's type, vendor and
 * model are towards being stable ({@link Membership}), written to the settings when it changed, so a
 * restart neither admits a wavering device early nor makes a stable one wait its observations again.
 */
final class MembershipState {

    private static final Logger LOG = LoggerFactory.getLogger(MembershipState.class);
    static final String KEY = "policy.membership";

    private final SettingStore settings;
    private Map<String, Map<String, Membership.Track>> saved = Map.of();

    MembershipState(SettingStore settings) {
        this.settings = settings;
    }

    /** The tracker as last saved (for this rule), or a new one. */
    Membership load(MembershipRule rule) {
        String v = settings.get(KEY);
        if (v != null) {
            try {
                saved = Json.MAPPER.readValue(v, new TypeReference<Map<String, Map<String, Membership.Track>>>() { });
                return new Membership(rule, saved);
            } catch (java.io.IOException | RuntimeException e) {
                LOG.warn("zone membership state does not read ({}); classification starts afresh", e.getMessage());
            }
        }
        return new Membership(rule);
    }

    /** Writes the tracker's state when it changed since the last write. */
    void save(Membership m) {
        Map<String, Map<String, Membership.Track>> now = m.state();
        if (!now.equals(saved)) {
            settings.put(KEY, Json.write(now));
            saved = now;
        }
    }
}
