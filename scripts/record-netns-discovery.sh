#!/usr/bin/env bash
# Records vigil-engine/src/test/resources/captures/vigil-netns-discovery.pcap: a phone asking the LAN
# who is there, and a hub answering it unicast, between network namespaces this script creates (and
# removes); documentation-style private addresses only:
#
#   LAN bridge vg-br6: hub 192.168.46.10 (ns vg-hub, MAC 00:17:88:46:00:10, the OUI of Philips
#                      Lighting, Hue bridges), phone 192.168.46.20 (ns vg-phone, a randomised MAC
#                      02:00:5e:46:00:20)
#   1. the phone sends an SSDP M-SEARCH to the group from an ephemeral port; the hub answers it
#      unicast to that port with the SERVER header, LOCATION and USN of a Hue bridge (UDA 2.0 §1.3.3),
#      and the phone fetches the description the LOCATION names (HTTP on the hub)
#   2. avahi-daemon on the hub (host name philips-hue) answers the phone's legacy unicast mDNS query
#      for philips-hue.local, sent from an ephemeral port (RFC 6762 §6.7: the answer goes back to that
#      port)
#   3. the phone asks LLMNR for "hue-bridge" (224.0.0.252:5355) and the hub answers unicast with its
#      address (RFC 4795 §2.4)
#   4. wsdd in discovery mode on the phone probes WS-Discovery (239.255.255.250:3702); wsdd on the hub
#      answers with a unicast ProbeMatches (WS-Discovery 1.1 §5.3)
# Every answer describes the hub, which sent it, not the phone it went to.
# Captured on the LAN bridge. Needs root, iproute2, tcpdump, avahi-daemon, wsdd, python3.
set -euo pipefail
OUT=${1:-$(cd "$(dirname "$0")/.." && pwd)/vigil-engine/src/test/resources/captures/vigil-netns-discovery.pcap}
. "$(dirname "$0")/netns-lab.sh"
lab_start vg-br6 vg-hub vg-phone
# the bridge is the capture point, not a host of the LAN: no IPv6 of its own
sysctl -qw net.ipv6.conf.vg-br6.disable_ipv6=1
lab_lan vg-hub hub0 00:17:88:46:00:10 192.168.46.10/24
lab_lan vg-phone phone0 02:00:5e:46:00:20 192.168.46.20/24
for n in vg-hub vg-phone; do ip -n $n route add 224.0.0.0/4 dev ${n#vg-}0; done

cat > "$W/hub.py" <<'PY'
import socket, struct, threading, http.server
HUB = "192.168.46.10"
SERVER = "Linux/3.14.0 UPnP/1.0 IpBridge/1.26.0"
USN = "uuid:2f402f80-da50-11e1-9b23-001788460010"
def group(port, address):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("0.0.0.0", port))
    s.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, struct.pack("4s4s", socket.inet_aton(address),
                 socket.inet_aton(HUB)))
    return s
def ssdp():
    s = group(1900, "239.255.255.250")
    while True:
        data, peer = s.recvfrom(2048)
        if data.startswith(b"M-SEARCH"):
            s.sendto(("HTTP/1.1 200 OK\r\nHOST: 239.255.255.250:1900\r\nEXT:\r\nCACHE-CONTROL: max-age=100\r\n"
                      "LOCATION: http://%s:80/description.xml\r\nSERVER: %s\r\nhue-bridgeid: 001788FFFE460010\r\n"
                      "ST: upnp:rootdevice\r\nUSN: %s::upnp:rootdevice\r\n\r\n" % (HUB, SERVER, USN)).encode(), peer)
def llmnr():
    s = group(5355, "224.0.0.252")
    while True:
        q, peer = s.recvfrom(512)
        qid, = struct.unpack("!H", q[:2])
        name = q[12:q.index(b"\0", 12) + 1]
        if name.lower() != b"\x0ahue-bridge\x00":
            continue
        question = name + b"\x00\x01\x00\x01"
        answer = name + struct.pack("!HHIH", 1, 1, 30, 4) + socket.inet_aton(HUB)
        s.sendto(struct.pack("!HHHHHH", qid, 0x8000, 1, 1, 0, 0) + question + answer, peer)
class Description(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = ("<?xml version=\"1.0\" encoding=\"UTF-8\" ?><root xmlns=\"urn:schemas-upnp-org:device-1-0\">"
                "<specVersion><major>1</major><minor>0</minor></specVersion><URLBase>http://%s:80/</URLBase><device>"
                "<deviceType>urn:schemas-upnp-org:device:Basic:1</deviceType><friendlyName>Philips hue (%s)</friendlyName>"
                "<manufacturer>Signify</manufacturer><manufacturerURL>http://www.philips-hue.com</manufacturerURL>"
                "<modelDescription>Philips hue Personal Wireless Lighting</modelDescription>"
                "<modelName>Philips hue bridge 2015</modelName><modelNumber>BSB002</modelNumber>"
                "<serialNumber>001788460010</serialNumber><UDN>%s</UDN></device></root>" % (HUB, HUB, USN)).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *a):
        pass
for t in (ssdp, llmnr):
    threading.Thread(target=t, daemon=True).start()
http.server.HTTPServer((HUB, 80), Description).serve_forever()
PY
cat > "$W/phone.py" <<'PY'
import re, socket, struct, time, urllib.request
PHONE = "192.168.46.20"
def udp():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, socket.inet_aton(PHONE))
    s.bind((PHONE, 0))
    s.settimeout(2)
    return s
# 1. SSDP search, the answer unicast to this port, then the description it points at
s = udp()
s.sendto(b"M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: \"ssdp:discover\"\r\nMX: 1\r\nST: ssdp:all\r\n"
         b"USER-AGENT: Android/13 UPnP/1.1 HueApp/5.1\r\n\r\n", ("239.255.255.250", 1900))
answer = s.recv(2048).decode()
location = re.search(r"(?im)^LOCATION:\s*(\S+)", answer).group(1)
urllib.request.urlopen(location, timeout=5).read()
# 2. legacy unicast mDNS query (RFC 6762 §6.7) for the hub's name
def query(name, qtype=1):
    q = b"".join(bytes([len(p)]) + p.encode() for p in name.split(".")) + b"\0"
    return struct.pack("!HHHHHH", 0x4a4a, 0, 1, 0, 0, 0) + q + struct.pack("!HH", qtype, 1)
s = udp()
s.sendto(query("philips-hue.local"), ("224.0.0.251", 5353))
s.recv(2048)
# 3. LLMNR
s = udp()
s.sendto(query("hue-bridge"), ("224.0.0.252", 5355))
s.recv(512)
PY
tcpdump -i vg-br6 -U -w "$W/lan.pcap" 2>/dev/null &
TCPDUMP=$!
sleep 1
ip netns exec vg-hub python3 "$W/hub.py" &
cat > "$W/avahi.conf" <<CONF
[server]
host-name=philips-hue
use-ipv4=yes
use-ipv6=no
allow-interfaces=hub0
enable-dbus=no
[publish]
publish-hinfo=no
publish-workstation=no
CONF
ip netns exec vg-hub avahi-daemon --no-drop-root --no-chroot --no-rlimits --no-proc-title -f "$W/avahi.conf" >/dev/null 2>&1 &
ip netns exec vg-hub wsdd -4 -i hub0 -n HUE-BRIDGE -t >/dev/null 2>&1 &
# avahi probes its name and announces it before it answers queries
sleep 4
ip netns exec vg-phone python3 "$W/phone.py"
# 4. WS-Discovery: wsdd probes once it starts and prints what answers
ip netns exec vg-phone timeout 6 wsdd -4 -i phone0 -D -o >/dev/null 2>&1 || true
sleep 1
kill $TCPDUMP; wait $TCPDUMP 2>/dev/null || true
cp "$W/lan.pcap" "$OUT"
echo "wrote $OUT ($(tcpdump -r "$OUT" 2>/dev/null | wc -l) packets)"
