#!/usr/bin/env bash
# Builds samples/iot-lab.pcapng.gz, the capture the README's first command analyses, from real public
# captures in ../shared/data (see NOTICE and samples/README.md for origins and licences).
#
# usage: samples/build-sample.sh [SHARED_DATA_DIR]
# Needs editcap, mergecap (wireshark-common), tcpdump, tar, xz, gzip.
#
# Method: one set-up capture of each of 14 IoT Sentinel devices (real Wi-Fi traffic of a lab network,
# 10.10.10.0/24), each re-timed with editcap so that all start at the same moment and run side by side,
# merged in time order with mergecap; then an nDPI capture of a cleartext telnet login is
# re-timed into the same window, which is kept in April 2016, when the devices were recorded (so that
# certificate validity is judged at the time of the traffic). Packets are not altered.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DATA=${1:-$ROOT/../shared/data}
OUT=$ROOT/samples/iot-lab.pcapng.gz
T0=1460732918  # 2016-04-15 15:08:38 UTC, when the first of these captures was recorded: certificates are judged at their own time
for t in editcap mergecap capinfos tcpdump; do command -v $t >/dev/null || { echo "needs $t (apt-get install wireshark-common)" >&2; exit 1; }; done
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
tar -xJf "$DATA/pcap/peers-src-iot-sentinel.tar.xz" -C "$WORK"
S=$WORK/iot-sentinel
parts=()
i=0
for d in D-LinkCam HueBridge WeMoSwitch TP-LinkPlugHS110 Withings EdimaxCam1 D-LinkHomeHub Lightify WeMoLink \
         Aria D-LinkSensor WeMoInsightSwitch D-LinkSwitch EdimaxPlug2101W; do
  # the first set-up capture of the device, in name order, recorded behind the lab's main router:
  # the lab had a second router (28:b2:bd:c3:41:79) answering for the same gateway address some days,
  # and mixing both into one capture would look like ARP spoofing
  f=""
  for c in $(cd "$S" && ls "$d"/Setup-*.pcap | LC_ALL=C sort); do
    if [ -z "$(tcpdump -r "$S/$c" -c 1 ether src 28:b2:bd:c3:41:79 2>/dev/null)" ]; then f=$c; break; fi
  done
  first=$(capinfos -T -r -S -a "$S/$f" | cut -f2)
  shift_s=$(awk -v t="$T0" -v f="$first" -v k="$i" 'BEGIN{printf "%.6f", t - f + k * 7}')
  editcap -F pcap -t "$shift_s" "$S/$f" "$WORK/p$i.pcap"
  parts+=("$WORK/p$i.pcap")
  i=$((i+1))
done
for f in ndpi/protocols/telnet.pcap; do
  first=$(capinfos -T -r -S -a "$DATA/pcap/$f" | cut -f2)
  shift_s=$(awk -v t="$T0" -v f="$first" -v k="$i" 'BEGIN{printf "%.6f", t - f + k * 7}')
  editcap -F pcap -t "$shift_s" "$DATA/pcap/$f" "$WORK/p$i.pcap"
  parts+=("$WORK/p$i.pcap")
  i=$((i+1))
done
mergecap -F pcapng -w "$WORK/iot-lab.pcapng" "${parts[@]}"
gzip -9 -n -c "$WORK/iot-lab.pcapng" > "$OUT"
capinfos -c -u "$WORK/iot-lab.pcapng" | sed 1d
ls -l "$OUT"
