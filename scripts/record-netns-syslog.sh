#!/usr/bin/env bash
# Records vigil-engine/src/test/resources/captures/vigil-netns-syslog.pcap: hosts logging to a
# collector with util-linux's logger, and a relay forwarding two hosts' messages, between network
# namespaces this script creates (and removes), documentation addresses only; each host has its own
# host name (its own UTS namespace), which logger writes into the header:
#
#   LAN bridge vgsl-br: collector 192.168.130.5 (ns vgsl-col: UDP and TCP listeners on 514)
#     192.168.130.20 core-sw1: RFC 5424 over UDP (logger --rfc5424 -d), app "sshd"; its second message
#                    names it by its FQDN, core-sw1.lab.example (one host, two forms of its name)
#     192.168.130.21 nas01: RFC 3164 over TCP with RFC 6587 octet counting (logger --rfc3164 -T
#                    --octet-count), app "smbd", three messages on one connection
#     192.168.130.22 cam-lobby: RFC 5424 over TCP, one message per line (logger -T), app "onvif"
#     192.168.130.30 a relay (ns vgsl-rel): receives syslog on UDP 514 and forwards every datagram
#                    unchanged to the collector, as a forwarding rule of rsyslog or syslog-ng does
#     192.168.130.31 app-a and 192.168.130.32 app-b log RFC 5424 over UDP to the relay
# Captured on the LAN bridge. Needs root, iproute2, util-linux (logger, unshare), tcpdump, python3.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${1:-$HERE/../vigil-engine/src/test/resources/captures/vigil-netns-syslog.pcap}
. "$HERE/netns-lab.sh"
lab_start vgsl-br vgsl-col vgsl-sw vgsl-nas vgsl-cam vgsl-rel vgsl-a vgsl-b
lab_no_ipv6
lab_lan vgsl-col slcol 02:00:5e:82:00:05 192.168.130.5/24
lab_lan vgsl-sw slsw 00:1b:54:82:00:20 192.168.130.20/24
lab_lan vgsl-nas slnas 00:11:32:82:00:21 192.168.130.21/24
lab_lan vgsl-cam slcam 00:40:8c:82:00:22 192.168.130.22/24
lab_lan vgsl-rel slrel 02:00:5e:82:00:30 192.168.130.30/24
lab_lan vgsl-a sla 02:00:5e:82:00:31 192.168.130.31/24
lab_lan vgsl-b slb 02:00:5e:82:00:32 192.168.130.32/24

cat > "$W/collector.py" <<'PY'
import socket, threading
def udp():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("0.0.0.0", 514))
    while True:
        s.recvfrom(8192)
def serve(c):
    while c.recv(8192):
        pass
    c.close()
t = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
t.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
t.bind(("0.0.0.0", 514))
t.listen(8)
threading.Thread(target=udp, daemon=True).start()
while True:
    c, _ = t.accept()
    threading.Thread(target=serve, args=(c,), daemon=True).start()
PY
cat > "$W/relay.py" <<'PY'
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("0.0.0.0", 514))
out = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
while True:
    d, _ = s.recvfrom(8192)
    out.sendto(d, ("192.168.130.5", 514))
PY
as() { ns=$1; name=$2; shift 2; ip netns exec "$ns" unshare --uts sh -c "hostname $name; exec \"\$@\"" sh "$@"; }
tcpdump -i vgsl-br -U -w "$W/lan.pcap" 2>/dev/null &
TCPDUMP=$!
sleep 1
ip netns exec vgsl-col /usr/bin/python3 "$W/collector.py" &
ip netns exec vgsl-rel /usr/bin/python3 "$W/relay.py" &
sleep 1
as vgsl-sw core-sw1 logger -n 192.168.130.5 -P 514 -d --rfc5424 -t sshd -p auth.info "Accepted publickey for admin from 192.168.130.9 port 50022 ssh2"
as vgsl-sw core-sw1.lab.example logger -n 192.168.130.5 -P 514 -d --rfc5424 -t sshd -p auth.info "session closed for user admin"
printf 'smbd version 4.17.12 started\nclient 192.168.130.9 connected to share public\nclient 192.168.130.9 disconnected\n' \
  | as vgsl-nas nas01 logger -n 192.168.130.5 -P 514 -T --octet-count --rfc3164 -t smbd -p daemon.notice
as vgsl-cam cam-lobby logger -n 192.168.130.5 -P 514 -T --rfc5424 -t onvif -p daemon.info "stream profile_1 started for 192.168.130.9"
as vgsl-a app-a logger -n 192.168.130.30 -P 514 -d --rfc5424 -t billing "job 42 finished"
as vgsl-b app-b logger -n 192.168.130.30 -P 514 -d --rfc5424 -t backup "snapshot taken"
as vgsl-a app-a logger -n 192.168.130.30 -P 514 -d --rfc5424 -t billing "job 43 finished"
sleep 1
kill $TCPDUMP; wait $TCPDUMP 2>/dev/null || true
for want in core-sw1 nas01 cam-lobby app-a app-b; do
  tcpdump -A -r "$W/lan.pcap" 2>/dev/null | grep -qF "$want" || { echo "no message from $want" >&2; exit 1; }
done
cp "$W/lan.pcap" "$OUT"
echo "wrote $OUT ($(tcpdump -r "$OUT" 2>/dev/null | wc -l) packets)"
