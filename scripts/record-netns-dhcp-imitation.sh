#!/usr/bin/env bash
# Records vigil-engine/src/test/resources/captures/vigil-netns-dhcp-imitation.pcap: an embedded
# Linux device whose DHCP client says it is Windows, between network namespaces this script creates
# (and removes), documentation addresses only:
#
#   LAN bridge vg-br11: DHCP server 192.168.61.1 (ns vg-dr, dnsmasq, MAC 02:00:5e:61:00:01) and the
#                       device (ns vg-dc, MAC 02:00:5e:61:00:40)
#   the device runs busybox udhcpc with vendor class "MSFT 5.0" (option 60), as camera and DVR
#   firmware does to get the treatment a Windows client gets; its parameter request list (option 55)
#   is busybox's own
# Captured on the LAN bridge. Needs root, iproute2, tcpdump, busybox, dnsmasq.
set -euo pipefail
OUT=${1:-$(cd "$(dirname "$0")/.." && pwd)/vigil-engine/src/test/resources/captures/vigil-netns-dhcp-imitation.pcap}
. "$(dirname "$0")/netns-lab.sh"
lab_start vg-br11 vg-dr vg-dc
lab_no_ipv6
lab_lan vg-dr dr0 02:00:5e:61:00:01 192.168.61.1/24
lab_lan vg-dc dc0 02:00:5e:61:00:40
tcpdump -i vg-br11 -U -w "$W/lan.pcap" 2>/dev/null &
TCPDUMP=$!
ip netns exec vg-dr dnsmasq --no-daemon --conf-file=/dev/null --no-resolv --no-hosts --interface=dr0 --bind-interfaces \
  --dhcp-range=192.168.61.100,192.168.61.150,1h --dhcp-leasefile="$W/leases" --pid-file="$W/dr.pid" >/dev/null 2>&1 &
sleep 1
printf '#!/bin/sh\n[ "$1" = bound ] && ip addr add "$ip/${mask:-24}" dev "$interface"\nexit 0\n' > "$W/script"
chmod +x "$W/script"
ip netns exec vg-dc busybox udhcpc -i dc0 -V "MSFT 5.0" -x hostname:device-61a4 -s "$W/script" -n -q -t 5 >/dev/null
sleep 1
kill $TCPDUMP; wait $TCPDUMP 2>/dev/null || true
cp "$W/lan.pcap" "$OUT"
echo "wrote $OUT ($(tcpdump -r "$OUT" 2>/dev/null | wc -l) packets)"
