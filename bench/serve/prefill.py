#!/usr/bin/env python3
"""Writes a classic pcap in which N devices of one network each join it, for bench/serve.sh to fill
a store with N devices before it measures the reference capture into it.

Each device, one second of packet time after the one before (so no detector sees a burst): a DHCP
REQUEST with its host name (RFC 2131, options of RFC 2132), an ARP announcement of its address
(RFC 5227 section 2.3) and a DNS query for an A record (RFC 1035) to the network's resolver. MACs are
locally administered (02:...), addresses in 10.64.0.0/10 (RFC 1918), names bench-device-NNNNN.

    prefill.py N OUT.pcap
"""
import struct
import sys

RESOLVER_MAC = bytes.fromhex("020000000001")
RESOLVER_IP = bytes([10, 64, 0, 1])
START = 1_764_633_600  # 2025-12-02T00:00:00Z


def checksum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def ipv4_udp(src_ip, dst_ip, sport, dport, payload):
    udp = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload
    head = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 0, 0, 64, 17, 0, src_ip, dst_ip)
    head = head[:10] + struct.pack("!H", checksum(head)) + head[12:]
    return head + udp


def ether(dst, src, ethertype, payload):
    return dst + src + struct.pack("!H", ethertype) + payload


def dhcp_request(mac, ip, name, xid):
    bootp = struct.pack("!BBBBIHH4s4s4s4s16s64s128s", 1, 1, 6, 0, xid, 0, 0x8000, b"\0" * 4, b"\0" * 4,
                        b"\0" * 4, b"\0" * 4, mac + b"\0" * 10, b"\0" * 64, b"\0" * 128)
    opts = b"\x63\x82\x53\x63"  # magic cookie
    opts += b"\x35\x01\x03"  # DHCP message type: REQUEST
    opts += b"\x32\x04" + ip  # requested address
    opts += b"\x0c" + bytes([len(name)]) + name  # host name
    opts += b"\x37\x03\x01\x03\x06"  # parameter request list: mask, router, DNS
    opts += b"\xff"
    return bootp + opts


def arp_announcement(mac, ip):
    return struct.pack("!HHBBH6s4s6s4s", 1, 0x0800, 6, 4, 1, mac, ip, b"\0" * 6, ip)


def dns_query(qid, name):
    q = b"".join(bytes([len(p)]) + p for p in name.split(b".")) + b"\0"
    return struct.pack("!HHHHHH", qid, 0x0100, 1, 0, 0, 0) + q + struct.pack("!HH", 1, 1)


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    with open(out, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))

        def packet(t, micros, frame):
            f.write(struct.pack("<IIII", t, micros, len(frame), len(frame)))
            f.write(frame)

        for i in range(n):
            mac = bytes([2, 0x42]) + struct.pack("!I", i + 2)
            host = 2 + i
            ip = bytes([10, 64 + (host >> 16), (host >> 8) & 0xFF, host & 0xFF])
            name = b"bench-device-%05d" % i
            t = START + i
            packet(t, 0, ether(b"\xff" * 6, mac, 0x0800,
                            ipv4_udp(b"\0" * 4, b"\xff" * 4, 68, 67, dhcp_request(mac, ip, name, 0x10000 + i))))
            packet(t, 100_000, ether(b"\xff" * 6, mac, 0x0806, arp_announcement(mac, ip)))
            packet(t, 200_000, ether(RESOLVER_MAC, mac, 0x0800,
                                  ipv4_udp(ip, RESOLVER_IP, 40000 + i % 20000, 53, dns_query(i & 0xFFFF, b"time.example.com"))))


if __name__ == "__main__":
    main()
