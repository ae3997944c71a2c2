package dev.vigil.enforce.radius;

import java.net.InetSocketAddress;

/**
 * What a NAS told Vigil when a device was admitted: enough to name the session again in a
 * Change-of-Authorization (RFC 5176 section 3: the NAS by NAS-IP-Address or NAS-Identifier, the
 * session by Calling-Station-Id, User-Name and NAS-Port).
 *
 * @param mac the device's MAC, lower case with colons
 * @param nas where the request came from
 * @param nasIp the NAS-IP-Address attribute as sent (4 octets), or null
 * @param nasIdentifier the NAS-Identifier, or null
 * @param nasPort the NAS-Port, or -1
 * @param userName the User-Name as sent, or null
 * @param callingStation the Calling-Station-Id as sent, or null
 * @param vlan the VLAN it was given
 * @param reason why that VLAN
 * @param at when (milliseconds since the epoch)
 */
public record Session(String mac, InetSocketAddress nas, byte[] nasIp, String nasIdentifier, long nasPort, String userName,
        String callingStation, int vlan, String reason, long at) {

    /** The same session after a move to another VLAN. */
    public Session movedTo(int v, String why, long when) {
        return new Session(mac, nas, nasIp, nasIdentifier, nasPort, userName, callingStation, v, why, when);
    }
}
