#!/usr/bin/env bash
# Records vigil-engine/src/test/resources/captures/vigil-netns-cloud-session.pcap: the benign
# counterpart of vigil-netns-c2-tls443.pcap. A smart plug keeps two quiet sessions open for hours to
# its vendor's cloud, as devices on AWS IoT, Azure IoT Hub or a vendor's own broker do, between
# network namespaces this script creates (and removes), documentation addresses only:
#
#   LAN bridge vg8k-br: router 192.168.109.1 (ns vg8k-r), plug 192.168.109.40 (ns vg8k-plug); the
#                       router forwards to "outside" (ns vg8k-net): the cloud's API 198.51.100.80:443
#                       and its MQTT broker 198.51.100.81:8883 (Python's ssl module, OpenSSL 3, a
#                       self-signed certificate)
#   1. the plug looked both up before the capture starts (no DNS in the capture: the addresses are
#      bare to the monitor, as in any capture started after a device booted)
#   2. TLS to 198.51.100.80:443 with a server name, a 40-byte keepalive and a 40-byte answer every
#      60 s; after about an hour the cloud's load balancer closes the idle session and the plug
#      reconnects at once, successfully (one attempt, no failures)
#   3. at the same time TLS to 198.51.100.81:8883 without a server name (an MQTT client configured
#      with an address), a 2-byte ping and a 2-byte answer every 60 s, and once a 300-byte
#      state report
# Nothing fails and nothing is retried: a long-lived, low-volume session on a well-known application
# port is not command and control by its duration. Time stretched: the sessions are recorded 120
# times faster (a keepalive every 0.5 s) and scripts/pcap-retime.py scales that phase back by 120,
# so the capture holds about three hours; the handshakes keep the times the kernel and OpenSSL gave
# them. TCP timestamps are off in the plug so no option contradicts the new times. Captured on the
# LAN bridge. Needs root, iproute2, tcpdump, openssl, python3.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${1:-$HERE/../vigil-engine/src/test/resources/captures/vigil-netns-cloud-session.pcap}
. "$HERE/netns-lab.sh"
lab_start vg8k-br vg8k-r vg8k-plug vg8k-net
lab_no_ipv6
ip netns exec vg8k-plug sysctl -qw net.ipv4.tcp_timestamps=0
lab_lan vg8k-r k8lan 02:00:5e:c9:00:01 192.168.109.1/24
lab_lan vg8k-plug k8plug 02:00:5e:c9:00:40 192.168.109.40/24
ip -n vg8k-plug route add default via 192.168.109.1
lab_wan vg8k-r k8wan 198.51.100.1/24 vg8k-net k8net 198.51.100.80/24
ip -n vg8k-net addr add 198.51.100.81/24 dev k8net
openssl req -x509 -nodes -newkey rsa:2048 -subj "/CN=cloud.example" -days 365 -keyout "$W/key.pem" -out "$W/cert.pem" 2>/dev/null
cat > "$W/cloud.py" <<'PY'
import os, socket, ssl, sys, threading
w = sys.argv[1]
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER); ctx.load_cert_chain(w + "/cert.pem", w + "/key.pem")
def serve(addr, port, answer, sessions, limit):
    l = socket.socket(); l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    l.bind((addr, port)); l.listen(4)
    for n in range(sessions):
        c, _ = l.accept()
        t = ctx.wrap_socket(c, server_side=True)
        i = 0
        while True:
            d = t.recv(4096)
            if not d: break
            t.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
            t.sendall(os.urandom(answer))
            i += 1
            if n == 0 and i == limit:
                break  # the load balancer closes an idle session
        t.close()
threading.Thread(target=serve, args=("198.51.100.80", 443, 40, 2, 60)).start()
threading.Thread(target=serve, args=("198.51.100.81", 8883, 2, 1, 0)).start()
PY
cat > "$W/plug.py" <<'PY'
import os, socket, ssl, sys, time
w, beats = sys.argv[1], int(sys.argv[2])
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT); ctx.check_hostname = False; ctx.verify_mode = ssl.CERT_NONE
def connect(addr, port, name):
    return ctx.wrap_socket(socket.create_connection((addr, port), timeout=10), server_hostname=name)
api = connect("198.51.100.80", 443, "api.plugcloud.example")
mqtt = connect("198.51.100.81", 8883, None)
start = time.time()
for i in range(beats):
    try:
        api.sendall(os.urandom(40))
        if not api.recv(4096): raise OSError("closed")
    except (OSError, ssl.SSLError):
        api.close(); api = connect("198.51.100.80", 443, "api.plugcloud.example")
        api.sendall(os.urandom(40)); api.recv(4096)
    mqtt.sendall(os.urandom(300 if i == 100 else 2)); mqtt.recv(4096)
    time.sleep(0.5)
end = time.time()
open(w + "/phases", "w").write("%.6f %.6f 120\n" % (start, end))
api.close(); mqtt.close()
PY
tcpdump -i vg8k-br -U -w "$W/lan.pcap" 2>/dev/null &
TCPDUMP=$!
sleep 1
ip netns exec vg8k-net /usr/bin/python3 "$W/cloud.py" "$W" &
sleep 1
ip netns exec vg8k-plug /usr/bin/python3 "$W/plug.py" "$W" 180
sleep 1
kill $TCPDUMP; wait $TCPDUMP 2>/dev/null || true
/usr/bin/python3 "$HERE/pcap-retime.py" "$W/lan.pcap" "$OUT" "$W/phases"
echo "wrote $OUT ($(tcpdump -r "$OUT" 2>/dev/null | wc -l) packets)"
