#!/usr/bin/env bash
# Records vigil-engine/src/test/resources/captures/vigil-netns-public-lan.pcap: a LAN on public
# addresses (documentation blocks only), between network namespaces this script creates (and
# removes), with no private address and no ARP on the wire:
#
#   LAN bridge vg-br10: hosts 198.51.100.10 (ns vg-pa, MAC 02:00:5e:51:00:10) and 198.51.100.20
#                       (ns vg-pb, MAC 02:00:5e:51:00:20), router 198.51.100.1 (ns vg-pr,
#                       MAC 02:00:5e:51:00:01) that forwards to "outside" (ns vg-pc: 203.0.113.5)
#   neighbours are static (ip neigh ... nud permanent) and IPv6 is off, as on a link whose ARP
#   caches were warm before the capture started: nothing binds an address to a MAC
#   1. vg-pa fetches a page from vg-pb's web server three times and pings it
#   2. vg-pa fetches a page from the outside host through the router, and pings the router
# Captured on the LAN bridge. Needs root, iproute2, tcpdump, busybox, python3.
set -euo pipefail
OUT=${1:-$(cd "$(dirname "$0")/.." && pwd)/vigil-engine/src/test/resources/captures/vigil-netns-public-lan.pcap}
. "$(dirname "$0")/netns-lab.sh"
lab_start vg-br10 vg-pa vg-pb vg-pr vg-pc
lab_no_ipv6
lab_lan vg-pr prlan 02:00:5e:51:00:01 198.51.100.1/24
lab_lan vg-pa pa0 02:00:5e:51:00:10 198.51.100.10/24
lab_lan vg-pb pb0 02:00:5e:51:00:20 198.51.100.20/24
lab_wan vg-pr prwan 203.0.113.1/24 vg-pc pc0 203.0.113.5/24
ip -n vg-pa route add default via 198.51.100.1
ip -n vg-pb route add default via 198.51.100.1
for l in "vg-pa pa0 198.51.100.20 02:00:5e:51:00:20" "vg-pa pa0 198.51.100.1 02:00:5e:51:00:01" \
         "vg-pb pb0 198.51.100.10 02:00:5e:51:00:10" "vg-pb pb0 198.51.100.1 02:00:5e:51:00:01" \
         "vg-pr prlan 198.51.100.10 02:00:5e:51:00:10" "vg-pr prlan 198.51.100.20 02:00:5e:51:00:20"; do
  set -- $l
  ip -n "$1" neigh replace "$3" lladdr "$4" dev "$2" nud permanent
done
mkdir -p "$W/www"
echo '<html><title>lab</title></html>' > "$W/www/index.html"
ip netns exec vg-pb busybox httpd -f -p 198.51.100.20:80 -h "$W/www" &
ip netns exec vg-pc busybox httpd -f -p 203.0.113.5:80 -h "$W/www" &
sleep 1
tcpdump -i vg-br10 -U -w "$W/lan.pcap" 2>/dev/null &
TCPDUMP=$!
sleep 1
for i in 1 2 3; do ip netns exec vg-pa busybox wget -q -O /dev/null http://198.51.100.20/; sleep 0.3; done
ip netns exec vg-pa busybox ping -c 2 198.51.100.20 >/dev/null
ip netns exec vg-pa busybox wget -q -O /dev/null http://203.0.113.5/
ip netns exec vg-pa busybox ping -c 2 198.51.100.1 >/dev/null
sleep 1
kill $TCPDUMP; wait $TCPDUMP 2>/dev/null || true
cp "$W/lan.pcap" "$OUT"
echo "wrote $OUT ($(tcpdump -r "$OUT" 2>/dev/null | wc -l) packets)"
