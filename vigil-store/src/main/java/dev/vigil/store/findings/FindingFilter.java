package dev.vigil.store.findings;

/** The findings' filters; null leaves a filter out. */
public record FindingFilter(String deviceId, String type, String category, String severity) {

    public static final FindingFilter ALL = new FindingFilter(null, null, null, null);
}
