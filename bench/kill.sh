#!/usr/bin/env bash
# Crash recovery, long: CrashRecoveryTest with more kills (SIGKILL at random moments while the service
# reads captures whose detections span many windows), on SQLite and on PostgreSQL when one answers.
#   bench/kill.sh [KILLS] [SEED]     KILLS defaults to 100; SEED replays a run
# Writes bench/results/kill-<timestamp>.txt.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$ROOT/scripts/env.sh"
KILLS=${1:-100}
OUT=$ROOT/bench/results/kill-$(date -u +%Y%m%dT%H%M%SZ).txt
mkdir -p "$ROOT/bench/results"
args=(-Dvigil.kills="$KILLS")
[ -n "${2:-}" ] && args+=(-Dvigil.kill.seed="$2")
cd "$ROOT"
"$MVN" -B -ntp -q install -DskipTests
"$MVN" -B -ntp -pl vigil-server test -Dtest=CrashRecoveryTest -Dsurefire.failIfNoSpecifiedTests=false "${args[@]}" \
  | tee "$OUT" | grep -E "CrashRecoveryTest|Tests run:|FAIL" || true
grep -q "BUILD SUCCESS" "$OUT" && echo "bench/kill.sh: $KILLS kills per store survived; $OUT" || { echo "bench/kill.sh: failed; $OUT" >&2; exit 1; }
