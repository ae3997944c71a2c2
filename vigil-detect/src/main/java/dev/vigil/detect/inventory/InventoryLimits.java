package dev.vigil.detect.inventory;

/**
 * Bounds of the inventory's memory, whatever the capture.
 *
 * @param maxAddresses IP addresses tracked at once (devices and peers); beyond it new public
 *     addresses are counted but not tracked (default 200,000)
 * @param maxObservationsPerSource distinct observed values kept per source per subject (default 64;
 *     DNS names 256)
 * @param maxPeersPerAddress distinct peers remembered per address (default 512); counts go on
 * @param maxEvidencePerDevice evidence items reported per device (default 40)
 */
public record InventoryLimits(int maxAddresses, int maxObservationsPerSource, int maxPeersPerAddress,
        int maxEvidencePerDevice) {

    public static final InventoryLimits DEFAULT = new InventoryLimits(200_000, 64, 512, 40);
}
