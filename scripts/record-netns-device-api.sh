#!/usr/bin/env bash
# Records vigil-engine/src/test/resources/captures/vigil-netns-device-api.pcap: a phone app using a
# smart plug's local HTTP API, and a scanner asking an ordinary web server for the same product paths,
# between network namespaces this script creates (and removes), documentation addresses only:
#
#   LAN bridge vgda-br: app/scanner 192.168.121.5 (ns vgda-app, a randomised MAC), and
#     192.168.121.30 an Edimax smart plug (ns vgda-plug, Edimax block 74:da:38): serves POST
#                    /smartplug.cgi on tcp/10000 behind HTTP Basic (the factory admin:1234), answering
#                    the SMARTPLUG XML commands as the SP-1101W/SP-2101W do (the command set the
#                    open-source ediplug clients and the IoT Sentinel captures show)
#     192.168.121.40 a web server (ns vgda-web, a randomised MAC): python's http.server, which answers
#                    404 to every product path
#     192.168.121.50 an ONVIF camera (ns vgda-onvif, a randomised MAC): answers the Device service's
#                    GetDeviceInformation (ONVIF Core Specification) on POST /onvif/device_service
#                    with its manufacturer, model, firmware and hardware id (a Dahua IPC-HDW2431T-AS-S2)
#     192.168.121.60 a Hikvision camera (ns vgda-isapi, a randomised MAC): answers GET
#                    /ISAPI/System/deviceInfo with a DeviceInfo in Hikvision's namespace (DS-2CD2143G0-I,
#                    V5.5.82, deviceType IPCamera), as Hikvision's ISAPI documentation shows it
#   1. the app asks the plug its power state and switches it on, as Edimax's app does
#   2. curl asks the web server, as scanners for exposed device APIs do, for /smartplug.cgi,
#      /onvif/device_service, /ISAPI/System/deviceInfo and /axis-cgi/param.cgi
#   3. curl asks the cameras who they are, as a video management system does when it adds one
# The plug's and cameras' paths are served (200), the web server's are not (404): only the devices
# that serve them are named by them; the asker is named by nothing it asked.
# Captured on the LAN bridge. Needs root, iproute2, tcpdump, curl, tshark, python3.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${1:-$HERE/../vigil-engine/src/test/resources/captures/vigil-netns-device-api.pcap}
. "$HERE/netns-lab.sh"
lab_start vgda-br vgda-app vgda-plug vgda-web vgda-onvif vgda-isapi
lab_no_ipv6
lab_lan vgda-app daapp 02:00:5e:79:00:05 192.168.121.5/24
lab_lan vgda-plug daplug 74:da:38:79:00:30 192.168.121.30/24
lab_lan vgda-web daweb 02:00:5e:79:00:40 192.168.121.40/24
lab_lan vgda-onvif daonvif 02:00:5e:79:00:50 192.168.121.50/24
lab_lan vgda-isapi daisapi 02:00:5e:79:00:60 192.168.121.60/24

cat > "$W/plug.py" <<'PY'
import base64, http.server, re
STATE = {"Device.System.Power.State": "OFF", "Device.System.Power.NextToggle": "-1"}
class Plug(http.server.BaseHTTPRequestHandler):
    server_version = "lighttpd/1.4.31"
    sys_version = ""
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0"))).decode()
        if self.path != "/smartplug.cgi":
            self.send_error(404)
            return
        if self.headers.get("Authorization") != "Basic " + base64.b64encode(b"admin:1234").decode():
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="SP2101W"')
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        cmd = re.search(r'<CMD id="(\w+)">', body).group(1)
        out = []
        for name in re.findall(r"<(Device\.[\w.]+)>", body):
            if cmd == "setup":
                STATE[name] = re.search("<" + re.escape(name) + r">([^<]*)<", body).group(1)
                out.append("<%s>OK</%s>" % (name, name))
            else:
                out.append("<%s>%s</%s>" % (name, STATE.get(name, ""), name))
        xml = ('<?xml version="1.0" encoding="UTF8"?><SMARTPLUG id="edimax"><CMD id="%s">%s</CMD></SMARTPLUG>'
               % (cmd, "".join(out))).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/xml; charset=utf-8")
        self.send_header("Content-Length", str(len(xml)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(xml)
    def log_message(self, *a):
        pass
http.server.HTTPServer(("0.0.0.0", 10000), Plug).serve_forever()
PY
cat > "$W/camera.py" <<'PY'
import http.server, sys
ONVIF = ('<?xml version="1.0" encoding="UTF-8"?><env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" '
         'xmlns:tds="http://www.onvif.org/ver10/device/wsdl"><env:Body><tds:GetDeviceInformationResponse>'
         '<tds:Manufacturer>Dahua</tds:Manufacturer><tds:Model>IPC-HDW2431T-AS-S2</tds:Model>'
         '<tds:FirmwareVersion>2.800.0000000.16.R, Build Date 2020-02-05</tds:FirmwareVersion>'
         '<tds:SerialNumber>5J0A1B2PAZ12345</tds:SerialNumber><tds:HardwareId>1.00</tds:HardwareId>'
         '</tds:GetDeviceInformationResponse></env:Body></env:Envelope>')
ISAPI = ('<?xml version="1.0" encoding="UTF-8"?><DeviceInfo version="2.0" xmlns="http://www.hikvision.com/ver20/XMLSchema">'
         '<deviceName>IP CAMERA</deviceName><deviceID>88a6c6f0-0001-0001-0001-c056e3790060</deviceID>'
         '<model>DS-2CD2143G0-I</model><serialNumber>DS-2CD2143G0-I20200101AAWRE12345678</serialNumber>'
         '<macAddress>c0:56:e3:79:00:60</macAddress><firmwareVersion>V5.5.82</firmwareVersion>'
         '<firmwareReleasedDate>build 190909</firmwareReleasedDate><encoderVersion>V7.3</encoderVersion>'
         '<hardwareVersion>0x0</hardwareVersion><deviceType>IPCamera</deviceType></DeviceInfo>')
KIND = sys.argv[1]
class Camera(http.server.BaseHTTPRequestHandler):
    server_version = "webserver"
    sys_version = ""
    def answer(self, ctype, body):
        b = body.encode()
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(b)))
        self.end_headers()
        self.wfile.write(b)
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0"))).decode()
        if KIND == "onvif" and self.path == "/onvif/device_service" and "GetDeviceInformation" in body:
            self.answer("application/soap+xml; charset=utf-8", ONVIF)
        else:
            self.send_error(404)
    def do_GET(self):
        if KIND == "isapi" and self.path == "/ISAPI/System/deviceInfo":
            self.answer("application/xml", ISAPI)
        else:
            self.send_error(404)
    def log_message(self, *a):
        pass
http.server.HTTPServer(("0.0.0.0", 80), Camera).serve_forever()
PY
mkdir -p "$W/www"
echo '<html><head><title>Files</title></head><body>files</body></html>' > "$W/www/index.html"
tcpdump -i vgda-br -U -w "$W/lan.pcap" 2>/dev/null &
TCPDUMP=$!
sleep 1
ip netns exec vgda-plug /usr/bin/python3 "$W/plug.py" &
ip netns exec vgda-onvif /usr/bin/python3 "$W/camera.py" onvif &
ip netns exec vgda-isapi /usr/bin/python3 "$W/camera.py" isapi &
ip netns exec vgda-web /usr/bin/python3 -m http.server 80 --bind 192.168.121.40 --directory "$W/www" >/dev/null 2>&1 &
sleep 1
get='<?xml version="1.0" encoding="UTF8"?><SMARTPLUG id="edimax"><CMD id="get"><Device.System.Power.State></Device.System.Power.State><Device.System.Power.NextToggle></Device.System.Power.NextToggle></CMD></SMARTPLUG>'
set_on='<?xml version="1.0" encoding="UTF8"?><SMARTPLUG id="edimax"><CMD id="setup"><Device.System.Power.State>ON</Device.System.Power.State></CMD></SMARTPLUG>'
for body in "$get" "$set_on" "$get"; do
  ip netns exec vgda-app curl -s -u admin:1234 -H 'Content-Type: application/x-www-form-urlencoded' \
    --data-binary "$body" http://192.168.121.30:10000/smartplug.cgi >> "$W/app.txt"
  echo >> "$W/app.txt"
done
for path in /smartplug.cgi /onvif/device_service /ISAPI/System/deviceInfo /axis-cgi/param.cgi /; do
  ip netns exec vgda-app curl -s -o /dev/null -w "%{http_code} $path\n" http://192.168.121.40$path >> "$W/scan.txt"
done
ip netns exec vgda-app curl -s -H 'Content-Type: application/soap+xml; charset=utf-8' --data-binary \
  '<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body xmlns:tds="http://www.onvif.org/ver10/device/wsdl"><tds:GetDeviceInformation/></s:Body></s:Envelope>' \
  http://192.168.121.50/onvif/device_service > "$W/onvif.txt"
ip netns exec vgda-app curl -s http://192.168.121.60/ISAPI/System/deviceInfo > "$W/isapi.txt"
sleep 1
kill $TCPDUMP; wait $TCPDUMP 2>/dev/null || true
cat "$W/app.txt" "$W/scan.txt"
grep -qF '<Device.System.Power.State>ON</Device.System.Power.State>' "$W/app.txt" \
  || { echo "the plug did not switch on" >&2; exit 1; }
[ "$(grep -c '^404 ' "$W/scan.txt")" = 4 ] || { echo "the web server served a product path" >&2; exit 1; }
[ "$(tshark -r "$W/lan.pcap" -Y 'http.response.code == 200 && tcp.srcport == 10000' 2>/dev/null | wc -l)" = 3 ] \
  || { echo "tshark did not see the plug's three answers" >&2; exit 1; }
grep -qF '<tds:Model>IPC-HDW2431T-AS-S2</tds:Model>' "$W/onvif.txt" || { echo "the ONVIF camera did not answer" >&2; exit 1; }
grep -qF '<model>DS-2CD2143G0-I</model>' "$W/isapi.txt" || { echo "the ISAPI camera did not answer" >&2; exit 1; }
cp "$W/lan.pcap" "$OUT"
echo "wrote $OUT ($(tcpdump -r "$OUT" 2>/dev/null | wc -l) packets)"
