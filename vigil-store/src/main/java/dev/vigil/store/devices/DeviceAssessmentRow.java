package dev.vigil.store.devices;

/**
 * A device's assessment as its row keeps it.
 *
 * @param assessment the whole assessment as the API shows it (JSON; the owner never in it)
 */
public record DeviceAssessmentRow(double trust, String tier, double risk, String riskLevel, String assessment) {
}
