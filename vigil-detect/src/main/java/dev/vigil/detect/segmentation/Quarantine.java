package dev.vigil.detect.segmentation;

import dev.vigil.engine.net.Ip;
import java.util.List;

/**
 * One device held in quarantine: from when, until when, why, and which time of asking this is
 * (catch-and-release: each repeat holds longer).
 *
 * @param device inventory id
 * @param addresses the addresses blocked
 * @param reason the findings or the person that asked for it
 * @param by who decided: "auto" (trust fell to quarantined) or a person
 * @param from start, nanoseconds since the epoch
 * @param until end, nanoseconds since the epoch
 * @param offence how many times this device has been quarantined, this one included
 */
public record Quarantine(String device, List<Ip> addresses, String reason, String by, long from, long until, int offence) {

    public Quarantine {
        addresses = List.copyOf(addresses);
    }

    public boolean activeAt(long at) {
        return from <= at && at < until;
    }
}
