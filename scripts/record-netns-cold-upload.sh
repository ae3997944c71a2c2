#!/usr/bin/env bash
# Records vigil-engine/src/test/resources/captures/vigil-netns-cold-upload.pcap.gz: a camera that
# joins the network and, minutes later, inside its first hour, uploads 30 MB to a bare address on an
# uncommon port, beside two cameras of the same kind whose normal has been seen for more than an
# hour; between network namespaces this script creates (and removes), documentation addresses only:
#
#   LAN bridge vg8e-br: router 192.168.105.1 (ns vg8e-r, dnsmasq: DHCP .100-.150 and DNS), cameras
#                       vg8e-c1, vg8e-c2 and, later, vg8e-new (busybox udhcpc, host names IPCAM-A1,
#                       IPCAM-A2, IPCAM-C3); the router forwards to "outside" (ns vg8e-net): the
#                       cameras' cloud 198.51.100.80 (a web server, looked up by name) and 203.0.113.99,
#                       a sink listening on tcp/7001
#   1. the two cameras take leases and, for 70 minutes, fetch a status page every 30 s (one name
#      lookup in ten)
#   2. the third camera takes a lease, looks the cloud up and behaves like the others for 5 minutes
#   3. it sends 30 MB to 203.0.113.99:7001 in one connection (a second or two), then behaves again
#      for 5 minutes
# Time compressed? Stretched: phases 1, 2 and the one after 3 are recorded 60 times faster (a
# status page every 0.5 s) and scripts/pcap-retime.py scales them back by 60; the leases, the
# lookups and the upload keep their real times. TCP timestamps are off in the cameras so no option
# contradicts the new times. One frame per TCP segment (no GSO on the veths). Captured on the LAN
# bridge: whole frames, except the upload's, cut to their 54 bytes of headers (two tcpdumps,
# merged); the file is gzip-compressed (vigil reads it as it is). Needs root, iproute2, tcpdump,
# mergecap (wireshark-common), dnsmasq, busybox, python3.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${1:-$HERE/../vigil-engine/src/test/resources/captures/vigil-netns-cold-upload.pcap.gz}
. "$HERE/netns-lab.sh"
CAMS="vg8e-c1 vg8e-c2 vg8e-new"
lab_start vg8e-br vg8e-r $CAMS vg8e-net
lab_no_ipv6
lab_lan vg8e-r e8lan 02:00:5e:e8:00:01 192.168.105.1/24
lab_lan vg8e-c1 e8c1 02:00:5e:e8:00:a1
lab_lan vg8e-c2 e8c2 02:00:5e:e8:00:a2
lab_lan vg8e-new e8new 02:00:5e:e8:00:c3
lab_wan vg8e-r e8wan 198.51.100.1/24 vg8e-net e8net 198.51.100.80/24
ip -n vg8e-r addr add 203.0.113.1/24 dev e8wan
ip -n vg8e-net addr add 203.0.113.99/24 dev e8net
# one frame per TCP segment, as a mirror port shows them (no GSO super-frames on the veths)
for l in "vg8e-r e8lan" "vg8e-c1 e8c1" "vg8e-c2 e8c2" "vg8e-new e8new" "vg8e-r e8wan" "vg8e-net e8net"; do
  ip -n ${l% *} link set ${l#* } gso_max_segs 1
done
for n in $CAMS; do ip netns exec $n sysctl -qw net.ipv4.tcp_timestamps=0; done
mkdir -p "$W/www"; printf '{"status":"ok"}\n' > "$W/www/status"
# udhcpc applies the lease through a script; this one sets the address and the default route
cat > "$W/udhcpc.sh" <<'SH'
#!/bin/sh
case "$1" in
  bound|renew)
    ip addr flush dev "$interface"; ip addr add "$ip/${mask:-24}" dev "$interface"
    [ -n "$router" ] && ip route replace default via "${router%% *}" ;;
esac
exit 0
SH
chmod +x "$W/udhcpc.sh"
cat > "$W/sink.py" <<'PY'
import socket
l = socket.socket(); l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); l.bind(("203.0.113.99", 7001)); l.listen(1)
c, _ = l.accept()
while c.recv(1 << 16): pass
c.sendall(b"OK\n"); c.close()
PY
cat > "$W/camera.py" <<'PY'
# Runs while $W/go exists: a status page every 0.5 s (a name lookup one time in ten); uploads 30 MB
# when $W/upload-NAME appears.
import os, random, socket, struct, sys, time
w, name = sys.argv[1], sys.argv[2]
def lookup(host):
    q = struct.pack("!HHHHHH", random.getrandbits(16), 0x0100, 1, 0, 0, 0)
    q += b"".join(bytes([len(p)]) + p.encode() for p in host.split(".")) + b"\0" + struct.pack("!HH", 1, 1)
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.settimeout(2)
    u.sendto(q, ("192.168.105.1", 53)); a = u.recv(512); u.close()
    return socket.inet_ntoa(a[-4:])
cloud, n = None, 0
while not os.path.exists(w + "/stop"):
    if os.path.exists(w + "/upload-" + name):
        os.remove(w + "/upload-" + name)
        c = socket.create_connection(("203.0.113.99", 7001)); c.sendall(os.urandom(30_000_000))
        c.shutdown(socket.SHUT_WR); c.recv(16); c.close()
        open(w + "/uploaded", "w").close()
    if os.path.exists(w + "/go"):
        if n % 10 == 0:
            cloud = lookup("status.camcloud.example")
        n += 1
        c = socket.create_connection((cloud, 80)); c.sendall(b"GET /status HTTP/1.0\r\nHost: status.camcloud.example\r\n\r\n")
        while c.recv(4096): pass
        c.close()
    time.sleep(0.5)
PY
# a phase of normal behaviour, recorded 60 times faster than it is replayed
normal() {
  local a b
  a=$(date +%s.%N); touch "$W/go"; sleep "$1"; rm "$W/go"; sleep 0.6; b=$(date +%s.%N)
  echo "$a $b 60" >> "$W/phases"
}
lease() { ip netns exec $1 busybox udhcpc -f -q -n -t 5 -i $2 -x hostname:$3 -s "$W/udhcpc.sh" >/dev/null 2>&1; }
tcpdump -i vg8e-br -U -w "$W/whole.pcap" 'not (tcp port 7001)' 2>/dev/null &
T1=$!
tcpdump -i vg8e-br -s 54 -U -w "$W/upload.pcap" 'tcp port 7001' 2>/dev/null &
T2=$!
sleep 1
ip netns exec vg8e-net /usr/bin/python3 "$HERE/lab-web.py" 198.51.100.80:80:"$W/www" >/dev/null 2>&1 &
ip netns exec vg8e-net /usr/bin/python3 "$W/sink.py" &
ip netns exec vg8e-r dnsmasq --no-daemon --conf-file=/dev/null --no-resolv --no-hosts --interface=e8lan --bind-interfaces \
  --no-ping --dhcp-range=192.168.105.100,192.168.105.150,255.255.255.0,12h --dhcp-option=3,192.168.105.1 \
  --dhcp-option=6,192.168.105.1 --dhcp-leasefile="$W/leases" --address=/status.camcloud.example/198.51.100.80 \
  --pid-file="$W/dnsmasq.pid" >/dev/null 2>&1 &
sleep 1
lease vg8e-c1 e8c1 IPCAM-A1
lease vg8e-c2 e8c2 IPCAM-A2
ip netns exec vg8e-c1 /usr/bin/python3 "$W/camera.py" "$W" c1 &
ip netns exec vg8e-c2 /usr/bin/python3 "$W/camera.py" "$W" c2 &
normal 70
lease vg8e-new e8new IPCAM-C3
ip netns exec vg8e-new /usr/bin/python3 "$W/camera.py" "$W" new &
sleep 1
normal 5
touch "$W/upload-new"
while [ ! -e "$W/uploaded" ]; do sleep 0.1; done
normal 5
touch "$W/stop"
sleep 1
kill $T1 $T2; wait $T1 $T2 2>/dev/null || true
mergecap -F pcap -w "$W/lan.pcap" "$W/whole.pcap" "$W/upload.pcap"
/usr/bin/python3 "$HERE/pcap-retime.py" "$W/lan.pcap" "$W/out.pcap" "$W/phases"
gzip -9n < "$W/out.pcap" > "$OUT"
echo "wrote $OUT ($(tcpdump -r "$W/out.pcap" 2>/dev/null | wc -l) packets)"
