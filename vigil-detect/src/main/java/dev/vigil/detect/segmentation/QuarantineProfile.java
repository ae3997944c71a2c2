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
 */
public record QuarantineProfile(List<Ip> resolvers, List<Ip> notice, List<Integer> noticePorts) {

    public static final QuarantineProfile NONE = new QuarantineProfile(List.of(), List.of(), List.of(80, 443));

    public QuarantineProfile {
        resolvers = List.copyOf(resolvers);
        notice = List.copyOf(notice);
        noticePorts = List.copyOf(noticePorts);
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
