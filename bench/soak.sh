#!/usr/bin/env bash
# Soak of `vigil serve`: the reference capture COPIES times over (a directory source of links to it,
# so packet time goes back at each copy) into a fresh SQLite store, with the launcher's default heap
# (512 MB) unless VIGIL_HEAP says otherwise. Every INTERVAL seconds it records what the source has
# read, what its behavioural detection holds against its budget (detection_memory in /api/ingest),
# how often detection started afresh (detection_restarts) and the old generation after collection
# (jstat), and every collection goes to gc.log. Memory is flat when the live heap after each full
# collection stops growing once the budget binds (summary.txt: first and last quarter).
#
#   bench/soak.sh [COPIES] [INTERVAL]     defaults 12 and 10
# env: BENCH_PCAP (default bench/work/big.pcap; bench/run.sh builds it), WINDOW (300), VIGIL (the launcher:
#      another build's, to compare)
# Writes bench/results/soak-<timestamp>/{samples.tsv,serve.log,summary.txt}.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$ROOT/scripts/env.sh"
COPIES=${1:-12}
INTERVAL=${2:-10}
PCAP=${BENCH_PCAP:-$ROOT/bench/work/big.pcap}
OUT=$ROOT/bench/results/soak-$(date -u +%Y%m%dT%H%M%SZ)
[ -s "$PCAP" ] || { echo "bench/soak.sh: no capture at $PCAP (bench/run.sh builds it)" >&2; exit 2; }
mkdir -p "$OUT/input"
for i in $(seq -w 1 "$COPIES"); do ln -s "$(readlink -f "$PCAP")" "$OUT/input/copy-$i.pcap"; done
VIGIL=${VIGIL:-$ROOT/vigil}   # another build's launcher, to compare
"$VIGIL" --version >/dev/null
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
VIGIL_JAVA_OPTS="${VIGIL_JAVA_OPTS:-} -Xlog:gc:file=$OUT/gc.log" "$VIGIL" serve --data "$OUT/store" --listen 127.0.0.1:$PORT --window "${WINDOW:-300}" --commit-every 2 "$OUT/input" \
  > "$OUT/serve.log" 2>&1 &
LAUNCHER=$!
trap 'kill $LAUNCHER 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do grep -q "one-time password" "$OUT/serve.log" 2>/dev/null && break; sleep 0.2; done
PW=$(grep -o 'one-time password [^ ]*' "$OUT/serve.log" | awk '{print $3}')
JVM=$(pgrep -f -n "serve --data $OUT/store" | head -1)
URL=http://127.0.0.1:$PORT
# ServeLoad signs in (writing the token to the file) and waits for the source to end: its line is the ingest rate
SERVE_TOKEN_FILE=$OUT/token "$JAVA" "$ROOT/bench/serve/ServeLoad.java" "$URL/" "$PW" ingest > "$OUT/ingest.txt" 2>&1 &
LOAD=$!
for _ in $(seq 1 300); do [ -s "$OUT/token" ] && break; sleep 0.2; done
TOKEN=$(cat "$OUT/token" 2>/dev/null || true)
[ -n "$TOKEN" ] || { echo "bench/soak.sh: could not sign in" >&2; exit 1; }
JSTAT=$(dirname "$JAVA")/jstat
printf 'seconds\tpackets\tstate\trestarts\tmemory_bytes\tbudget_bytes\tdevices\tkeys\tforgotten\ttrimmed\tshed\tsqueezes\told_gen_used_kb\n' \
  > "$OUT/samples.tsv"
start=$(date +%s)
while kill -0 "$JVM" 2>/dev/null; do
  sleep "$INTERVAL"
  body=$(curl -s -H "Authorization: Bearer $TOKEN" "$URL/api/ingest") || continue
  old=$("$JSTAT" -gcold "$JVM" 2>/dev/null | awk 'NR==2 {print $6}')
  line=$(python3 -c '
import json, sys
d = json.loads(sys.argv[1]); s = [x for x in d["sources"] if x.get("running", True)][0]; m = s.get("detection_memory", {})
print("\t".join(str(v) for v in [s["packets"], s["state"], s["detection_restarts"]] + [m.get(k, 0) for k in
      ("bytes", "budget_bytes", "devices", "keys", "forgotten_keys", "trimmed_keys", "shed_keys", "squeezes")]))' "$body") || continue
  printf '%s\t%s\t%s\n' $(( $(date +%s) - start )) "$line" "$old" | tee -a "$OUT/samples.tsv"
  case "$line" in *DONE*|*FAILED*) break;; esac
  # a directory source waits for more files when it has read them all: done once it is idle and stays so
  packets=$(cut -f1 <<<"$line")
  if [[ "$line" == *IDLE* && "$packets" == "${last:-}" ]]; then idle=$(( ${idle:-0} + 1 )); else idle=0; fi
  last=$packets
  [ "$idle" -ge 3 ] && break
done
kill $LAUNCHER 2>/dev/null || true; wait $LAUNCHER 2>/dev/null || true
kill $LOAD 2>/dev/null || true
python3 - "$OUT" "$COPIES" > "$OUT/summary.txt" <<'PY'
import re, sys
out, copies = sys.argv[1], sys.argv[2]
rows = [l.rstrip("\n").split("\t") for l in open(out + "/samples.tsv")][1:]
head = "seconds packets state restarts memory_bytes budget_bytes devices keys forgotten trimmed shed squeezes".split()
done = next((r for r in rows if r[2] in ("IDLE", "DONE")), rows[-1])
last = dict(zip(head, rows[-1]))
print(f"copies {copies}: {done[1]} packets read in about {done[0]} s ({int(done[1]) / max(1, int(done[0])):.0f} packets/s)")
print("detection: restarts {restarts}, holds {memory_bytes} bytes of a {budget_bytes} budget ({devices} devices, {keys} keys); "
      "forgotten {forgotten}, trimmed {trimmed}, shed {shed}, squeezes {squeezes}".format(**last))
live = [int(m.group(1)) for m in re.finditer(r"Pause Full \(Allocation Failure\) \d+M->(\d+)M", open(out + "/gc.log").read())]
if live:
    q = max(1, len(live) // 4)
    print("live heap after each full collection (MB):", " ".join(map(str, live)))
    print(f"first quarter max {max(live[:q])} MB, last quarter max {max(live[-q:])} MB")
PY
cat "$OUT/summary.txt"
echo "results in $OUT"
