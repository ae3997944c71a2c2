#!/usr/bin/env bash
# Records vigil-engine/src/test/resources/captures/vigil-netns-profinet-dcp.pcap: PROFINET DCP
# (IEC 61158-6-10) on one segment, as an engineering tool (TIA Portal's "accessible devices",
# PRONETA) finds the devices, between network namespaces this script creates (and removes):
#
#   LAN bridge vgpn-br: engineering PC (ns vgpn-eng), and three PROFINET devices, each a responder
#   on a raw socket that follows the specification byte for byte and states what a real one of its
#   kind states in its DCP blocks (name of station, DeviceVendorValue, vendor and device id, device
#   role, IP parameters, device instance):
#     00:1b:1b:6f:00:10  an S7-1500 CPU, "plc_1", IO controller, 192.168.111.10
#     00:1b:1b:6f:00:02  a SCALANCE XC-200 switch, "switch-1", IO device, 192.168.111.2
#     00:0e:8c:6f:00:30  an ET 200SP interface module, "et200sp-1", IO device, no address yet; it
#                        announces itself with a DCP Hello when it starts
#   1. the engineering PC multicasts Identify All (frame id 0xFEFE to 01:0e:cf:00:00:00) twice
#   2. each device answers unicast with an Identify response (0xFEFF) after its response delay
#   3. the engineering PC reads the switch's name with a DCP Get (0xFEFD); the switch answers
# Layer 2 only: no IP traffic. tshark decodes every frame as PN-DCP without a malformed one (the
# script checks). Captured on the LAN bridge. Needs root, iproute2, tcpdump, python3, tshark.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${1:-$HERE/../vigil-engine/src/test/resources/captures/vigil-netns-profinet-dcp.pcap}
. "$HERE/netns-lab.sh"
lab_start vgpn-br vgpn-eng vgpn-plc vgpn-sw vgpn-io
lab_no_ipv6
lab_lan vgpn-eng pneng 02:00:5e:6f:00:05
lab_lan vgpn-plc pnplc 00:1b:1b:6f:00:10
lab_lan vgpn-sw pnsw 00:1b:1b:6f:00:02
lab_lan vgpn-io pnio 00:0e:8c:6f:00:30
cat > "$W/dcp.py" <<'PY'
# DCP frames by IEC 61158-6-10 §4.3: the DCP header, then blocks of option, suboption, length, block
# info (in answers) and data, each padded to an even length
import socket, struct, time
def block(option, sub, data, info=0):
    b = struct.pack(">BBHH", option, sub, len(data) + 2, info) + data
    return b + (b"\x00" if len(b) % 2 else b"")
def frame(dst, src, frame_id, service, kind, xid, payload, delay=0):
    return (bytes.fromhex(dst.replace(":", "")) + bytes.fromhex(src.replace(":", "")) + b"\x88\x92"
            + struct.pack(">HBBIHH", frame_id, service, kind, xid, delay, len(payload)) + payload).ljust(60, b"\x00")
def link(iface):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x8892)); s.bind((iface, 0x8892))
    return s, open("/sys/class/net/%s/address" % iface).read().strip()
PY
cat > "$W/device.py" <<'PY'
import socket, struct, sys, time
sys.path.insert(0, sys.argv[9]); from dcp import block, frame, link
iface, name, family, device_id, role, ip, hello, seconds = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4], 16), \
    int(sys.argv[5]), sys.argv[6], sys.argv[7] == "hello", float(sys.argv[8])
s, mac = link(iface)
addressed = ip != "0.0.0.0"
blocks = (block(2, 2, name.encode()) + block(2, 1, family.encode()) + block(2, 3, struct.pack(">HH", 0x002a, device_id))
          + block(2, 4, bytes([role, 0])) + block(1, 2, socket.inet_aton(ip) + socket.inet_aton("255.255.255.0" if addressed else "0.0.0.0")
          + socket.inet_aton("0.0.0.0"), info=1 if addressed else 0) + block(2, 7, struct.pack(">BB", 0, 1)))
if hello:
    s.send(frame("01:0e:cf:00:00:01", mac, 0xfefc, 6, 0, 1, blocks))
s.settimeout(0.5)
end = time.time() + seconds
while time.time() < end:
    try:
        d = s.recv(1514)
    except socket.timeout:
        continue
    if d[6:12].hex(":") == mac or len(d) < 26:
        continue
    frame_id, service, kind, xid = struct.unpack(">HBBI", d[14:22])
    if frame_id == 0xfefe and service == 5 and kind == 0:
        s.send(frame(d[6:12].hex(":"), mac, 0xfeff, 5, 1, xid, blocks))
    elif frame_id == 0xfefd and service == 3 and kind == 0:
        s.send(frame(d[6:12].hex(":"), mac, 0xfefd, 3, 1, xid, block(2, 2, name.encode())))
PY
cat > "$W/engineering.py" <<'PY'
import struct, sys, time
sys.path.insert(0, sys.argv[2]); from dcp import frame, link
s, mac = link(sys.argv[1])
for xid in (0x1001, 0x1002):
    # Identify All: option 0xFF, suboption 0xFF, no data; a response delay factor of 1
    s.send(frame("01:0e:cf:00:00:00", mac, 0xfefe, 5, 0, xid, struct.pack(">BBH", 0xff, 0xff, 0), delay=1))
    time.sleep(1)
# Get the switch's name of station: the option and suboption asked for
s.send(frame("00:1b:1b:6f:00:02", mac, 0xfefd, 3, 0, 0x1003, struct.pack(">BB", 2, 2)))
time.sleep(1)
PY
tcpdump -i vgpn-br -U -w "$W/lan.pcap" 2>/dev/null &
TCPDUMP=$!
sleep 1
ip netns exec vgpn-plc /usr/bin/python3 "$W/device.py" pnplc plc_1 S7-1500 0x010e 2 192.168.111.10 quiet 8 "$W" &
ip netns exec vgpn-sw /usr/bin/python3 "$W/device.py" pnsw switch-1 "SCALANCE XC-200" 0x0a01 1 192.168.111.2 quiet 8 "$W" &
sleep 2
ip netns exec vgpn-io /usr/bin/python3 "$W/device.py" pnio et200sp-1 ET200SP 0x0313 1 0.0.0.0 hello 6 "$W" &
sleep 2
ip netns exec vgpn-eng /usr/bin/python3 "$W/engineering.py" pneng "$W"
sleep 5
kill $TCPDUMP; wait $TCPDUMP 2>/dev/null || true
if tshark -r "$W/lan.pcap" -Y "_ws.malformed || _ws.expert.severity == error" 2>/dev/null | grep -q .; then
  tshark -r "$W/lan.pcap" -Y "_ws.malformed || _ws.expert.severity == error" -V 2>/dev/null | tail -40 >&2
  echo "tshark found malformed DCP frames" >&2; exit 1
fi
tshark -r "$W/lan.pcap" -Y pn_dcp 2>/dev/null
cp "$W/lan.pcap" "$OUT"
echo "wrote $OUT ($(tcpdump -r "$OUT" 2>/dev/null | wc -l) packets)"
