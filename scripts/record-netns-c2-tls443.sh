#!/usr/bin/env bash
# Records vigil-engine/src/test/resources/captures/vigil-netns-c2-tls443.pcap: an infected camera
# holding a command-and-control session over TLS on tcp/443 to a bare address (no DNS lookup, no SNI),
# with bursts of failed reconnects while the server is down, between network namespaces this script
# creates (and removes), documentation addresses only:
#
#   LAN bridge vg8c-br: router 192.168.103.1 (ns vg8c-r, dnsmasq answers DNS), camera 192.168.103.30
#                       (ns vg8c-cam); the router forwards to "outside" (ns vg8c-net): the camera's
#                       cloud 198.51.100.80 (a web server, looked up by name) and the C2 server
#                       203.0.113.80:443 (Python's ssl module, OpenSSL 3, a self-signed certificate)
#   1. the camera looks its cloud up and fetches a status page
#   2. the bot opens TLS to 203.0.113.80:443 by address (no server name in the ClientHello), sends a
#      24-byte heartbeat every 30 s and gets one back; once the server sends a command and the bot
#      answers with 600 bytes
#   3. the server goes away (closes the session, nothing listens: every SYN gets a RST); the bot
#      retries in bursts of 5 attempts 1 s apart, a minute between bursts, three bursts
#   4. the server is back; a second session like the first
# Time compressed? Stretched: the sessions and the minute between bursts are recorded 60 times faster
# (a heartbeat every 0.5 s) and scripts/pcap-retime.py scales those phases back by 60, so the capture
# holds a 70-minute and a 50-minute session with heartbeats every 30 s; the handshakes, the bursts and
# every exchange inside a phase keep the order the kernel and OpenSSL gave them (inside a phase,
# gaps grow by the same factor). TCP timestamps are off in the camera so no option contradicts the
# new times. Captured on the LAN bridge. Needs root, iproute2, tcpdump, dnsmasq, openssl, python3.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${1:-$HERE/../vigil-engine/src/test/resources/captures/vigil-netns-c2-tls443.pcap}
. "$HERE/netns-lab.sh"
lab_start vg8c-br vg8c-r vg8c-cam vg8c-net
lab_no_ipv6
ip netns exec vg8c-cam sysctl -qw net.ipv4.tcp_timestamps=0
lab_lan vg8c-r c8lan 02:00:5e:c8:00:01 192.168.103.1/24
lab_lan vg8c-cam c8cam 02:00:5e:c8:00:30 192.168.103.30/24
ip -n vg8c-cam route add default via 192.168.103.1
lab_wan vg8c-r c8wan 198.51.100.1/24 vg8c-net c8net 198.51.100.80/24
ip -n vg8c-r addr add 203.0.113.1/24 dev c8wan
ip -n vg8c-net addr add 203.0.113.80/24 dev c8net
mkdir -p "$W/www"; printf '{"status":"ok"}\n' > "$W/www/status"
openssl req -x509 -nodes -newkey rsa:2048 -subj "/CN=ubuntu" -days 365 -keyout "$W/key.pem" -out "$W/cert.pem" 2>/dev/null
cat > "$W/c2.py" <<'PY'
import os, socket, ssl, sys, time
w, beats = sys.argv[1], [int(x) for x in sys.argv[2:]]
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER); ctx.load_cert_chain(w + "/cert.pem", w + "/key.pem")
def quick(s): s.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
for n, session in enumerate(beats):
    while n > 0 and not os.path.exists(w + "/up"):
        time.sleep(0.05)
    l = socket.socket(); l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    l.bind(("203.0.113.80", 443)); l.listen(1)
    c, _ = l.accept(); l.close()
    t = ctx.wrap_socket(c, server_side=True)
    for i in range(session):
        if not t.recv(64): break
        quick(t)
        if n == 0 and i == 20:
            # a command instead of the heartbeat's answer; the bot answers with its result
            t.sendall(os.urandom(200)); t.recv(4096); quick(t)
        else:
            t.sendall(os.urandom(24))
    t.close()
PY
cat > "$W/camera.py" <<'PY'
import os, random, socket, ssl, struct, sys, time
w = sys.argv[1]
phases = open(w + "/phases", "w")
def phase(a, b): phases.write("%.6f %.6f 60\n" % (a, b)); phases.flush()
def lookup(name):
    q = struct.pack("!HHHHHH", random.getrandbits(16), 0x0100, 1, 0, 0, 0)
    q += b"".join(bytes([len(p)]) + p.encode() for p in name.split(".")) + b"\0" + struct.pack("!HH", 1, 1)
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.settimeout(2)
    u.sendto(q, ("192.168.103.1", 53)); a = u.recv(512); u.close()
    return socket.inet_ntoa(a[-4:])
c = socket.create_connection((lookup("status.camcloud.example"), 80))
c.sendall(b"GET /status HTTP/1.0\r\nHost: status.camcloud.example\r\n\r\n")
while c.recv(4096): pass
c.close(); time.sleep(1)
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT); ctx.check_hostname = False; ctx.verify_mode = ssl.CERT_NONE
def session():
    s = socket.create_connection(("203.0.113.80", 443), timeout=10)
    t = ctx.wrap_socket(s, server_hostname=None)
    start = time.time()
    try:
        while True:
            t.sendall(os.urandom(24))
            d = t.recv(4096)
            if not d: break
            t.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
            if len(d) > 24:
                t.sendall(os.urandom(600))
            time.sleep(0.5)
    except (OSError, ssl.SSLError):
        pass
    end = time.time(); t.close()
    phase(start + 0.05, end - 0.05)
session()
for burst in range(3):
    if burst:
        a = time.time(); time.sleep(1.0); phase(a, time.time())
    for i in range(5):
        try:
            socket.create_connection(("203.0.113.80", 443), timeout=3).close()
        except OSError:
            pass
        time.sleep(1)
open(w + "/up", "w").close()
time.sleep(0.5)
session()
PY
tcpdump -i vg8c-br -U -w "$W/lan.pcap" 2>/dev/null &
TCPDUMP=$!
sleep 1
ip netns exec vg8c-net /usr/bin/python3 "$HERE/lab-web.py" 198.51.100.80:80:"$W/www" >/dev/null 2>&1 &
ip netns exec vg8c-net /usr/bin/python3 "$W/c2.py" "$W" 140 100 &
ip netns exec vg8c-r dnsmasq --no-daemon --conf-file=/dev/null --no-resolv --no-hosts --interface=c8lan --bind-interfaces \
  --address=/status.camcloud.example/198.51.100.80 --pid-file="$W/dnsmasq.pid" >/dev/null 2>&1 &
sleep 1
ip netns exec vg8c-cam /usr/bin/python3 "$W/camera.py" "$W"
sleep 1
kill $TCPDUMP; wait $TCPDUMP 2>/dev/null || true
/usr/bin/python3 "$HERE/pcap-retime.py" "$W/lan.pcap" "$OUT" "$W/phases"
echo "wrote $OUT ($(tcpdump -r "$OUT" 2>/dev/null | wc -l) packets)"
