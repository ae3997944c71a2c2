#!/usr/bin/env bash
# Whole-process benchmark: times `vigil analyze` (every dissector, the inventory and every detector on;
# and again with --no-detect) beside the
# peers a user would pick instead, in the same run, on the reference capture built from real traffic.
#
#   bench/run.sh [RUNS]            default 3 runs each; medians reported
# env:
#   BENCH_PCAP    the capture (default bench/work/big.pcap, built by ../shared/bench/build-big-pcap.sh
#                 from ../shared/data/pcap/peers-src-*.tar.xz when missing)
#   PEERS         peers to time (default "tcpdump ndpi tshark-conv2"; see ../shared/bench/run-peers.sh)
#   SHARED        the shared directory (default ../shared)
#   BENCH_X4      set: also time vigil (as it ships) on the capture read four times over (one pcap
#                 stream on stdin, 4x the packets), for peak RSS on a capture four times the size
#   VIGIL_BASELINE  a directory holding the vigil-cli.jar (and lib/) of an earlier build: timed in
#                 the same run as "vigil-baseline" (both configurations, the launcher's JVM flags with
#                 its class-data archive), for before/after figures on a shared machine
# Needs: /usr/bin/time, tcpdump, ndpiReader (libndpi-bin), tshark, editcap/mergecap/capinfos.
# Writes bench/results/<timestamp>/{results.tsv,summary.tsv,summary.md}.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$ROOT/scripts/env.sh"
RUNS=${1:-3}
SHARED=${SHARED:-$ROOT/../shared}
PCAP=${BENCH_PCAP:-$ROOT/bench/work/big.pcap}
PEERS=${PEERS:-"tcpdump ndpi tshark-conv2"}
OUT=$ROOT/bench/results/$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT"

if [ ! -s "$PCAP" ]; then
  echo "== building the reference capture $PCAP"
  mkdir -p "$ROOT/bench/work/src"
  tar -xJf "$SHARED/data/pcap/peers-src-iot-sentinel.tar.xz" -C "$ROOT/bench/work/src"
  tar -xJf "$SHARED/data/pcap/peers-src-ndpi.tar.xz" -C "$ROOT/bench/work/src"
  bash "$SHARED/bench/build-big-pcap.sh" "$ROOT/bench/work/src" "$PCAP"
fi
"$ROOT/vigil" --version >/dev/null   # build once, outside the timings
"$ROOT/vigil" analyze -q --no-progress --out "$OUT/out-sample" "$ROOT/samples/iot-lab.pcapng.gz" # start-up cache made and used
variants="vigil vigil-no-detect vigil-threads1 vigil-threads2 vigil-full-jit ${BENCH_X4:+vigil-4x}"
if [ -n "${VIGIL_BASELINE:-}" ]; then
  BASE_CMD=("$JAVA" -XX:+UseSerialGC -Xms64m -Xmx512m -XX:+UseCompactObjectHeaders -XX:+ExitOnOutOfMemoryError
    -XX:SharedArchiveFile="$VIGIL_BASELINE/vigil.jsa" -XX:+AutoCreateSharedArchive -Xlog:cds=off -Xlog:cds+dynamic=off
    -jar "$VIGIL_BASELINE/vigil-cli.jar")
  "${BASE_CMD[@]}" analyze -q --no-progress --out "$OUT/out-sample" "$ROOT/samples/iot-lab.pcapng.gz"
  variants="$variants vigil-baseline vigil-baseline-no-detect"
fi

read -r PKTS DATA < <(capinfos -T -r -M -c -d "$PCAP" | awk -F'\t' '{print $2, $3}')
echo "capture: $PCAP packets=$PKTS runs=$RUNS"
RES=$OUT/results.tsv
printf 'capture\tpeer\trun\tpackets\tdata_bytes\twall_s\tuser_s\tsys_s\tmaxrss_kb\trc\n' > "$RES"
cat "$PCAP" > /dev/null
# vigil: everything on (as it ships: three threads, the first compiler tier), without behavioural
# detection (--no-detect), on one thread and on two (--threads 1, 2), with both compiler tiers
# (VIGIL_JIT=full); all but --no-detect must write identical files
for r in $(seq 1 "$RUNS"); do
  for variant in $variants; do
    rm -rf "$OUT/out-$variant"
    flags=(); input=("$PCAP"); pk=$PKTS
    case $variant in
      *-no-detect) flags=(--no-detect);;
      vigil-threads[12]) flags=(--threads "${variant#vigil-threads}");;
      vigil-4x) input=(-); pk=$((PKTS * 4));;
    esac
    cmd=("$ROOT/vigil"); case $variant in vigil-baseline*) cmd=("${BASE_CMD[@]}");; esac
    jit=; [ "$variant" = vigil-full-jit ] && jit=full
    t0=$(date +%s%N); rc=0
    if [ "$variant" = vigil-4x ]; then
      { cat "$PCAP"; for _ in 1 2 3; do tail -c +25 "$PCAP"; done; } \
        | /usr/bin/time -v -o "$OUT/time.txt" "${cmd[@]}" analyze -q --no-progress --out "$OUT/out-$variant" - || rc=$?
    else
      VIGIL_JIT=$jit /usr/bin/time -v -o "$OUT/time.txt" "${cmd[@]}" analyze -q --no-progress ${flags[@]+"${flags[@]}"} \
        --out "$OUT/out-$variant" "${input[@]}" || rc=$?
    fi
    t1=$(date +%s%N)
    awk -v cap="$(basename "$PCAP")" -v peer="$variant" -v run="$r" -v pk="$pk" -v db="$DATA" -v rc="$rc" -v w="$(( (t1 - t0) / 1000 ))" -F': ' '
      /User time/ {u=$2} /System time/ {s=$2} /Maximum resident/ {m=$2}
      END { printf "%s\t%s\t%s\t%s\t%s\t%.3f\t%.2f\t%.2f\t%s\t%s\n", cap, peer, run, pk, db, w/1e6, u, s, m, rc }' "$OUT/time.txt" >> "$RES"
    tail -n 1 "$RES"
  done
  for variant in vigil-threads1 vigil-threads2 vigil-full-jit; do
    for f in inventory.json findings.jsonl finding-groups.json plan.json trust-events.jsonl; do
      cmp -s "$OUT/out-vigil/$f" "$OUT/out-$variant/$f" || { echo "bench: $variant wrote another $f than vigil" >&2; exit 1; }
    done
  done
done
echo "outputs of vigil, vigil-threads1, vigil-threads2 and vigil-full-jit identical in every run"
# the peers, timed by the shared script (same method: /usr/bin/time -v, nanosecond wall clock)
PEERS="$PEERS" bash "$SHARED/bench/run-peers.sh" "$PCAP" "$RUNS" "$OUT/peers" >/dev/null
tail -n +2 "$OUT/peers/results.tsv" >> "$RES"

awk -F'\t' -v OFS='\t' 'NR==1 {next}
  { k=$2; n[k]++; W[k,n[k]]=$6; C[k,n[k]]=$7+$8; M[k,n[k]]=$9; pk[k]=$4 }
  function med(A, k, c,   i, j, t, a) { for (i=1;i<=c;i++) a[i]=A[k,i];
    for (i=1;i<=c;i++) for (j=i+1;j<=c;j++) if (a[j]<a[i]) {t=a[i];a[i]=a[j];a[j]=t}
    return (c%2) ? a[(c+1)/2] : (a[c/2]+a[c/2+1])/2 }
  END { for (k in n) { w=med(W,k,n[k]); c=med(C,k,n[k]); m=med(M,k,n[k]); printf "%s\t%.3f\t%.0f\t%.1f\t%.2f\n", k, w, pk[k]/w, m/1024, c } }' "$RES" \
  | sort -t$'\t' -k2,2n > "$OUT/summary.tsv"
VW=$(awk -F'\t' '$1=="vigil" {print $2}' "$OUT/summary.tsv")
VC=$(awk -F'\t' '$1=="vigil" {print $5}' "$OUT/summary.tsv")
{
  echo "# Whole-process benchmark, $(date -u +%Y-%m-%d)"
  echo
  echo "Capture: $(basename "$PCAP"), $PKTS packets, $(( $(stat -c %s "$PCAP") / 1000000 )) MB; $RUNS runs each, medians; $(nproc) cores."
  echo
  echo "| tool | wall s | CPU s (user+sys) | packets/s | peak RSS MB | Vigil's packets/s relative to it | Vigil's CPU s relative to it |"
  echo "|---|---|---|---|---|---|---|"
  awk -F'\t' -v vw="$VW" -v vc="$VC" '{ printf "| %s | %.2f | %.2f | %'"'"'d | %.0f | %s | %s |\n", $1, $2, $5, $3, $4,
    ($1=="vigil" ? "-" : sprintf("%.2fx", $2/vw)), ($1=="vigil" ? "-" : sprintf("%.2fx", vc/$5)) }' "$OUT/summary.tsv"
} > "$OUT/summary.md"
cat "$OUT/summary.md"
