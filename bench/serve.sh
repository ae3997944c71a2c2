#!/usr/bin/env bash
# Load test of `vigil serve` on loopback, in one run:
#  1. packets into the store: the reference capture as a file source into a fresh SQLite store;
#  2. API latency: N concurrent clients (API token) over the read routes on the store just filled;
#  3. flows into the store: softflowd replays the same capture as NetFlow v9 to the collector.
#
#   bench/serve.sh [SECONDS] [CLIENTS]     defaults 20 and 16
# env: BENCH_PCAP (default bench/work/big.pcap; bench/run.sh builds it), WINDOW (analysis window, 300)
# Needs python3 (free ports) and softflowd (step 3 is skipped without it).
# Writes bench/results/serve-<timestamp>/{packets.txt,flows.txt}.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$ROOT/scripts/env.sh"
SECS=${1:-20}
CLIENTS=${2:-16}
PCAP=${BENCH_PCAP:-$ROOT/bench/work/big.pcap}
OUT=$ROOT/bench/results/serve-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT"
[ -s "$PCAP" ] || { echo "bench/serve.sh: no capture at $PCAP (bench/run.sh builds it)" >&2; exit 2; }
"$ROOT/vigil" --version >/dev/null
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
PID=
trap '[ -n "$PID" ] && kill $PID 2>/dev/null || true' EXIT
start() { # DATA ARGS...: starts a server; sets PID, URL, PW
  local data=$1; shift
  local p; p=$(port)
  VIGIL_HEAP=${VIGIL_HEAP:-2g} "$ROOT/vigil" serve --data "$data" --listen 127.0.0.1:$p --window "${WINDOW:-300}" \
    --commit-every 2 "$@" \
    > "$data.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 300); do grep -q "one-time password" "$data.log" 2>/dev/null && break; sleep 0.1; done
  URL=http://127.0.0.1:$p/
  PW=$(grep -o 'one-time password [^ ]*' "$data.log" | awk '{print $3}')
}
LOAD=("$JAVA" "$ROOT/bench/serve/ServeLoad.java")

echo "== packets into the store, then the API under load: $PCAP"
start "$OUT/packets" "$PCAP"
"${LOAD[@]}" "$URL" "$PW" ingest "$SECS" "$CLIENTS" | tee "$OUT/packets.txt"
kill "$PID"; wait "$PID" 2>/dev/null || true

if command -v softflowd >/dev/null 2>&1 || [ -x /usr/sbin/softflowd ]; then
  echo "== flows into the store: softflowd -v 9 replaying $PCAP"
  nf=$(port)
  start "$OUT/flows" --netflow 127.0.0.1:$nf
  SOFTFLOWD=$(command -v softflowd || echo /usr/sbin/softflowd)
  "$SOFTFLOWD" -r "$PCAP" -n 127.0.0.1:$nf -v 9 >/dev/null 2>&1 &
  "${LOAD[@]}" "$URL" "$PW" ingest | tee "$OUT/flows.txt"
  kill "$PID"; wait "$PID" 2>/dev/null || true
fi
PID=
echo "results in $OUT"
