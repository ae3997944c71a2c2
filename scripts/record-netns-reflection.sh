#!/usr/bin/env bash
# Records vigil-engine/src/test/resources/captures/vigil-netns-reflection.pcap.gz: three devices of one
# network, each the victim of a reflection attack (someone elsewhere forged their address in requests
# to open services, whose answers now arrive unasked), between network namespaces this script
# creates (and removes), documentation addresses only:
#
#   LAN bridge vg8h-br: router 192.168.108.1 (ns vg8h-r, forwards, no reverse-path filter), an NVR
#                       192.168.108.10, a camera 192.168.108.20 and a doorbell 192.168.108.30 (ns
#                       vg8h-v1..3, each fetches a page from its cloud first); "outside" (ns vg8h-net)
#                       is the cloud 198.51.100.80 and stands in for the reflectors: scapy sends from
#                       there, with the reflectors' addresses as sources, what they answer
#   1. IKE/NAT-T reflection on the NVR: 600 IKEv2 responders (udp/500 and udp/4500, addresses of all
#      three documentation blocks) answer IKE_SA_INIT requests they never got from it (RFC 7296 §1.2),
#      5 answers each (the attacker repeats its forged requests), 400 answers a second
#   2. DNS amplification on the camera: 150 open resolvers answer an ANY query with 3,200 bytes of
#      TXT records, too big for one frame, so each answer is three IPv4 fragments (RFC 791; only the
#      first carries the UDP header): 4 answers each, 200 answers a second
#   3. SYN-ACK reflection on the doorbell: 400 web servers (tcp/80 and tcp/443) answer SYNs it never
#      sent with a SYN-ACK each, 10 a second, low enough to pass under a rate limit; its kernel
#      answers each with a RST (RFC 9293 §3.10.7.1)
# Nothing is compressed in time. Captured on the LAN bridge with a 96-byte snap length (every header
# whole, the answers' bodies cut); the file is gzip-compressed (vigil reads it as it is). Needs root, iproute2, tcpdump, python3 and Debian's python3-scapy.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${1:-$HERE/../vigil-engine/src/test/resources/captures/vigil-netns-reflection.pcap.gz}
. "$HERE/netns-lab.sh"
lab_start vg8h-br vg8h-r vg8h-v1 vg8h-v2 vg8h-v3 vg8h-net
lab_no_ipv6
lab_lan vg8h-r h8lan 02:00:5e:a8:01:01 192.168.108.1/24
lab_lan vg8h-v1 h8v1 02:00:5e:a8:01:10 192.168.108.10/24
lab_lan vg8h-v2 h8v2 02:00:5e:a8:01:20 192.168.108.20/24
lab_lan vg8h-v3 h8v3 02:00:5e:a8:01:30 192.168.108.30/24
lab_wan vg8h-r h8wan 198.51.100.1/24 vg8h-net h8net 198.51.100.80/24
for n in vg8h-v1 vg8h-v2 vg8h-v3; do ip -n $n route add default via 192.168.108.1; done
ip netns exec vg8h-r sysctl -qw net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.h8wan.rp_filter=0 net.ipv4.conf.default.rp_filter=0
mkdir -p "$W/www"; printf 'ok\n' > "$W/www/index.html"
cat > "$W/fetch.py" <<'PY'
import socket
c = socket.create_connection(("198.51.100.80", 80)); c.sendall(b"GET / HTTP/1.0\r\nHost: cloud.example\r\n\r\n")
while c.recv(4096): pass
c.close()
PY
cat > "$W/reflect.py" <<'PY'
import random, struct, sys, time
from scapy.all import IP, UDP, TCP, DNS, DNSQR, DNSRR, Raw, conf, fragment
rnd = random.Random(108)
blocks = ["192.0.2.%d", "198.51.100.%d", "203.0.113.%d"]
pool = [b % i for b in blocks for i in range(2, 255) if b % i not in ("198.51.100.80", "198.51.100.1")]
rnd.shuffle(pool)
s = conf.L3socket()
def paced(pkts, rate):
    t0 = time.time()
    for i, p in enumerate(pkts):
        wait = t0 + i / rate - time.time()
        if wait > 0:
            time.sleep(wait)
        s.send(p)
which = sys.argv[1]
if which == "ike":
    # IKE_SA_INIT responses (RFC 7296 §3.1: SPIs, next payload SA, version 2.0, exchange 34, flags R)
    answers = []
    for src in pool[:600]:
        port = rnd.choice([500, 4500])
        dport = rnd.randrange(1024, 65535)
        ispi, rspi = rnd.getrandbits(64), rnd.getrandbits(64)
        for k in range(5):
            hdr = struct.pack("!QQBBBBII", ispi, rspi, 33, 0x20, 34, 0x20, 0, 28 + 400)
            body = (b"\0\0\0\0" if port == 4500 else b"") + hdr + bytes(rnd.getrandbits(8) for _ in range(400))
            answers.append(IP(src=src, dst="192.168.108.10", id=rnd.getrandbits(16)) / UDP(sport=port, dport=dport) / Raw(body))
    rnd.shuffle(answers)
    paced(answers, 400)
elif which == "dns":
    answers = []
    for src in pool[:150]:
        for k in range(4):
            txt = [bytes(rnd.getrandbits(8) % 26 + 97 for _ in range(250)) for _ in range(12)]
            rr = None
            for t in txt:
                r = DNSRR(rrname="example.com", type="TXT", rdata=t, ttl=300)
                rr = r if rr is None else rr / r
            dns = DNS(id=rnd.getrandbits(16), qr=1, rd=1, ra=1, qd=DNSQR(qname="example.com", qtype="ANY"), an=rr)
            pkt = IP(src=src, dst="192.168.108.20", id=rnd.getrandbits(16)) / UDP(sport=53, dport=rnd.randrange(1024, 65535)) / dns
            answers.append(fragment(pkt, fragsize=1480))
    rnd.shuffle(answers)
    t0 = time.time()
    for i, frags in enumerate(answers):
        wait = t0 + i / 200 - time.time()
        if wait > 0:
            time.sleep(wait)
        for f in frags:
            s.send(f)
else:
    answers = []
    for src in pool[:400]:
        answers.append(IP(src=src, dst="192.168.108.30", id=rnd.getrandbits(16), ttl=rnd.choice([50, 52, 55, 113, 116]))
                       / TCP(sport=rnd.choice([80, 443]), dport=rnd.randrange(1024, 65535), flags="SA",
                             seq=rnd.getrandbits(32), ack=rnd.getrandbits(32), window=65535,
                             options=[("MSS", 1460), ("NOP", None), ("WScale", 7)]))
    paced(answers, 10)
PY
tcpdump -i vg8h-br -s 96 -U -w "$W/lan.pcap" 2>/dev/null &
TCPDUMP=$!
sleep 1
ip netns exec vg8h-net /usr/bin/python3 "$HERE/lab-web.py" 198.51.100.80:80:"$W/www" >/dev/null 2>&1 &
sleep 1
for n in vg8h-v1 vg8h-v2 vg8h-v3; do ip netns exec $n /usr/bin/python3 "$W/fetch.py"; done
sleep 1
ip netns exec vg8h-net /usr/bin/python3 "$W/reflect.py" ike
sleep 2
ip netns exec vg8h-net /usr/bin/python3 "$W/reflect.py" dns
sleep 2
ip netns exec vg8h-net /usr/bin/python3 "$W/reflect.py" synack
sleep 2
kill $TCPDUMP; wait $TCPDUMP 2>/dev/null || true
gzip -9n < "$W/lan.pcap" > "$OUT"
echo "wrote $OUT ($(tcpdump -r "$W/lan.pcap" 2>/dev/null | wc -l) packets)"
