package dev.vigil.server.api.alerts;

import dev.vigil.server.api.findings.FindingView;
import dev.vigil.server.api.findings.PacketsView;
import java.util.List;

/**
 * One alert with its finding, its comments and what is kept of its packets.
 *
 * @param finding the finding it raises, or null when retention deleted it
 * @param packets the packets kept behind its finding, or null
 */
public record AlertDetail(AlertView alert, FindingView finding, List<Comment> comments, PacketsView packets) {

    /** @param created when it was written (epoch ms) */
    public record Comment(String author, String text, long created) {
    }
}
