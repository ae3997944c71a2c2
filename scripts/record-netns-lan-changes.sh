#!/usr/bin/env bash
# Records vigil-engine/src/test/resources/captures/vigil-netns-lan-changes.pcap: real DHCP servers and
# clients (dnsmasq, busybox udhcpc) and real TCP between network namespaces this script creates (and
# removes), documentation addresses only:
#
#   LAN bridge vg-br2: router 192.168.99.1 (ns vg-r2, dnsmasq handing out .100-.149), camera (ns vg-cam2,
#                      MAC 02:00:5e:99:00:10), laptop (ns vg-lap), intruder 192.168.99.66 (ns vg-evil);
#                      the router forwards to "outside" (ns vg-ext: 203.0.113.9, 203.0.113.66 and
#                      203.0.113.21, 198.51.100.21, 192.0.2.21)
#   1. the camera takes a lease from the router (udhcpc, vendor class "IPCAM-FW/2.1") and, for 8 s,
#      sends a small request to 203.0.113.9:443 every half second (its normal)
#   2. the camera opens a connection to 203.0.113.66:4444 and keeps it open for 9 s, a few bytes each
#      way every 3 s (a kept-open command channel)
#   3. the camera starts using a service it never used: tcp/5555 to three outside hosts in three
#      networks, four connections each; then it fetches a firmware image over plain FTP (vsftpd,
#      anonymous) from 203.0.113.9, and looks up and contacts 24 names it never used (cdnN.example,
#      answered by the router's dnsmasq)
#   4. the intruder starts a second DHCP server (dnsmasq, .200-.249, itself as gateway and DNS);
#      the laptop asks for a lease three times and both servers answer
#   5. the camera's namespace goes away and another system takes its MAC address: it asks for a lease
#      with another vendor class ("MSFT 5.0") and another parameter request list
# Captured on the LAN bridge. Needs root, iproute2, tcpdump, dnsmasq (dnsmasq-base), busybox, vsftpd, python3.
set -euo pipefail
OUT=${1:-$(cd "$(dirname "$0")/.." && pwd)/vigil-engine/src/test/resources/captures/vigil-netns-lan-changes.pcap}
. "$(dirname "$0")/netns-lab.sh"
lab_start vg-br2 vg-r2 vg-cam2 vg-lap vg-evil vg-ext vg-clone
lab_lan vg-r2 r2lan 02:00:5e:99:00:01 192.168.99.1/24
lab_lan vg-cam2 cam2 02:00:5e:99:00:10
lab_lan vg-lap lap0 02:00:5e:99:00:20
lab_lan vg-evil evil0 02:00:5e:99:00:66 192.168.99.66/24
lab_wan vg-r2 r2wan 203.0.113.1/24 vg-ext ext0 203.0.113.9/24
for n in 198.51.100 192.0.2; do ip -n vg-r2 addr add $n.1/24 dev r2wan; done
for a in 203.0.113.66 203.0.113.21 198.51.100.21 192.0.2.21; do ip -n vg-ext addr add $a/24 dev ext0; done
for i in $(seq 101 124); do ip -n vg-ext addr add 203.0.113.$i/24 dev ext0; done

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
cat > "$W/ext.py" <<'PY'
import socket, threading
def serve(addr, keep):
    s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(addr); s.listen(16)
    def one(c):
        while True:
            d = c.recv(4096)
            if not d: break
            c.sendall(b"ok" if keep else b"HTTP/1.0 200 OK\r\n\r\nfine")
            if not keep: break
        c.close()
    while True:
        c, _ = s.accept(); threading.Thread(target=one, args=(c,), daemon=True).start()
for a, keep in [(("0.0.0.0", 443), False), (("203.0.113.66", 4444), True)] + \
        [((h, 5555), False) for h in ("203.0.113.21", "198.51.100.21", "192.0.2.21")]:
    threading.Thread(target=serve, args=(a, keep), daemon=True).start()
threading.Event().wait()
PY
cat > "$W/camera.py" <<'PY'
import socket, subprocess, sys, threading, time
def lookup(name):
    subprocess.run(["busybox", "nslookup", name, "192.168.99.1"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
lookup("cloud.ipcam.example")
def hello(host, port, data=b"hb"):
    c = socket.create_connection((host, port)); c.sendall(data); c.recv(100); c.close()
def channel():
    c = socket.create_connection(("203.0.113.66", 4444))
    for i in range(4):
        c.sendall(b"ping"); c.recv(10); time.sleep(3)
    c.close()
t = threading.Thread(target=channel); t.start()
for i in range(16):
    hello("203.0.113.9", 443); time.sleep(0.5)
t.join()
for h in ("203.0.113.21", "198.51.100.21", "192.0.2.21"):
    for i in range(4):
        hello(h, 5555, b"CNXN\x00\x00\x00\x01host::\x00"); time.sleep(0.1)
import ftplib, io
f = ftplib.FTP("203.0.113.9", timeout=10); f.login()
f.retrbinary("RETR /firmware/ipcam_v2.2.bin", io.BytesIO().write); f.quit()
for i in range(1, 25):
    lookup(f"cdn{i}.example"); hello(f"203.0.113.{100 + i}", 443)
PY
mkdir -p "$W/ftp/firmware" "$W/empty"; chmod 555 "$W/ftp"
head -c 300000 /dev/urandom > "$W/ftp/firmware/ipcam_v2.2.bin"
cat > "$W/vsftpd.conf" <<CONF
listen=YES
listen_address=203.0.113.9
background=NO
anonymous_enable=YES
no_anon_password=YES
anon_root=$W/ftp
local_enable=NO
write_enable=NO
pasv_enable=YES
pasv_min_port=40000
pasv_max_port=40010
secure_chroot_dir=$W/empty
seccomp_sandbox=NO
CONF

tcpdump -i vg-br2 -U -w "$W/lan.pcap" 2>/dev/null &
TCPDUMP=$!
sleep 1
ip netns exec vg-ext python3 "$W/ext.py" &
ip netns exec vg-ext vsftpd "$W/vsftpd.conf" >/dev/null 2>&1 &
NAMES="--address=/cloud.ipcam.example/203.0.113.9"
for i in $(seq 1 24); do NAMES="$NAMES --address=/cdn$i.example/203.0.113.$((100 + i))"; done
ip netns exec vg-r2 dnsmasq --no-daemon --conf-file=/dev/null --no-resolv --no-hosts --interface=r2lan $NAMES \
  --bind-interfaces --no-ping --dhcp-range=192.168.99.100,192.168.99.149,255.255.255.0,1h --dhcp-option=3,192.168.99.1 \
  --dhcp-option=6,192.168.99.1 \
  --dhcp-leasefile="$W/r2.leases" --pid-file="$W/r2.pid" >/dev/null 2>&1 &
sleep 1
# 1-3: the camera (its own vendor class and the options busybox asks for by default)
ip netns exec vg-cam2 busybox udhcpc -f -q -n -t 5 -i cam2 -V "IPCAM-FW/2.1" -x hostname:ipcam-lobby -s "$W/udhcpc.sh" >/dev/null 2>&1
ip netns exec vg-cam2 python3 "$W/camera.py"
# 4: a second DHCP server on the intruder, handing out addresses of the same network
ip netns exec vg-evil dnsmasq --no-daemon --conf-file=/dev/null --no-resolv --no-hosts --port=0 --interface=evil0 \
  --bind-interfaces --no-ping --dhcp-range=192.168.99.200,192.168.99.249,255.255.255.0,1h --dhcp-option=3,192.168.99.66 \
  --dhcp-option=6,192.168.99.66 --dhcp-leasefile="$W/evil.leases" --pid-file="$W/evil.pid" >/dev/null 2>&1 &
sleep 1
for i in 1 2 3; do
  ip netns exec vg-lap busybox udhcpc -f -q -n -t 3 -i lap0 -V "laptop" -s "$W/udhcpc.sh" >/dev/null 2>&1 || true
  ip -n vg-lap addr flush dev lap0
  sleep 0.5
done
# 5: the camera disappears; another system comes up with its MAC and asks for a lease in its own words
ip netns del vg-cam2
lab_lan vg-clone clone0 02:00:5e:99:00:10
sleep 0.5
ip netns exec vg-clone busybox udhcpc -f -q -n -t 5 -i clone0 -V "MSFT 5.0" -o -O subnet -O router -O dns -O domain \
  -O 252 -O 44 -O 46 -O 47 -O 33 -O 121 -O 249 -O 43 -s "$W/udhcpc.sh" >/dev/null 2>&1 || true
sleep 1
kill $TCPDUMP; wait $TCPDUMP 2>/dev/null || true
cp "$W/lan.pcap" "$OUT"
echo "wrote $OUT ($(tcpdump -r "$OUT" 2>/dev/null | wc -l) packets)"
