#!/usr/bin/env bash
# Records vigil-engine/src/test/resources/captures/vigil-netns-ssh-guess.pcap: SSH password guessing
# on a non-standard port by a library client (ncrack 0.7, whose SSH client is its own library built
# from OpenSSH code and says SSH-2.0-OpenSSH_7.1), between network
# namespaces this script creates (and removes), documentation addresses only, one public block on
# both ends of the LAN bridge (no private address anywhere):
#
#   LAN bridge vg8a-br: guesser 203.0.113.66 (ns vg8a-atk), server 203.0.113.22 (ns vg8a-srv)
#   OpenSSH's sshd on tcp/2222 (password authentication offered; AllowUsers names a user that does
#   not exist, so no guess can ever succeed); ncrack tries 40 passwords for "admin", one per connection
#   (at=1, the way many bots guess): 40 short sessions of the same size within seconds.
# Nothing is compressed in time: this is ncrack's real pace (-T4). Captured on the LAN bridge. Needs root,
# iproute2, tcpdump, openssh-server, ncrack.
set -euo pipefail
OUT=${1:-$(cd "$(dirname "$0")/.." && pwd)/vigil-engine/src/test/resources/captures/vigil-netns-ssh-guess.pcap}
. "$(dirname "$0")/netns-lab.sh"
lab_start vg8a-br vg8a-atk vg8a-srv
lab_no_ipv6
lab_lan vg8a-atk a8atk 02:00:5e:a8:00:66 203.0.113.66/24
lab_lan vg8a-srv a8srv 02:00:5e:a8:00:22 203.0.113.22/24
# sshd refuses to start without its privilege-separation directory; made here only if missing
PRIVSEP=""
if [ ! -d /run/sshd ]; then mkdir -p /run/sshd; PRIVSEP=/run/sshd; fi
trap 'lab_cleanup; [ -n "$PRIVSEP" ] && rmdir "$PRIVSEP" 2>/dev/null || true' EXIT
ssh-keygen -q -t ed25519 -N "" -f "$W/host_ed25519"
cat > "$W/sshd_config" <<EOF
Port 2222
ListenAddress 203.0.113.22
HostKey $W/host_ed25519
PidFile $W/sshd.pid
PasswordAuthentication yes
KbdInteractiveAuthentication no
PubkeyAuthentication no
UsePAM no
PermitRootLogin no
AllowUsers vigil-lab-nobody
MaxAuthTries 1
MaxStartups 64:30:128
LoginGraceTime 20
LogLevel QUIET
EOF
printf '%s\n' 123456 password admin 12345 1234 root 12345678 qwerty 111111 default \
  admin123 pass 1234567 guest changeme 123123 letmein support user 888888 \
  54321 666666 7ujMko0admin vizxv xc3511 klv123 hi3518 jvbzd anko zlxx. \
  system service ubnt realtek 00000000 smcadmin fucker meinsm juantech dreambox > "$W/passwords"
tcpdump -i vg8a-br -U -w "$W/lan.pcap" 2>/dev/null &
TCPDUMP=$!
sleep 1
ip netns exec vg8a-srv /usr/sbin/sshd -f "$W/sshd_config" -E "$W/sshd.log"
sleep 1
(cd "$W" && ip netns exec vg8a-atk ncrack -T4 --user admin -P "$W/passwords" "ssh://203.0.113.22:2222,at=1" >/dev/null 2>&1) || true
sleep 1
kill $TCPDUMP; wait $TCPDUMP 2>/dev/null || true
cp "$W/lan.pcap" "$OUT"
echo "wrote $OUT ($(tcpdump -r "$OUT" 2>/dev/null | wc -l) packets)"
