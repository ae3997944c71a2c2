package dev.vigil.detect.intel;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One entry of CISA's Known Exploited Vulnerabilities catalogue (field names as CISA publishes
 * them, in the JSON feed and the CSV alike).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KevEntry(String cveID, String vendorProject, String product, String vulnerabilityName, String dateAdded,
        String shortDescription, String requiredAction, String dueDate, String knownRansomwareCampaignUse, String notes,
        List<String> cwes) {
}
