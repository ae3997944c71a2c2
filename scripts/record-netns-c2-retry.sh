#!/usr/bin/env bash
# Records vigil-engine/src/test/resources/captures/vigil-netns-c2-retry.pcap: an infected camera
# retrying a command-and-control server that never answers, between network namespaces this script
# creates (and removes), documentation addresses only:
#
#   LAN bridge vg8b-br: router 192.168.102.1 (ns vg8b-r, dnsmasq answers DNS), camera 192.168.102.20
#                       (ns vg8b-cam); the router forwards to "outside" (ns vg8b-net: the camera's
#                       cloud 198.51.100.80, a web server) and silently drops (blackhole routes)
#                       203.0.113.37 and 192.0.2.61, the two bare C2 addresses the bot carries
#   1. the camera looks its cloud up and fetches a status page (what it does every 5 minutes)
#   2. the bot, the way Gafgyt/BASHLITE's main loop does, takes the next address of its list, connects
#      to tcp/666 with a 30-second timeout, and on failure sleeps 5 s: one attempt every 35 s, each
#      address every 70 s. The kernel retransmits every unanswered SYN, doubling the wait (RFC 6298
#      §5.5; 1, 3, 7 and 15 s after the first, as the older kernels of embedded devices do: the
#      camera's net.ipv4.tcp_syn_linear_timeouts is 0), so each attempt is five SYNs of one connection.
#   The camera runs for real for 6 attempts (3.5 minutes).
# Time compressed? No: the capture is stretched instead. Retrying for hours is the class, so after
# the recording, scapy appends copies of the recorded attempts (each SYN of an attempt at its
# recorded offset; new source port, sequence number and IP ID, as the kernel picks them) at the
# recorded 35-second cycle, and of the status exchange every 5 minutes (new ports, DNS ID and
# sequence numbers), until two hours of packet time: the real cycle, the kernel's real retransmission
# schedule, nothing sped up. TCP timestamps are off in the camera (as on most embedded stacks), so no
# option contradicts the appended times. Captured on the LAN bridge. Needs root, iproute2, tcpdump,
# dnsmasq, python3 and Debian's python3-scapy.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${1:-$HERE/../vigil-engine/src/test/resources/captures/vigil-netns-c2-retry.pcap}
. "$HERE/netns-lab.sh"
lab_start vg8b-br vg8b-r vg8b-cam vg8b-net
lab_no_ipv6
ip netns exec vg8b-cam sysctl -qw net.ipv4.tcp_timestamps=0
ip netns exec vg8b-cam sysctl -qw net.ipv4.tcp_syn_linear_timeouts=0 2>/dev/null || true
lab_lan vg8b-r b8lan 02:00:5e:b8:00:01 192.168.102.1/24
lab_lan vg8b-cam b8cam 02:00:5e:b8:00:20 192.168.102.20/24
ip -n vg8b-cam route add default via 192.168.102.1
lab_wan vg8b-r b8wan 198.51.100.1/24 vg8b-net b8net 198.51.100.80/24
ip -n vg8b-r route add blackhole 203.0.113.37/32
ip -n vg8b-r route add blackhole 192.0.2.61/32
mkdir -p "$W/www"; printf '{"status":"ok"}\n' > "$W/www/status"
cat > "$W/camera.py" <<'PY'
import random, socket, struct, sys, time
C2 = [("203.0.113.37", 666), ("192.0.2.61", 666)]
def lookup(name):
    q = struct.pack("!HHHHHH", random.getrandbits(16), 0x0100, 1, 0, 0, 0)
    q += b"".join(bytes([len(p)]) + p.encode() for p in name.split(".")) + b"\0" + struct.pack("!HH", 1, 1)
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.settimeout(2)
    u.sendto(q, ("192.168.102.1", 53)); a = u.recv(512); u.close()
    return socket.inet_ntoa(a[-4:])
def status():
    ip = lookup("status.camcloud.example")
    c = socket.create_connection((ip, 80)); c.sendall(b"GET /status HTTP/1.0\r\nHost: status.camcloud.example\r\n\r\n")
    while c.recv(4096): pass
    c.close()
status()
time.sleep(2)
server = 0
for attempt in range(int(sys.argv[1])):
    s = socket.socket(); s.settimeout(30)
    try:
        s.connect(C2[server]); s.close()
    except OSError:
        s.close(); time.sleep(5)
    server = (server + 1) % len(C2)
PY
cat > "$W/extend.py" <<'PY'
# Appends copies of the recorded attempts and status exchanges until the capture spans UNTIL seconds.
import random, sys
from scapy.all import rdpcap, wrpcap, IP, TCP, UDP, DNS
src, dst, until = sys.argv[1], sys.argv[2], float(sys.argv[3])
rnd = random.Random(102)
pkts = rdpcap(src)
cam, c2 = "192.168.102.20", {"203.0.113.37", "192.0.2.61"}
attempts, status = {}, []
for p in pkts:
    if IP in p and TCP in p and p[IP].src == cam and p[IP].dst in c2:
        attempts.setdefault((p[IP].dst, p[TCP].sport), []).append(p)
t0 = float(pkts[0].time)
first_attempt = min(float(v[0].time) for v in attempts.values())
status = [p for p in pkts if IP in p and float(p.time) < first_attempt]
order = sorted(attempts.values(), key=lambda v: float(v[0].time))
starts = [float(v[0].time) for v in order]
gaps = sorted(b - a for a, b in zip(starts, starts[1:]))
cycle = gaps[len(gaps) // 2]
def copy(p, at, sport=None, shift=None, dns_id=None):
    q = p.copy(); q.time = at
    if IP in q:
        q[IP].id = rnd.getrandbits(16); del q[IP].chksum
    l4 = TCP if TCP in q else UDP if UDP in q else None
    if l4 is not None and sport is not None:
        outbound = q[IP].src == cam
        if outbound: q[l4].sport = sport
        else: q[l4].dport = sport
        if l4 is TCP:
            a, b = shift
            if outbound:
                q[TCP].seq = (q[TCP].seq + a) % 2**32
                if q[TCP].flags & 0x10: q[TCP].ack = (q[TCP].ack + b) % 2**32
            else:
                q[TCP].seq = (q[TCP].seq + b) % 2**32
                if q[TCP].flags & 0x10: q[TCP].ack = (q[TCP].ack + a) % 2**32
        del q[l4].chksum
        if l4 is UDP: del q[UDP].len
        if dns_id is not None and DNS in q: q[DNS].id = dns_id
    return q
out = list(pkts)
# the attempts: the recorded ones in turn, at the recorded cycle
k, at = 0, starts[-1] + cycle
while at < t0 + until:
    tpl = order[len(order) - 2 + k % 2]
    sport = rnd.randrange(32768, 60999)
    shift = (rnd.getrandbits(32), 0)
    out += [copy(p, at + float(p.time) - float(tpl[0].time), sport, shift) for p in tpl]
    k += 1; at += cycle
# the status exchange every 300 s from the recorded one
flows = {}
for p in status:
    if IP in p and (TCP in p or UDP in p):
        l4 = TCP if TCP in p else UDP
        port = p[l4].sport if p[IP].src == cam else p[l4].dport
        flows.setdefault(port, None)
at = float(status[0].time) + 300
while at < t0 + until:
    ports = {port: rnd.randrange(32768, 60999) for port in flows}
    shifts = {port: (rnd.getrandbits(32), rnd.getrandbits(32)) for port in flows}
    dns_id = rnd.getrandbits(16)
    for p in status:
        if IP not in p or not (TCP in p or UDP in p):
            continue
        l4 = TCP if TCP in p else UDP
        port = p[l4].sport if p[IP].src == cam else p[l4].dport
        out.append(copy(p, at + float(p.time) - float(status[0].time), ports[port], shifts[port], dns_id))
    at += 300
out.sort(key=lambda p: float(p.time))
wrpcap(dst, out)
print("cycle %.3f s, %d attempts appended" % (cycle, k))
PY
tcpdump -i vg8b-br -U -w "$W/lan.pcap" 2>/dev/null &
TCPDUMP=$!
sleep 1
ip netns exec vg8b-net /usr/bin/python3 "$HERE/lab-web.py" 198.51.100.80:80:"$W/www" >/dev/null 2>&1 &
ip netns exec vg8b-r dnsmasq --no-daemon --conf-file=/dev/null --no-resolv --no-hosts --interface=b8lan --bind-interfaces \
  --address=/status.camcloud.example/198.51.100.80 --pid-file="$W/dnsmasq.pid" >/dev/null 2>&1 &
sleep 1
ip netns exec vg8b-cam /usr/bin/python3 "$W/camera.py" 6
sleep 1
kill $TCPDUMP; wait $TCPDUMP 2>/dev/null || true
/usr/bin/python3 "$W/extend.py" "$W/lan.pcap" "$OUT" 7200
echo "wrote $OUT ($(tcpdump -r "$OUT" 2>/dev/null | wc -l) packets)"
