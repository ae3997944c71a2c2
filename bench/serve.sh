#!/usr/bin/env bash
# Load test of `vigil serve` on loopback, in one run:
#  1. packets into the store: the reference capture as a file source into a fresh SQLite store;
#  2. API latency: N concurrent clients (API token) over the read routes on the store just filled;
#  3. the same two on a store that holds PREFILL devices already (bench/serve/prefill.py writes a
#     capture in which they join the network; it is read into the store first, then the reference
#     capture into the same store by the service started again);
#  4. flows into the store: softflowd replays the same capture as NetFlow v9 to the collector.
#
#   bench/serve.sh [SECONDS] [CLIENTS]     defaults 20 and 16
# env: BENCH_PCAP (default bench/work/big.pcap; bench/run.sh builds it), WINDOW (analysis window, 300),
#      PREFILL (devices stored before step 3, 10000; 0 skips it), FLOWS (0 skips step 4)
# Needs python3 (free ports, the prefill capture) and softflowd (step 4 is skipped without it).
# Writes bench/results/serve-<timestamp>/{packets.txt,prefill.txt,packets-prefilled.txt,flows.txt}.
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
start() { # DATA ARGS...: starts a server; sets PID, URL, PW (empty when the store was signed in to before)
  local data=$1; shift
  local p; p=$(port)
  local ready="one-time password"
  [ -d "$data" ] && ready="dashboard and API on"
  VIGIL_HEAP=${VIGIL_HEAP:-2g} "$ROOT/vigil" serve --data "$data" --listen 127.0.0.1:$p --window "${WINDOW:-300}" \
    --commit-every 2 "$@" \
    > "$data.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 300); do grep -q "$ready" "$data.log" 2>/dev/null && break; sleep 0.1; done
  URL=http://127.0.0.1:$p/
  PW=$(grep -o 'one-time password [^ ]*' "$data.log" | awk '{print $3}' || true)
}
LOAD=("$JAVA" "$ROOT/bench/serve/ServeLoad.java")

echo "== packets into the store, then the API under load: $PCAP"
start "$OUT/packets" "$PCAP"
"${LOAD[@]}" "$URL" "$PW" ingest "$SECS" "$CLIENTS" | tee "$OUT/packets.txt"
kill "$PID"; wait "$PID" 2>/dev/null || true

PREFILL=${PREFILL:-10000}
if [ "$PREFILL" -gt 0 ]; then
  echo "== $PREFILL devices into a fresh store, then $PCAP into it and the API under load"
  python3 "$ROOT/bench/serve/prefill.py" "$PREFILL" "$OUT/prefill.pcap"
  export SERVE_TOKEN_FILE=$OUT/prefilled.token
  start "$OUT/prefilled" "$OUT/prefill.pcap"
  "${LOAD[@]}" "$URL" "$PW" ingest | tee "$OUT/prefill.txt"
  kill "$PID"; wait "$PID" 2>/dev/null || true
  start "$OUT/prefilled" "$PCAP"
  "${LOAD[@]}" "$URL" - ingest "$SECS" "$CLIENTS" | tee "$OUT/packets-prefilled.txt"
  kill "$PID"; wait "$PID" 2>/dev/null || true
  unset SERVE_TOKEN_FILE
fi

if [ "${FLOWS:-1}" != 0 ] && { command -v softflowd >/dev/null 2>&1 || [ -x /usr/sbin/softflowd ]; }; then
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
