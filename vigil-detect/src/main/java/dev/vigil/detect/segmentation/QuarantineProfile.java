package dev.vigil.detect.segmentation;

import dev.vigil.engine.net.Ip;
import java.util.List;

/**
 * What a quarantined device may still reach: DHCP (udp/67, RFC 2131), DNS (udp and tcp/53) to the
 * network's resolvers, and the notice page that tells its owner why. Nothing else, and nothing may
 * start a flow towards it, so quarantined devices cannot reach each other either.
 *
 * @param resolvers the resolvers it may ask
 * @param notice the notice page's addresses
 * @param noticePorts the notice page's TCP ports
 * @param approval the zones whose devices a person must approve before the service quarantines
 *     them ({@code quarantine approval ZONES}); {@link #ALL} for every device; empty: automatic
 */
public record QuarantineProfile(List<Ip> resolvers, List<Ip> notice, List<Integer> noticePorts, List<String> approval) {

    /** The approval list that holds every device, zoned or not. */
    public static final String ALL = "all";

    public static final QuarantineProfile NONE = new QuarantineProfile(List.of(), List.of(), List.of(80, 443));

    public QuarantineProfile {
        resolvers = List.copyOf(resolvers);
        notice = List.copyOf(notice);
        noticePorts = List.copyOf(noticePorts);
        approval = List.copyOf(approval);
    }

    /** A profile under which the service quarantines on its own. */
    public QuarantineProfile(List<Ip> resolvers, List<Ip> notice, List<Integer> noticePorts) {
        this(resolvers, notice, noticePorts, List.of());
    }

    /** The same profile with another approval list. */
    public QuarantineProfile withApproval(List<String> zones) {
        return new QuarantineProfile(resolvers, notice, noticePorts, zones);
    }

    /** Whether quarantining a device in these zones waits for a person. */
    public boolean needsApproval(java.util.Collection<String> zones) {
        return approval.contains(ALL) || zones.stream().anyMatch(approval::contains);
    }

    /** Whether a quarantined device may start this flow, and as what ("dhcp", "dns", "notice"), else null. */
    public String permits(Ip dst, int proto, int port) {
        if (proto == Service.UDP && port == 67) {
            return "dhcp";
        }
        if ((proto == Service.UDP || proto == Service.TCP) && port == 53 && resolvers.contains(dst)) {
            return "dns";
        }
        if (proto == Service.TCP && noticePorts.contains(port) && notice.contains(dst)) {
            return "notice";
        }
        return null;
    }
}
