package dev.vigil.server.api.devices;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.detect.inventory.Device;
import dev.vigil.server.api.alerts.AlertView;
import dev.vigil.server.api.findings.FindingView;
import java.util.List;

/**
 * One device: what the inventory lists, the inventory's whole device with its evidence, its
 * assessment, its findings (most recent evidence first) and its alerts (newest first).
 *
 * @param assessment trust, risk, actions and plan as the last assessment gave them, or null before it
 */
public record DeviceDetail(@JsonUnwrapped DeviceSummary summary, Device device, JsonNode assessment, List<FindingView> findings,
        List<AlertView> alerts) {
}
