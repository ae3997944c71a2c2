#!/usr/bin/env bash
# Coverage-guided fuzzing with Jazzer (JAZZER_FUZZ=1): every target of EngineFuzzTest (each capture
# reader, the decoder, NDP, LLDP, CDP and each application protocol on its port) and of
# AnalyzerFuzzTest (the whole pipeline with inventory and detectors; Zeek conn.logs), RadiusFuzzTest (what a NAS address can send the RADIUS server), NetflowFuzzTest (what any address can
# send a NetFlow v5/v9 or IPFIX collector), one after
# the other, each for SECONDS, seeded from the bundled captures and every capture of ../shared/data.
# A crash or a hang stops its target; the input is filed under
# MODULE/src/test/resources/fuzz/TARGET/, where ./test replays it from then on (commit it with the fix).
# The corpus each target grows is kept in MODULE/.cifuzz-corpus/ (ignored by git) for the next run.
#
#   bench/fuzz.sh [SECONDS] [TARGET...]          default 300 s per target, all targets; TARGET: dns, pipeline, …
#   bench/fuzz.sh --mutation [PACKETS] [SEED]    the mutation fuzzer over whole real packets (default 5 million)
#
# Writes bench/results/fuzz-<timestamp>/{TARGET.log,summary.tsv}: executions, coverage, finding per target.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$ROOT/scripts/env.sh"
cd "$ROOT"

if [ "${1:-}" = "--mutation" ]; then
  exec "$MVN" -q -B -pl vigil-engine test -Dtest=FuzzTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dvigil.fuzz.packets="${2:-5000000}" -Dvigil.fuzz.seed="${3:-20261125}"
fi

SECONDS_PER_TARGET=${1:-300}
shift || true
# per-input time limit: longer than any input takes, so only a real hang trips it
TIMEOUT=${FUZZ_INPUT_TIMEOUT:-20}

targets() {  # module class method, for every @FuzzTest
  for spec in "vigil-engine:dev/vigil/engine/fuzz/EngineFuzzTest" "vigil-detect:dev/vigil/detect/fuzz/AnalyzerFuzzTest" \
      "vigil-enforce:dev/vigil/enforce/radius/RadiusFuzzTest" "vigil-inputs:dev/vigil/inputs/netflow/NetflowFuzzTest"; do
    local module=${spec%%:*} file=${spec#*:}
    local class=${file##*/}
    awk -v m="$module" -v c="$class" '/@FuzzTest/ {f=1; next} f && /void [a-zA-Z0-9]+\(/ {
      sub(/.*void /, ""); sub(/\(.*/, ""); print m, c, $0; f=0 }' "$module/src/test/java/$file.java"
  done
}

OUT=$ROOT/bench/results/fuzz-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT"
printf 'target\tseconds\texecutions\tcoverage\tfinding\n' >"$OUT/summary.tsv"
found=0
while read -r module class method; do
  if [ $# -gt 0 ] && ! printf '%s\n' "$@" | grep -qx -e "$method" -e "$class#$method"; then
    continue
  fi
  log=$OUT/$method.log
  echo "== $class#$method: ${SECONDS_PER_TARGET}s"
  am=()
  [ "$module" = vigil-engine ] || am=(-am)
  JAZZER_FUZZ=1 "$MVN" -B -pl "$module" ${am[@]+"${am[@]}"} test -Dtest="$class#$method" \
    -Dsurefire.failIfNoSpecifiedTests=false -Dvigil.fuzz.shared=true \
    -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1=-max_total_time="$SECONDS_PER_TARGET" \
    -Djazzer.internal.arg.2=-timeout="$TIMEOUT" -Djazzer.internal.arg.3=-rss_limit_mb=0 >"$log" 2>&1 || true
  # Jazzer writes a finding next to the test class's resources; keep it where ./test replays it
  finding=none
  inbox=$module/src/test/resources/dev
  if [ -d "$inbox" ]; then
    while IFS= read -r f; do
      mkdir -p "$module/src/test/resources/fuzz/$method"
      mv "$f" "$module/src/test/resources/fuzz/$method/"
      finding="$module/src/test/resources/fuzz/$method/$(basename "$f")"
      found=$((found + 1))
    done < <(find "$inbox" -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'slow-unit-*' \))
    find "$inbox" -depth -type d -empty -delete
  fi
  done_line=$(grep -oE 'Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1 || true)
  execs=$(echo "$done_line" | awk '{print $2}')
  secs=$(echo "$done_line" | awk '{print $5}')
  cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | awk '{print $2}' || true)
  printf '%s\t%s\t%s\t%s\t%s\n' "$method" "${secs:-0}" "${execs:-0}" "${cov:-0}" "$finding" >>"$OUT/summary.tsv"
  tail -1 "$OUT/summary.tsv"
done < <(targets)
column -t -s $'\t' "$OUT/summary.tsv"
echo "logs: $OUT"
if [ "$found" -gt 0 ]; then
  echo "$found finding(s) filed under */src/test/resources/fuzz/: fix them, then ./test replays them" >&2
  exit 1
fi
