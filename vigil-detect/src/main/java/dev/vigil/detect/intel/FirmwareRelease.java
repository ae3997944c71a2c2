package dev.vigil.detect.intel;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A line of the firmware catalogue, which operators keep themselves (CSV or JSON): the newest
 * firmware a vendor ships for a model, and when support ends.
 *
 * @param vendor vendor as the inventory names it (any spelling Vigil can canonicalise)
 * @param model model ("Archer AX21", "DCS-2530L")
 * @param latestVersion newest firmware known, or null
 * @param releaseDate its release date (YYYY-MM-DD), or null
 * @param endOfSupport date the vendor stops shipping security fixes (YYYY-MM-DD), or null
 * @param url where the firmware or the notice is, or null
 * @param notes free text, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FirmwareRelease(String vendor, String model, String latestVersion, String releaseDate,
        String endOfSupport, String url, String notes) {

    /** The catalogue key: normalised vendor and model. */
    public String key() {
        return CpeNames.vendorKey(vendor) + '|' + CpeNames.productKey(model);
    }
}
