#!/usr/bin/env bash
# Records vigil-engine/src/test/resources/captures/vigil-netns-snmp-entity.pcap: a network
# management station inventorying a switch over SNMP, as LibreNMS, Observium or Cisco Prime do
# (system group, then the ENTITY-MIB's physical table), between network namespaces this script
# creates (and removes), documentation addresses only:
#
#   LAN bridge vgse-br: 192.168.122.5 the NMS (ns vgse-nms, a randomised MAC; net-snmp's snmpget and
#                       snmpwalk), 192.168.122.2 a Catalyst 3560 switch (ns vgse-sw, a Cisco MAC block
#                       00:1b:54; net-snmp's snmpd configured with the system group and entPhysical
#                       entries such a switch reports: the chassis WS-C3560-24PS-S running IOS
#                       12.2(55)SE7 at index 1, a transceiver GLC-T at index 1001)
#   1. snmpget of sysDescr, sysObjectID and sysName (SNMPv2c)
#   2. snmpwalk (GetNext, SNMPv2c) of entPhysicalTable
# The switch's answers name it; the NMS is named by nothing it asked; the transceiver's model is
# not the switch's. net-snmp serves the ENTITY-MIB values as configured (it does not implement the
# table itself). Captured on the LAN bridge. Needs root, iproute2, tcpdump, snmpd, snmp, tshark.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${1:-$HERE/../vigil-engine/src/test/resources/captures/vigil-netns-snmp-entity.pcap}
. "$HERE/netns-lab.sh"
lab_start vgse-br vgse-nms vgse-sw
lab_no_ipv6
lab_lan vgse-nms senms 02:00:5e:7a:00:05 192.168.122.5/24
lab_lan vgse-sw sesw 00:1b:54:7a:00:02 192.168.122.2/24

E=.1.3.6.1.2.1.47.1.1.1.1
cat > "$W/snmpd.conf" <<CONF
agentAddress udp:192.168.122.2:161
rocommunity public 192.168.122.0/24
sysDescr Cisco IOS Software, C3560 Software (C3560-IPBASEK9-M), Version 12.2(55)SE7, RELEASE SOFTWARE (fc1)
sysName sw-floor2
sysObjectID .1.3.6.1.4.1.9.1.563
sysLocation floor 2 wiring closet
override $E.2.1 octet_str "Cisco Catalyst 3560 24 10/100 PoE + 2 1000BaseX SFP"
override $E.5.1 integer 3
override $E.9.1 octet_str "12.2(44r)SE3"
override $E.10.1 octet_str "12.2(55)SE7"
override $E.12.1 octet_str "Cisco Systems, Inc."
override $E.13.1 octet_str "WS-C3560-24PS-S"
override $E.2.1001 octet_str "1000BaseT SFP"
override $E.5.1001 integer 10
override $E.12.1001 octet_str "CISCO-METHODE"
override $E.13.1001 octet_str "GLC-T"
CONF
tcpdump -i vgse-br -U -w "$W/lan.pcap" udp port 161 2>/dev/null &
TCPDUMP=$!
sleep 1
ip netns exec vgse-sw /usr/sbin/snmpd -f -Lo -C -c "$W/snmpd.conf" -p "$W/snmpd.pid" >"$W/snmpd.log" 2>&1 &
sleep 2
ip netns exec vgse-nms snmpget -v2c -c public -On 192.168.122.2 .1.3.6.1.2.1.1.1.0 .1.3.6.1.2.1.1.2.0 \
  .1.3.6.1.2.1.1.5.0 > "$W/get.txt"
ip netns exec vgse-nms snmpwalk -v2c -c public -On 192.168.122.2 $E > "$W/walk.txt"
sleep 1
kill $TCPDUMP; wait $TCPDUMP 2>/dev/null || true
cat "$W/get.txt" "$W/walk.txt"
grep -qF 'C3560 Software' "$W/get.txt" || { echo "the switch did not answer its system group" >&2; exit 1; }
grep -qF "$E.13.1 = STRING: \"WS-C3560-24PS-S\"" "$W/walk.txt" || { echo "the walk did not return the chassis model" >&2; exit 1; }
[ "$(tshark -r "$W/lan.pcap" -Y 'snmp.get_response_element && ip.src == 192.168.122.2' 2>/dev/null | wc -l)" -ge 3 ] \
  || { echo "tshark did not see the switch's answers" >&2; exit 1; }
cp "$W/lan.pcap" "$OUT"
echo "wrote $OUT ($(tcpdump -r "$OUT" 2>/dev/null | wc -l) packets)"
