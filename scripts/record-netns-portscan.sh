#!/usr/bin/env bash
# Records vigil-engine/src/test/resources/captures/vigil-netns-portscan.pcap: one nmap connect scan of
# a host outside the network, between network namespaces this script creates (and removes),
# documentation addresses only:
#
#   LAN bridge vg-br7: router 192.168.47.1 (ns vg-r7), workstation 192.168.47.30 (ns vg-ws,
#                      MAC 02:00:5e:47:00:30); the router forwards to "outside" (ns vg-ext7: 203.0.113.47)
#   the outside host answers on tcp/80, 443 and 8000-8019 and drops everything else (a firewall that
#   filters); on the way, the path loses most new connections to the open ports (a rate-limiting
#   firewall), so nmap sees them answered only when retried and retries every filtered port the more
#   1. the workstation looks the host's name up (dnsmasq on the router answers)
#   2. it runs `nmap -sT -Pn -n --max-retries 10` on 40 ports of 203.0.113.47: nmap retries a filtered
#      port as often as the open ports needed retries to answer (each retry a new connection, seconds
#      apart). The losses are random, so runs differ; the committed capture is one in which each of
#      the 18 filtered ports got 10 attempts
# Captured on the LAN bridge. Needs root, iproute2, nftables, tcpdump, nmap, dnsmasq, python3.
set -euo pipefail
OUT=${1:-$(cd "$(dirname "$0")/.." && pwd)/vigil-engine/src/test/resources/captures/vigil-netns-portscan.pcap}
. "$(dirname "$0")/netns-lab.sh"
lab_start vg-br7 vg-r7 vg-ws vg-ext7
sysctl -qw net.ipv6.conf.vg-br7.disable_ipv6=1
lab_lan vg-r7 r7lan 02:00:5e:47:00:01 192.168.47.1/24
lab_lan vg-ws ws0 02:00:5e:47:00:30 192.168.47.30/24
ip -n vg-ws route add default via 192.168.47.1
lab_wan vg-r7 r7wan 203.0.113.1/24 vg-ext7 ext7 203.0.113.47/24
ip netns exec vg-ext7 nft -f - <<'NFT'
table inet filter {
  chain input {
    type filter hook input priority 0; policy accept;
    tcp dport { 80, 443, 8000-8019 } tcp flags syn numgen random mod 10 < 8 drop
    tcp dport { 80, 443, 8000-8019 } accept
    tcp flags syn drop
  }
}
NFT
cat > "$W/ext.py" <<'PY'
import socket, threading
def serve(port):
    s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(("203.0.113.47", port)); s.listen(16)
    while True:
        c, _ = s.accept(); c.close()
for p in [80, 443] + list(range(8000, 8020)):
    threading.Thread(target=serve, args=(p,), daemon=True).start()
threading.Event().wait()
PY
tcpdump -i vg-br7 -U -w "$W/lan.pcap" 2>/dev/null &
TCPDUMP=$!
sleep 1
ip netns exec vg-ext7 python3 "$W/ext.py" &
ip netns exec vg-r7 dnsmasq --no-daemon --conf-file=/dev/null --no-resolv --no-hosts --interface=r7lan --bind-interfaces \
  --address=/scanme.example/203.0.113.47 --pid-file="$W/r7.pid" >/dev/null 2>&1 &
sleep 1
ip netns exec vg-ws busybox nslookup scanme.example 192.168.47.1 >/dev/null 2>&1 || true
ip netns exec vg-ws nmap -sT -Pn -n --max-retries 10 \
  -p 21-23,25,53,110,135,139,143,445,993,995,1433,3306,3389,5900,8080,8443,80,443,8000-8019 203.0.113.47 >/dev/null
sleep 1
kill $TCPDUMP; wait $TCPDUMP 2>/dev/null || true
cp "$W/lan.pcap" "$OUT"
echo "wrote $OUT ($(tcpdump -r "$OUT" 2>/dev/null | wc -l) packets)"
