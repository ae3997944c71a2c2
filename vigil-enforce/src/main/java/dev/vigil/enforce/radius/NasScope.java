package dev.vigil.enforce.radius;

import dev.vigil.enforce.EnforcementException;
import dev.vigil.engine.net.Cidr;
import dev.vigil.engine.net.Ip;
import java.net.InetAddress;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The NASes (switches, access points, controllers) RADIUS may send a Change-of-Authorization or a
 * Disconnect to: nothing outside these blocks is ever sent anything, whatever a session says.
 *
 * @param blocks the address blocks NASes may be in
 */
public record NasScope(List<Cidr> blocks) {

    /** Loopback only: what tests and a first trial use. */
    public static final NasScope LOOPBACK = new NasScope(List.of(Cidr.parse("127.0.0.0/8"), Cidr.parse("::1/128")));

    public NasScope {
        blocks = List.copyOf(blocks);
    }

    public boolean allows(InetAddress a) {
        Ip ip = Ip.ofBytes(a.getAddress());
        for (Cidr c : blocks) {
            if (c.contains(ip)) {
                return true;
            }
        }
        return false;
    }

    /** Refuses a NAS outside the scope. */
    public void check(InetAddress a) throws EnforcementException {
        if (!allows(a)) {
            throw new EnforcementException("refused: NAS " + a.getHostAddress() + " is outside the enforcement scope "
                    + (blocks.isEmpty() ? "(no NAS is allowed)"
                            : "(allowed: " + blocks.stream().map(Cidr::toString).collect(Collectors.joining(", ")) + ")"));
        }
    }
}
