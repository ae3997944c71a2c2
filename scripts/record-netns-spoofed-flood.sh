#!/usr/bin/env bash
# Records vigil-engine/src/test/resources/captures/vigil-netns-spoofed-flood.pcap: real traffic between
# network namespaces this script creates (and removes), documentation addresses only:
#
#   LAN bridge vg-br3: router 192.168.66.1 (ns vg-r3), camera 192.168.66.10 (ns vg-cam3), bot
#                      192.168.66.77 (ns vg-bot); the router forwards to "outside" (ns vg-far: 198.51.100.80)
#   1. the camera fetches a page from 198.51.100.80 three times through the router (ordinary traffic)
#   2. the bot sends 400 TCP SYNs to 198.51.100.80:80, each from a different forged source address
#      (random addresses of 203.0.113.0/24 and 192.0.2.0/24, raw sockets), the way flood bots hide
# Captured on the LAN bridge. Needs root, iproute2, tcpdump, python3.
set -euo pipefail
OUT=${1:-$(cd "$(dirname "$0")/.." && pwd)/vigil-engine/src/test/resources/captures/vigil-netns-spoofed-flood.pcap}
. "$(dirname "$0")/netns-lab.sh"
lab_start vg-br3 vg-r3 vg-cam3 vg-bot vg-far
lab_lan vg-r3 r3lan 02:00:5e:66:00:01 192.168.66.1/24
lab_lan vg-cam3 cam3 02:00:5e:66:00:10 192.168.66.10/24
lab_lan vg-bot bot0 02:00:5e:66:00:77 192.168.66.77/24
lab_wan vg-r3 r3wan 198.51.100.1/24 vg-far far0 198.51.100.80/24
for n in vg-cam3 vg-bot; do ip -n $n route add default via 192.168.66.1; done
mkdir -p "$W/www"; printf 'ok\n' > "$W/www/index.html"
cat > "$W/fetch.py" <<'PY'
import socket
for i in range(3):
    c = socket.create_connection(("198.51.100.80", 80)); c.sendall(b"GET / HTTP/1.0\r\nHost: far.example\r\n\r\n")
    while c.recv(4096): pass
    c.close()
PY
cat > "$W/flood.py" <<'PY'
import random, socket, struct, time
rnd = random.Random(77)
s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
def csum(b):
    if len(b) % 2: b += b"\0"
    t = sum(struct.unpack("!%dH" % (len(b) // 2), b)); t = (t >> 16) + (t & 0xffff); t += t >> 16
    return ~t & 0xffff
dst = socket.inet_aton("198.51.100.80")
for i in range(400):
    src = socket.inet_aton(rnd.choice(["203.0.113.", "192.0.2."]) + str(rnd.randrange(1, 255)))
    sport = rnd.randrange(1024, 65535)
    tcp = struct.pack("!HHIIBBHHH", sport, 80, rnd.getrandbits(32), 0, 5 << 4, 0x02, 64240, 0, 0)
    pseudo = src + dst + struct.pack("!BBH", 0, 6, len(tcp))
    tcp = tcp[:16] + struct.pack("!H", csum(pseudo + tcp)) + tcp[18:]
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), rnd.getrandbits(16), 0, 64, 6, 0, src, dst)
    ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
    s.sendto(ip + tcp, ("198.51.100.80", 0))
    time.sleep(0.002)
PY
tcpdump -i vg-br3 -U -w "$W/lan.pcap" 2>/dev/null &
TCPDUMP=$!
sleep 1
ip netns exec vg-far python3 -m http.server 80 --bind 198.51.100.80 --directory "$W/www" >/dev/null 2>&1 &
sleep 1
ip netns exec vg-cam3 python3 "$W/fetch.py"
ip netns exec vg-bot python3 "$W/flood.py"
sleep 1
kill $TCPDUMP; wait $TCPDUMP 2>/dev/null || true
cp "$W/lan.pcap" "$OUT"
echo "wrote $OUT ($(tcpdump -r "$OUT" 2>/dev/null | wc -l) packets)"
