#!/usr/bin/env bash
# Records vigil-engine/src/test/resources/captures/vigil-netns-os-probe.pcap: nmap's OS detection
# (-O) against one camera, touching only two TCP ports and one UDP port, between network namespaces
# this script creates (and removes), documentation addresses only:
#
#   LAN bridge vg8g-br: router 192.168.107.1 (ns vg8g-r), camera 192.168.107.10 (ns vg8g-cam, a web
#                       server on tcp/80), intruder 192.168.107.66 (ns vg8g-bad); the router forwards
#                       to "outside" (ns vg8g-net, a web server on 198.51.100.80)
#   1. the camera fetches a page from its cloud every 2 s (ordinary traffic)
#   2. the intruder runs `nmap -O -Pn -n -p T:80,T:81,U:9 192.168.107.10`: one open and one closed
#      port, the way nmap's OS detection needs them, and the probes it sends to them (SEQ/OPS/WIN:
#      six SYNs with odd options and windows; ECN: SYN with CWR and ECE; T2: NULL flags, T3:
#      SYN|FIN|PSH|URG, T4: ACK, T5-T7: SYN, ACK and FIN|PSH|URG to the closed port; IE: two ICMP
#      echoes with odd codes; U1: UDP to the closed port), repeated when nmap retries
# Nothing is compressed in time. Captured on the LAN bridge. Needs root, iproute2, tcpdump, nmap,
# python3, tshark.
#
# Also writes vigil-netns-os-probe-syn-only.pcap: the same recording with every probe that is not a
# plain SYN removed in both directions (NULL, SYN|FIN|PSH|URG, the ACKs, FIN|PSH|URG), leaving the
# SEQ probes and the ECN probe: what a prober that only sends SYNs leaves (Xprobe2, p0f-style), to
# prove the SYNs' own crafted headers (windows of 1-63 bytes, an urgent pointer without URG) suffice.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${1:-$HERE/../vigil-engine/src/test/resources/captures/vigil-netns-os-probe.pcap}
. "$HERE/netns-lab.sh"
lab_start vg8g-br vg8g-r vg8g-cam vg8g-bad vg8g-net
lab_no_ipv6
lab_lan vg8g-r g8lan 02:00:5e:a7:00:01 192.168.107.1/24
lab_lan vg8g-cam g8cam 02:00:5e:a7:00:10 192.168.107.10/24
lab_lan vg8g-bad g8bad 02:00:5e:a7:00:66 192.168.107.66/24
lab_wan vg8g-r g8wan 198.51.100.1/24 vg8g-net g8net 198.51.100.80/24
ip -n vg8g-cam route add default via 192.168.107.1
ip -n vg8g-bad route add default via 192.168.107.1
mkdir -p "$W/www"; printf 'ok\n' > "$W/www/index.html"
cat > "$W/camera.py" <<'PY'
import socket, sys, time
end = time.time() + float(sys.argv[1])
while time.time() < end:
    c = socket.create_connection(("198.51.100.80", 80)); c.sendall(b"GET / HTTP/1.0\r\nHost: cloud.example\r\n\r\n")
    while c.recv(4096): pass
    c.close(); time.sleep(2)
PY
tcpdump -i vg8g-br -U -w "$W/lan.pcap" 2>/dev/null &
TCPDUMP=$!
sleep 1
ip netns exec vg8g-net /usr/bin/python3 "$HERE/lab-web.py" 198.51.100.80:80:"$W/www" >/dev/null 2>&1 &
ip netns exec vg8g-cam /usr/bin/python3 "$HERE/lab-web.py" 192.168.107.10:80:"$W/www" >/dev/null 2>&1 &
sleep 1
ip netns exec vg8g-cam /usr/bin/python3 "$W/camera.py" 30 &
CAM=$!
sleep 5
ip netns exec vg8g-bad nmap -O -Pn -n -p T:80,T:81,U:9 192.168.107.10 > "$W/nmap.txt" 2>&1 || true
wait $CAM || true
sleep 1
kill $TCPDUMP; wait $TCPDUMP 2>/dev/null || true
grep -E "^(PORT|[0-9]+/|OS|Device|Running|Aggressive|No exact)" "$W/nmap.txt" || true
cp "$W/lan.pcap" "$OUT"
echo "wrote $OUT ($(tcpdump -r "$OUT" 2>/dev/null | wc -l) packets)"
SYN_ONLY=${OUT%.pcap}-syn-only.pcap
PORTS=$(tshark -r "$OUT" -Y 'ip.src==192.168.107.66 && tcp' -T fields -e tcp.srcport -e tcp.flags 2>/dev/null \
  | python3 -c 'import sys
for l in sys.stdin:
    p, f = l.split(); f = int(f, 16)
    if (f & 0x3f) != 0x02 and f != 0x04: print(p)' | sort -un)
FILTER="not (host 192.168.107.66 and tcp and ($(for p in $PORTS; do printf 'port %s or ' "$p"; done | sed 's/ or $//')))"
tcpdump -r "$OUT" -w "$SYN_ONLY" "$FILTER" 2>/dev/null
echo "wrote $SYN_ONLY ($(tcpdump -r "$SYN_ONLY" 2>/dev/null | wc -l) packets)"
