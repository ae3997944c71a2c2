#!/usr/bin/env bash
# Records vigil-engine/src/test/resources/captures/vigil-netns-arp-mitm.pcap: ARP poisoning of one
# victim by one station that claims the gateway's address and relays the victim's traffic, with no
# second claimant, between network namespaces this script creates (and removes), documentation
# addresses only:
#
#   LAN bridge vg8f-br: router 192.168.106.1 (ns vg8f-r), camera 192.168.106.10 (ns vg8f-cam),
#                       intruder 192.168.106.66 (ns vg8f-bad, IP forwarding on and ICMP redirects
#                       off, as MITM tools set them); the router forwards to "outside" (ns vg8f-net,
#                       a web server on 198.51.100.80)
#   1. the camera asks ARP for the router and fetches a page through it every second (the network
#      teaches the true binding)
#   2. the intruder sends a datagram to the router and one to the camera (its kernel learns both
#      bindings, so arpspoof finds them in the ARP cache and asks nobody)
#   3. dsniff's arpspoof -t 192.168.106.10 192.168.106.1 on the intruder tells the camera every 2 s, in
#      ARP replies, that
#      192.168.106.1 is at the intruder's MAC; the camera's pages now go through the intruder, which
#      sends each packet on to the router unchanged (every relayed packet is on the wire twice, the
#      second time from the intruder's MAC)
#   4. the capture ends before arpspoof stops (it would re-announce the true binding on exit)
# The router keeps its neighbour entries for 10 minutes (base_reachable_time), as many home routers
# do, so it does not ask ARP again within the 30 s of poisoning: nobody contests the claim in the
# capture. Nothing is compressed in time. Captured on the LAN bridge. Needs root, iproute2, tcpdump,
# dsniff, python3.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${1:-$HERE/../vigil-engine/src/test/resources/captures/vigil-netns-arp-mitm.pcap}
. "$HERE/netns-lab.sh"
lab_start vg8f-br vg8f-r vg8f-cam vg8f-bad vg8f-net
lab_no_ipv6
lab_lan vg8f-r f8lan 02:00:5e:f8:00:01 192.168.106.1/24
lab_lan vg8f-cam f8cam 02:00:5e:f8:00:10 192.168.106.10/24
lab_lan vg8f-bad f8bad 02:00:5e:f8:00:66 192.168.106.66/24
lab_wan vg8f-r f8wan 198.51.100.1/24 vg8f-net f8net 198.51.100.80/24
ip -n vg8f-cam route add default via 192.168.106.1
ip -n vg8f-bad route add default via 192.168.106.1
ip netns exec vg8f-r sysctl -qw net.ipv4.neigh.f8lan.base_reachable_time_ms=600000
ip netns exec vg8f-bad sysctl -qw net.ipv4.ip_forward=1 net.ipv4.conf.all.send_redirects=0 net.ipv4.conf.f8bad.send_redirects=0
mkdir -p "$W/www"; printf 'ok\n' > "$W/www/index.html"
cat > "$W/camera.py" <<'PY'
import socket, sys, time
end = time.time() + float(sys.argv[1])
while time.time() < end:
    c = socket.create_connection(("198.51.100.80", 80)); c.sendall(b"GET / HTTP/1.0\r\nHost: cloud.example\r\n\r\n")
    while c.recv(4096): pass
    c.close(); time.sleep(1)
PY
tcpdump -i vg8f-br -U -w "$W/lan.pcap" 2>/dev/null &
TCPDUMP=$!
sleep 1
ip netns exec vg8f-net /usr/bin/python3 "$HERE/lab-web.py" 198.51.100.80:80:"$W/www" >/dev/null 2>&1 &
sleep 1
ip netns exec vg8f-cam /usr/bin/python3 "$W/camera.py" 45 &
CAM=$!
sleep 8
ip netns exec vg8f-bad /usr/bin/python3 -c "
import socket, time
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for a in ('192.168.106.1', '192.168.106.10'): u.sendto(b'x', (a, 9)); time.sleep(0.5)"
sleep 1
ip netns exec vg8f-bad arpspoof -i f8bad -t 192.168.106.10 192.168.106.1 >/dev/null 2>&1 &
sleep 32
kill $TCPDUMP; wait $TCPDUMP 2>/dev/null || true
wait $CAM || true
cp "$W/lan.pcap" "$OUT"
echo "wrote $OUT ($(tcpdump -r "$OUT" 2>/dev/null | wc -l) packets)"
