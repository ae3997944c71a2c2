#!/usr/bin/env bash
# Records vigil-engine/src/test/resources/captures/vigil-netns-portforward.pcap: real traffic between
# network namespaces this script creates (and removes), nothing else on the machine touched.
#
#   203.0.113.50 (ns vg-inet) -- 203.0.113.1 [router ns vg-rtr] 192.168.77.1 -- LAN bridge vg-br0
#                                                                 |-- 192.168.77.10 camera 1 (ns vg-cam1)
#                                                                 |-- 192.168.77.11 camera 2 (ns vg-cam2)
# Both cameras serve HTTPS with the same self-signed certificate and key (as firmware images do);
# camera 1 also serves its web page on port 80. A client on the "Internet" side reaches both through
# the router (a port forward without NAT), and camera 2 fetches camera 1's page on the LAN. TLS 1.2 (as
# much embedded firmware still serves), so the certificates are visible.
# The capture is taken on the LAN bridge. Needs root, iproute2, tcpdump, openssl, curl, python3.
set -euo pipefail
OUT=${1:-$(cd "$(dirname "$0")/.." && pwd)/vigil-engine/src/test/resources/captures/vigil-netns-portforward.pcap}
. "$(dirname "$0")/netns-lab.sh"
lab_start vg-br0 vg-inet vg-rtr vg-cam1 vg-cam2
lab_lan vg-rtr rtr-lan 02:00:5e:77:00:01 192.168.77.1/24
lab_lan vg-cam1 cam1 02:00:5e:77:00:10 192.168.77.10/24
lab_lan vg-cam2 cam2 02:00:5e:77:00:11 192.168.77.11/24
lab_wan vg-rtr rtr-wan 203.0.113.1/24 vg-inet inet0 203.0.113.50/24
for n in vg-cam1 vg-cam2; do ip -n $n route add default via 192.168.77.1; done
openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=IPCAM/O=Generic Camera Firmware" \
  -keyout "$W/key.pem" -out "$W/cert.pem" 2>/dev/null
mkdir -p "$W/www"; printf '<html><head><title>Network Camera</title></head><body>live view</body></html>\n' > "$W/www/index.html"
tcpdump -i vg-br0 -U -w "$W/lan.pcap" 2>/dev/null &
TCPDUMP=$!
sleep 1
ip netns exec vg-cam1 python3 -m http.server 80 --bind 192.168.77.10 --directory "$W/www" >/dev/null 2>&1 &
for n in vg-cam1 vg-cam2; do
  ip netns exec $n openssl s_server -quiet -no_tls1_3 -accept 443 -cert "$W/cert.pem" -key "$W/key.pem" -www >/dev/null 2>&1 &
done
sleep 1
ip netns exec vg-inet curl -s -o /dev/null http://192.168.77.10/
ip netns exec vg-inet curl -s -o /dev/null -k https://192.168.77.10/
ip netns exec vg-inet curl -s -o /dev/null -k https://192.168.77.11/
ip netns exec vg-cam2 curl -s -o /dev/null http://192.168.77.10/
sleep 1
kill $TCPDUMP; wait $TCPDUMP 2>/dev/null || true
cp "$W/lan.pcap" "$OUT"
echo "wrote $OUT ($(tcpdump -r "$OUT" 2>/dev/null | wc -l) packets)"
