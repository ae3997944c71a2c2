package dev.vigil.detect.behavior;

import dev.vigil.engine.net.Cidr;
import dev.vigil.engine.net.Ip;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * While packets stream, before the inventory has decided which addresses are the monitored
 * networks: private, link-local and loopback addresses, the blocks given with --local-net, and the
 * addresses a flow source marked local (Zeek's local_orig/local_resp). Used only to decide what to
 * keep state for; findings are attributed with the inventory's own answer at the end.
 */
public final class Locality implements java.io.Serializable {

    private final List<Cidr> networks;
    private final Set<Ip> hinted = new HashSet<>();

    public Locality(List<Cidr> networks) {
        this.networks = List.copyOf(networks);
    }

    public void hint(Ip ip) {
        if (ip != null && hinted.size() < 1_000_000) {
            hinted.add(ip);
        }
    }

    public boolean likelyLocal(Ip ip) {
        if (ip == null) {
            return false;
        }
        if (ip.isPrivate() || ip.isLinkLocal() || ip.isLoopback() || hinted.contains(ip)) {
            return true;
        }
        for (Cidr c : networks) {
            if (c.contains(ip)) {
                return true;
            }
        }
        return false;
    }
}
