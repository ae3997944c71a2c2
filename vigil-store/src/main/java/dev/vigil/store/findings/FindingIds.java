package dev.vigil.store.findings;

import dev.vigil.detect.findings.Finding;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A finding's stable id: the same type, device and peer always land on the same row (and alert). */
public final class FindingIds {

    private FindingIds() {
    }

    public static String of(Finding f) {
        return f.peer() == null ? of(f.type(), f.device().id()) : of(f.type(), f.device().id(), f.peer().ip(), f.peer().port());
    }

    /** The id of a finding without a peer. */
    public static String of(String type, String deviceId) {
        return "F" + sha(type + "|" + deviceId + "|").substring(0, 19);
    }

    /** The id of a finding with a peer (port null when the finding has none). */
    public static String of(String type, String deviceId, String peerIp, Integer peerPort) {
        return "F" + sha(type + "|" + deviceId + "|" + peerIp + ":" + (peerPort == null ? "" : peerPort)).substring(0, 19);
    }

    private static String sha(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
