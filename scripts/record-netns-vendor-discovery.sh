#!/usr/bin/env bash
# Records vigil-engine/src/test/resources/captures/vigil-netns-vendor-discovery.pcap: a network
# controller and a phone app asking devices who they are in their makers' own discovery protocols,
# between network namespaces this script creates (and removes), documentation addresses only:
#
#   LAN bridge vgvd-br: controller/phone 192.168.120.5 (ns vgvd-app, a randomised MAC), and
#     192.168.120.20 a UniFi access point (ns vgvd-ap, Ubiquiti MAC block 24:5a:4c): answers the
#                    Ubiquiti Discovery request on udp/10001 (version 1) with its firmware name
#                    "BZ.qca956x.v4.3.28.11361.201021.1405", host name, product code U7LT, model
#                    UAP-AC-Lite and version
#     192.168.120.21 a UniFi switch (ns vgvd-sw, 24:5a:4c): announces itself by broadcast (version
#                    2, command 6): firmware "US.bcm5334x.v4.4.44.12345.210223.1530", model US8P60
#     192.168.120.30 a Kasa plug (ns vgvd-plug, TP-Link block 50:c7:bf): answers get_sysinfo on udp
#                    and tcp/9999 as an HS110(EU), hardware 1.0, firmware 1.2.5
#     192.168.120.31 a Kasa bulb (ns vgvd-bulb, TP-Link block 1c:3b:f3): answers on udp/9999 as a
#                    KL130(EU), mic_type IOT.SMARTBULB, firmware 1.8.8
#   1. nmap --script ubiquiti-discovery asks the access point (nmap's parser decodes the answer,
#      which the script checks)
#   2. the app broadcasts {"system":{"get_sysinfo":{}}} on udp/9999 as the Kasa app does, then asks
#      the plug over TCP (4-byte length, then the message), every message XOR-autokeyed from 171
# The responders follow the protocols as nmap's ubiquiti-discovery script, Wireshark's UBDP and
# TP-Link dissectors and softScheck's HS110 write-up describe them; the field values are those
# the products publish. tshark decodes every Kasa message, which the script checks too.
# Captured on the LAN bridge. Needs root, iproute2, tcpdump, nmap, tshark, python3.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${1:-$HERE/../vigil-engine/src/test/resources/captures/vigil-netns-vendor-discovery.pcap}
. "$HERE/netns-lab.sh"
lab_start vgvd-br vgvd-app vgvd-ap vgvd-sw vgvd-plug vgvd-bulb
lab_no_ipv6
lab_lan vgvd-app vdapp 02:00:5e:78:00:05 192.168.120.5/24
lab_lan vgvd-ap vdap 24:5a:4c:78:00:20 192.168.120.20/24
lab_lan vgvd-sw vdsw 24:5a:4c:78:00:21 192.168.120.21/24
lab_lan vgvd-plug vdplug 50:c7:bf:78:00:30 192.168.120.30/24
lab_lan vgvd-bulb vdbulb 1c:3b:f3:78:00:31 192.168.120.31/24
# broadcasts leave by the LAN link (the namespaces have no default route)
for l in app:vdapp ap:vdap sw:vdsw plug:vdplug bulb:vdbulb; do ip -n vgvd-${l%%:*} route add 255.255.255.255/32 dev ${l#*:}; done

cat > "$W/ubnt.py" <<'PY'
import socket, struct, sys, time
role = sys.argv[1]
def tlv(t, v):
    return struct.pack("!BH", t, len(v)) + v
def body(mac, ip, fields):
    m = bytes.fromhex(mac.replace(":", ""))
    out = tlv(0x01, m) + tlv(0x02, m + socket.inet_aton(ip)) + tlv(0x0a, struct.pack("!I", 86518))
    for t, v in fields:
        out += tlv(t, v.encode())
    return out
if role == "ap":
    b = body("24:5a:4c:78:00:20", "192.168.120.20", [(0x03, "BZ.qca956x.v4.3.28.11361.201021.1405"),
        (0x0b, "uap-lobby"), (0x0c, "U7LT"), (0x14, "UAP-AC-Lite"), (0x16, "4.3.28.11361")])
    reply = struct.pack("!BBH", 1, 0, len(b)) + b
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("0.0.0.0", 10001))
    while True:
        d, peer = s.recvfrom(1500)
        if d[:2] == b"\x01\x00" or d[:2] == b"\x02\x08":
            s.sendto(reply, peer)
else:
    b = body("24:5a:4c:78:00:21", "192.168.120.21", [(0x03, "US.bcm5334x.v4.4.44.12345.210223.1530"),
        (0x0b, "usw-office"), (0x15, "US8P60"), (0x16, "4.4.44.12345")])
    announce = struct.pack("!BBH", 2, 6, len(b)) + b
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
    s.bind(("192.168.120.21", 0))
    for _ in range(3):
        s.sendto(announce, ("255.255.255.255", 10001))
        time.sleep(1)
PY
cat > "$W/kasa.py" <<'PY'
import json, socket, struct, sys, threading
def enc(text):
    key, out = 171, bytearray()
    for c in text.encode():
        key ^= c
        out.append(key)
    return bytes(out)
def dec(data):
    key, out = 171, bytearray()
    for c in data:
        out.append(key ^ c)
        key = c
    return out.decode()
SYSINFO = {
    "plug": {"sw_ver": "1.2.5 Build 171213 Rel.101523", "hw_ver": "1.0", "type": "IOT.SMARTPLUGSWITCH",
             "model": "HS110(EU)", "mac": "50:C7:BF:78:00:30", "dev_name": "Wi-Fi Smart Plug With Energy Monitoring",
             "alias": "Desk lamp", "relay_state": 1, "on_time": 6023, "active_mode": "schedule", "feature": "TIM:ENE",
             "updating": 0, "rssi": -51, "led_off": 0, "latitude": 0, "longitude": 0, "err_code": 0},
    "bulb": {"sw_ver": "1.8.8 Build 190613 Rel.123436", "hw_ver": "1.0", "model": "KL130(EU)",
             "description": "Smart Wi-Fi LED Bulb with Color Changing", "alias": "Hall", "mic_type": "IOT.SMARTBULB",
             "dev_state": "normal", "mic_mac": "1C3BF3780031", "is_dimmable": 1, "is_color": 1,
             "is_variable_color_temp": 1, "light_state": {"on_off": 1, "mode": "normal", "hue": 0, "saturation": 0,
             "color_temp": 2700, "brightness": 100}, "rssi": -60, "err_code": 0},
}
def app():
    q = '{"system":{"get_sysinfo":{}}}'
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
    s.bind(("192.168.120.5", 0))
    s.settimeout(1)
    s.sendto(enc(q), ("255.255.255.255", 9999))
    answers = 0
    try:
        while True:
            s.recvfrom(4096)
            answers += 1
    except socket.timeout:
        pass
    t = socket.create_connection(("192.168.120.30", 9999))
    m = enc(q)
    t.sendall(struct.pack("!I", len(m)) + m)
    n, = struct.unpack("!I", t.recv(4))
    got = b""
    while len(got) < n:
        got += t.recv(n - len(got))
    t.close()
    print("udp answers", answers, "tcp answer", len(got))
role = sys.argv[1]
if role == "app":
    app()
    sys.exit(0)
reply = json.dumps({"system": {"get_sysinfo": SYSINFO[role]}}, separators=(",", ":"))
def udp():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("0.0.0.0", 9999))
    while True:
        d, peer = s.recvfrom(2048)
        if "get_sysinfo" in dec(d):
            s.sendto(enc(reply), peer)
def tcp():
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("0.0.0.0", 9999))
    s.listen(1)
    while True:
        c, _ = s.accept()
        n, = struct.unpack("!I", c.recv(4))
        d = c.recv(n)
        if "get_sysinfo" in dec(d):
            m = enc(reply)
            c.sendall(struct.pack("!I", len(m)) + m)
        c.close()
if role == "plug":
    threading.Thread(target=tcp, daemon=True).start()
udp()
PY
tcpdump -i vgvd-br -U -w "$W/lan.pcap" 2>/dev/null &
TCPDUMP=$!
sleep 1
ip netns exec vgvd-ap /usr/bin/python3 "$W/ubnt.py" ap &
ip netns exec vgvd-plug /usr/bin/python3 "$W/kasa.py" plug &
ip netns exec vgvd-bulb /usr/bin/python3 "$W/kasa.py" bulb &
sleep 1
ip netns exec vgvd-app nmap -Pn -n -sU -p 10001 --script ubiquiti-discovery 192.168.120.20 | tee "$W/nmap.txt"
ip netns exec vgvd-sw /usr/bin/python3 "$W/ubnt.py" switch
ip netns exec vgvd-app /usr/bin/python3 "$W/kasa.py" app | tee "$W/app.txt"
sleep 1
kill $TCPDUMP; wait $TCPDUMP 2>/dev/null || true
for want in "UAP-AC-Lite" "uap-lobby" "BZ.qca956x.v4.3.28.11361.201021.1405"; do
  grep -qF "$want" "$W/nmap.txt" || { echo "nmap did not decode: $want" >&2; exit 1; }
done
grep -qF "udp answers 2 tcp answer" "$W/app.txt" || { echo "the Kasa devices did not both answer" >&2; exit 1; }
for want in 'HS110(EU)' 'KL130(EU)'; do
  tshark -r "$W/lan.pcap" -T fields -e tplink_smarthome.msg 2>/dev/null | grep -qF "$want" \
    || { echo "tshark did not decode: $want" >&2; exit 1; }
done
cp "$W/lan.pcap" "$OUT"
echo "wrote $OUT ($(tcpdump -r "$OUT" 2>/dev/null | wc -l) packets)"
