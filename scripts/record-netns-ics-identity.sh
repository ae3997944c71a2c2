#!/usr/bin/env bash
# Records vigil-engine/src/test/resources/captures/vigil-netns-ics-identity.pcap: an engineering
# workstation and nmap's ICS scripts asking four industrial devices who they are, between network
# namespaces this script creates (and removes), documentation addresses only:
#
#   LAN bridge vgic-br: workstation 192.168.110.5 (ns vgic-ws), and four devices, each with its own
#   namespace and the identity a real one of its kind states (from the vendors' published data):
#     192.168.110.20 a Modbus/TCP PLC: pymodbus's server (Debian python3-pymodbus), Read Device
#                    Identification objects of a Schneider Electric Modicon M340 (BMX P34 2020, v2.7)
#     192.168.110.21 an EtherNet/IP controller: a responder to ListIdentity on UDP and TCP 44818
#                    (CIP Vol. 2 §2-4.3), vendor 1, device type 14, "1756-L61/B LOGIX5561", rev 20.11
#     192.168.110.22 an S7-300 CPU: a responder to COTP connect, S7 setup and "read SZL" 0x0011 and
#                    0x001C on tcp/102: 6ES7 315-2EH14-0AB0, firmware V3.2.6, CPU 315-2 PN/DP
#     192.168.110.23 a BACnet building controller: a responder to ReadProperty on udp/47808 and an
#                    I-Am broadcast (ASHRAE 135 clauses 15.5, 16.1): vendor 5, Johnson Controls,
#                    MS-NAE5510-2, firmware 9.0.0.2
#   1. nmap --script modbus-discover, enip-info (UDP and TCP), s7-info and bacnet-info, one device each
#   2. the workstation's pymodbus client reads the Modicon's regular identification objects
#      (ProductName, ModelName, UserApplicationName), as an inventory tool does
# The responders follow the specifications byte for byte; nmap's scripts (an independent parser)
# decode every answer, which the script checks, and so does tshark. Captured on the LAN bridge.
# Needs root, iproute2, tcpdump, nmap, python3-pymodbus, tshark.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${1:-$HERE/../vigil-engine/src/test/resources/captures/vigil-netns-ics-identity.pcap}
. "$HERE/netns-lab.sh"
lab_start vgic-br vgic-ws vgic-mb vgic-en vgic-s7 vgic-bn
lab_no_ipv6
lab_lan vgic-ws icws 02:00:5e:6e:00:05 192.168.110.5/24
lab_lan vgic-mb icmb 00:80:f4:6e:00:20 192.168.110.20/24
lab_lan vgic-en icen 00:00:bc:6e:00:21 192.168.110.21/24
lab_lan vgic-s7 ics7 00:1b:1b:6e:00:22 192.168.110.22/24
lab_lan vgic-bn icbn 00:10:8d:6e:00:23 192.168.110.23/24
cat > "$W/modbus.py" <<'PY'
from pymodbus.datastore import ModbusSequentialDataBlock, ModbusServerContext, ModbusSlaveContext
from pymodbus.device import ModbusDeviceIdentification
from pymodbus.server import StartTcpServer
store = ModbusSlaveContext(hr=ModbusSequentialDataBlock(0, [0] * 100))
identity = ModbusDeviceIdentification(info_name={
    "VendorName": "Schneider Electric", "ProductCode": "BMX P34 2020", "MajorMinorRevision": "v2.7",
    "VendorUrl": "www.se.com", "ProductName": "Modicon M340", "ModelName": "BMX P34 2020",
    "UserApplicationName": "PUMP_STATION_2"})
StartTcpServer(context=ModbusServerContext(slaves=store, single=True), identity=identity, address=("192.168.110.20", 502))
PY
cat > "$W/enip.py" <<'PY'
import socket, struct, threading
IP = "192.168.110.21"
def identity():
    name = b"1756-L61/B LOGIX5561"
    item = struct.pack("<H", 1) + struct.pack(">hH4s8x", 2, 44818, socket.inet_aton(IP))
    item += struct.pack("<HHHBBHI", 1, 14, 54, 20, 11, 0x0060, 0x00c0ffee) + bytes([len(name)]) + name + b"\x03"
    return struct.pack("<HHH", 1, 0x0C, len(item)) + item
def reply(req):
    cmd, _, session, _, context, _ = struct.unpack("<HHII8sI", req[:24])
    if cmd == 0x63:
        data = identity()
    elif cmd == 0x65:
        data, session = req[24:28], 0x11223344
    else:
        return None
    return struct.pack("<HHII8sI", cmd, len(data), session, 0, context, 0) + data
def udp():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("0.0.0.0", 44818))
    while True:
        d, a = s.recvfrom(2048)
        r = reply(d) if len(d) >= 24 else None
        if r: s.sendto(r, a)
def tcp():
    l = socket.socket(); l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); l.bind((IP, 44818)); l.listen(4)
    while True:
        c, _ = l.accept()
        try:
            while True:
                h = c.recv(24)
                if len(h) < 24: break
                n = struct.unpack("<H", h[2:4])[0]
                body = c.recv(n) if n else b""
                r = reply(h + body)
                if r: c.sendall(r)
        except OSError: pass
        c.close()
threading.Thread(target=udp, daemon=True).start()
tcp()
PY
cat > "$W/s7.py" <<'PY'
import socket, struct
def tpkt(payload): return struct.pack(">BBH", 3, 0, 4 + len(payload)) + payload
def dt(s7): return tpkt(b"\x02\xf0\x80" + s7)
def szl(ref, seq, szl_id, index, size, records):
    data = struct.pack(">BBHHHHH", 0xff, 0x09, 8 + size * len(records), szl_id, index, size, len(records)) + b"".join(records)
    params = bytes([0, 1, 0x12, 8, 0x12, 0x84, 0x01, seq, 0, 0, 0, 0])
    return dt(struct.pack(">BBHHHH", 0x32, 7, 0, ref, len(params), len(data)) + params + data)
def module(index, order, typ, v1, v2): return struct.pack(">H20sHHH", index, order.ljust(20).encode(), typ, v1, v2)
def component(index, text): return struct.pack(">H32s", index, text.encode())
MODULES = [module(1, "6ES7 315-2EH14-0AB0", 0, 0x0001, 0x0001), module(6, "6ES7 315-2EH14-0AB0", 0, 0x0001, 0x0001),
           module(7, "", 0, 0x5600 | 3, 0x0206)]
COMPONENTS = [component(1, "SIMATIC 300(1)"), component(2, "CPU 315-2 PN/DP"), component(3, "PUMP STATION 2"),
              component(4, "Original Siemens Equipment"), component(5, "S C-X4U421302009"), component(7, "CPU 315-2 PN/DP")]
l = socket.socket(); l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); l.bind(("192.168.110.22", 102)); l.listen(4)
while True:
    c, _ = l.accept()
    try:
        while True:
            h = c.recv(4)
            if len(h) < 4: break
            p = c.recv(struct.unpack(">H", h[2:4])[0] - 4)
            if p[1] == 0xe0:  # COTP connection request: confirm with the same parameters
                c.sendall(tpkt(bytes([p[0], 0xd0]) + p[4:6] + b"\x00\x01" + p[6:]))
            elif p[1] == 0xf0 and p[3] == 0x32:
                s7 = p[3:]
                ref = struct.unpack(">H", s7[4:6])[0]
                if s7[1] == 1 and s7[10] == 0xf0:  # setup communication
                    params = b"\xf0\x00\x00\x01\x00\x01\x00\xf0"
                    c.sendall(dt(struct.pack(">BBHHHHBB", 0x32, 3, 0, ref, len(params), 0, 0, 0) + params))
                elif s7[1] == 7:
                    seq = s7[17]
                    szl_id, index = struct.unpack(">HH", s7[22:26])
                    if szl_id & 0xff == 0x11:
                        c.sendall(szl(ref, seq, szl_id, index, 28, MODULES))
                    elif szl_id & 0xff == 0x1c:
                        c.sendall(szl(ref, seq, szl_id, index, 34, COMPONENTS))
    except (OSError, IndexError): pass
    c.close()
PY
cat > "$W/bacnet.py" <<'PY'
import socket, struct
DEVICE = struct.pack(">I", 8 << 22 | 1234)
def chars(s):
    b = b"\x00" + s.encode()
    return (bytes([0x70 | len(b)]) if len(b) <= 4 else bytes([0x75, len(b)])) + b
PROPS = {121: chars("Johnson Controls, Inc."), 70: chars("MS-NAE5510-2"), 44: chars("9.0.0.2"), 12: chars("9.0"),
         77: chars("NAE-01"), 28: chars("Network Automation Engine"), 58: chars("Plant room 2"),
         120: b"\x21\x05", 75: b"\xc4" + DEVICE}
def bvlc(fn, npdu_apdu): return struct.pack(">BBH", 0x81, fn, 4 + len(npdu_apdu)) + npdu_apdu
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
s.bind(("0.0.0.0", 47808))
i_am = bvlc(0x0b, b"\x01\x00\x10\x00\xc4" + DEVICE + b"\x22\x05\xc4\x91\x03\x21\x05")
s.sendto(i_am, ("192.168.110.255", 47808))
while True:
    d, a = s.recvfrom(1500)
    if len(d) < 17 or d[0] != 0x81 or d[6] >> 4 != 0: continue
    apdu = d[6:]
    if apdu[3] != 0x0c: continue
    invoke, prop = apdu[2], apdu[10]
    if prop in PROPS:
        s.sendto(bvlc(0x0a, b"\x01\x00" + bytes([0x30, invoke, 0x0c, 0x0c]) + DEVICE + bytes([0x19, prop, 0x3e]) + PROPS[prop] + b"\x3f"), a)
    else:
        s.sendto(bvlc(0x0a, b"\x01\x00" + bytes([0x50, invoke, 0x0c, 0x91, 0x02, 0x91, 0x20])), a)
PY
cat > "$W/inventory.py" <<'PY'
from pymodbus.client import ModbusTcpClient
from pymodbus.mei_message import ReadDeviceInformationRequest
c = ModbusTcpClient("192.168.110.20", port=502); c.connect()
r = c.execute(ReadDeviceInformationRequest(read_code=2, unit=1))
print({k: v for k, v in r.information.items()})
c.close()
PY
tcpdump -i vgic-br -U -w "$W/lan.pcap" 2>/dev/null &
TCPDUMP=$!
sleep 1
ip netns exec vgic-mb /usr/bin/python3 "$W/modbus.py" >/dev/null 2>&1 &
ip netns exec vgic-en /usr/bin/python3 "$W/enip.py" &
ip netns exec vgic-s7 /usr/bin/python3 "$W/s7.py" &
sleep 2
ip netns exec vgic-bn /usr/bin/python3 "$W/bacnet.py" &
sleep 2
ws() { ip netns exec vgic-ws "$@"; }
ws nmap -Pn -n -sT -p 502 --script modbus-discover 192.168.110.20 | tee "$W/nmap.txt"
ws nmap -Pn -n -sU -sT -p U:44818,T:44818 --script enip-info 192.168.110.21 | tee -a "$W/nmap.txt"
ws nmap -Pn -n -sT -p 102 --script s7-info 192.168.110.22 | tee -a "$W/nmap.txt"
ws nmap -Pn -n -sU -p 47808 --script bacnet-info 192.168.110.23 | tee -a "$W/nmap.txt"
ws /usr/bin/python3 "$W/inventory.py"
sleep 1
kill $TCPDUMP; wait $TCPDUMP 2>/dev/null || true
for want in "Schneider Electric BMX P34 2020 v2.7" "1756-L61/B LOGIX5561" "6ES7 315-2EH14-0AB0" "Version: 3.2.6" \
    "CPU 315-2 PN/DP" "MS-NAE5510-2" "9.0.0.2"; do
  grep -qiF "$want" "$W/nmap.txt" || { echo "nmap did not decode: $want" >&2; exit 1; }
done
cp "$W/lan.pcap" "$OUT"
echo "wrote $OUT ($(tcpdump -r "$OUT" 2>/dev/null | wc -l) packets)"
