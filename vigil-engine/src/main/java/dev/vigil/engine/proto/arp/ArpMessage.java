package dev.vigil.engine.proto.arp;

import dev.vigil.engine.event.Event;
import dev.vigil.engine.net.Ip;
import dev.vigil.engine.net.Mac;

/**
 * An ARP request or reply (RFC 826) for IPv4 over Ethernet.
 *
 * @param ts packet time
 * @param op 1 request, 2 reply (others as seen)
 * @param frameSrc source MAC of the Ethernet frame (may differ from the sender hardware address)
 * @param senderMac sender hardware address
 * @param senderIp sender protocol address (0.0.0.0 in an ARP probe, RFC 5227)
 * @param targetMac target hardware address (zero in requests)
 * @param targetIp target protocol address
 * @param vlan outer VLAN id or null
 */
public record ArpMessage(long ts, int op, Mac frameSrc, Mac senderMac, Ip senderIp, Mac targetMac, Ip targetIp,
        Integer vlan) implements Event {

    public static final int REQUEST = 1;
    public static final int REPLY = 2;

    @Override
    public String kind() {
        return "arp";
    }

    /** A gratuitous ARP announces the sender's own address (sender IP equals target IP). */
    public boolean gratuitous() {
        return senderIp.equals(targetIp);
    }

    /** An ARP probe (RFC 5227 §2.1.1): sender address 0.0.0.0, checking whether an address is taken. */
    public boolean probe() {
        return senderIp.isUnspecified();
    }
}
