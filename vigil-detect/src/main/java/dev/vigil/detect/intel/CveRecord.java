package dev.vigil.detect.intel;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A CVE as the intel store keeps it: what matching and reporting need from an NVD CVE JSON 2.0
 * record, nothing more.
 *
 * @param id "CVE-2023-1389"
 * @param published publication time
 * @param lastModified last modification time; a later import replaces the record only when this is newer
 * @param description English description (at most 600 characters)
 * @param cvss base score of the primary CVSS metric (v4.0, v3.1, v3.0, then v2), or null
 * @param cvssVersion "3.1", …
 * @param severity the metric's severity ("HIGH")
 * @param vector the metric's vector string
 * @param cwes weakness identifiers
 * @param kevAdded NVD's note that CISA added it to KEV (date), or null
 * @param kevDue NVD's copy of CISA's due date, or null
 * @param configurations which platforms are affected
 * @param references up to five reference URLs
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CveRecord(String id, String published, String lastModified, String description, Double cvss,
        String cvssVersion, String severity, String vector, List<String> cwes, String kevAdded, String kevDue,
        List<Configuration> configurations, List<String> references) {

    /**
     * One applicability statement: nodes combined with {@code operator} (AND: a vulnerable
     * component running on a listed platform).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Configuration(String operator, boolean negate, List<Node> nodes) {
    }

    /** CPE matches combined with {@code operator}, the result negated when {@code negate}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Node(String operator, boolean negate, List<Match> matches) {
    }

    /**
     * One CPE match criterion with an optional version range.
     *
     * @param vulnerable true for the vulnerable component, false for a platform it must run on
     * @param criteria CPE 2.3 formatted string
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Match(boolean vulnerable, String criteria, String versionStartIncluding,
            String versionStartExcluding, String versionEndIncluding, String versionEndExcluding) {

        public boolean hasRange() {
            return versionStartIncluding != null || versionStartExcluding != null || versionEndIncluding != null
                    || versionEndExcluding != null;
        }

        /** "< 1.1.4", ">= 2.0, <= 2.5", or null. */
        public String rangeText() {
            if (!hasRange()) {
                return null;
            }
            StringBuilder s = new StringBuilder();
            append(s, ">= ", versionStartIncluding);
            append(s, "> ", versionStartExcluding);
            append(s, "<= ", versionEndIncluding);
            append(s, "< ", versionEndExcluding);
            return s.toString();
        }

        private static void append(StringBuilder s, String op, String v) {
            if (v != null) {
                if (!s.isEmpty()) {
                    s.append(", ");
                }
                s.append(op).append(v);
            }
        }
    }
}
