#!/usr/bin/env bash
# Records vigil-engine/src/test/resources/captures/vigil-netns-camera-burst.pcap: real traffic between
# network namespaces this script creates (and removes), documentation addresses only:
#
#   LAN bridge vg-br4: router 192.168.44.1 (ns vg-r4), camera 192.168.44.10 (ns vg-cam4); the router
#                      forwards to "outside" (ns vg-cloud: 198.51.100.44, the camera's cloud)
#   1. for 45 s the camera sends its cloud a small status request every half second (its normal)
#   2. then, in one second, it sends the same cloud 6 MB (what a camera streaming its footage to
#      someone else's server looks like from its traffic), then goes back to its status requests
# Captured on the LAN bridge with a 128-byte snap length. Needs root, iproute2, tcpdump, python3.
set -euo pipefail
OUT=${1:-$(cd "$(dirname "$0")/.." && pwd)/vigil-engine/src/test/resources/captures/vigil-netns-camera-burst.pcap}
. "$(dirname "$0")/netns-lab.sh"
lab_start vg-br4 vg-r4 vg-cam4 vg-cloud
lab_lan vg-r4 r4lan 02:00:5e:44:00:01 192.168.44.1/24
lab_lan vg-cam4 cam4 02:00:5e:44:00:10 192.168.44.10/24
lab_wan vg-r4 r4wan 198.51.100.1/24 vg-cloud cloud0 198.51.100.44/24
ip -n vg-cam4 route add default via 192.168.44.1
cat > "$W/cloud.py" <<'PY'
import socket, threading
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(("198.51.100.44", 8443)); s.listen(16)
def one(c):
    while c.recv(65536): pass
    c.sendall(b"ok"); c.close()
while True:
    c, _ = s.accept(); threading.Thread(target=one, args=(c,), daemon=True).start()
PY
cat > "$W/camera.py" <<'PY'
import socket, time
def send(data):
    c = socket.create_connection(("198.51.100.44", 8443)); c.sendall(data); c.shutdown(socket.SHUT_WR); c.recv(10); c.close()
for i in range(90):
    send(b"status ok"); time.sleep(0.5)
send(bytes(6_000_000))
for i in range(6):
    send(b"status ok"); time.sleep(0.5)
PY
tcpdump -i vg-br4 -s 128 -U -w "$W/lan.pcap" 2>/dev/null &
TCPDUMP=$!
sleep 1
ip netns exec vg-cloud python3 "$W/cloud.py" &
sleep 1
ip netns exec vg-cam4 python3 "$W/camera.py"
sleep 1
kill $TCPDUMP; wait $TCPDUMP 2>/dev/null || true
cp "$W/lan.pcap" "$OUT"
echo "wrote $OUT ($(tcpdump -r "$OUT" 2>/dev/null | wc -l) packets)"
