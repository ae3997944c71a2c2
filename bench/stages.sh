#!/usr/bin/env bash
# Stage costs: nanoseconds (and, with --gc, bytes allocated) per packet for reading, decoding, the
# flow table, the whole engine, each main dissector, the inventory, each hygiene check and each
# behavioural detector, on the first 200,000 packets of the reference capture (StageBenchmarks, JMH,
# wall clock); the same stages in thread CPU time (StageCpu: what they cost when the cores are
# shared); then the heap per flow and per device (Footprint).
#   bench/stages.sh [--gc] [JMH options]
# env: BENCH_PCAP (default bench/work/big.pcap, see bench/run.sh), SLICE (default bench/work/slice.pcap)
# Prints JMH's table; figures in docs/benchmarks.md.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$ROOT/scripts/env.sh"
PCAP=${BENCH_PCAP:-$ROOT/bench/work/big.pcap}
SLICE=${SLICE:-$ROOT/bench/work/slice.pcap}
[ -s "$PCAP" ] || { echo "no $PCAP: bench/run.sh builds it" >&2; exit 2; }
[ -s "$SLICE" ] || editcap -r "$PCAP" "$SLICE" 1-200000
prof=()
if [ "${1:-}" = "--gc" ]; then prof=(-prof gc); shift; fi
(cd "$ROOT" && "$MVN" -q -B -DskipTests package -pl bench -am)
cd "$ROOT"
WITHOUT=${WITHOUT:-dns+mdns+llmnr,http+rtsp,tls+dtls,dhcp+dhcpv6,ssdp,ntp,ssh}
LISTENERS=${LISTENERS:-inventory,credentials,services,tls_checks,updates,dns_names,scan,brute_force,c2,ddos,tunnel,exploit,lateral,behavior}
"$JAVA" -Dvigil.slice="$SLICE" -jar bench/target/benchmarks.jar "StageBenchmarks\.(read|decode|flowTable|engine)$" \
  -p without=dns -p listener=inventory ${prof[@]+"${prof[@]}"} "$@"
"$JAVA" -Dvigil.slice="$SLICE" -jar bench/target/benchmarks.jar "StageBenchmarks\.engineWithout$" \
  -p without="$WITHOUT" -p listener=inventory ${prof[@]+"${prof[@]}"} "$@"
"$JAVA" -Dvigil.slice="$SLICE" -jar bench/target/benchmarks.jar "StageBenchmarks\.listener$" \
  -p without=dns -p listener="$LISTENERS" ${prof[@]+"${prof[@]}"} "$@"
CP=(-XX:+UseSerialGC -Xms1g -Xmx1g -XX:+UseCompactObjectHeaders -Dvigil.slice="$SLICE" -cp bench/target/benchmarks.jar)
"$JAVA" "${CP[@]}" dev.vigil.bench.StageCpu "$WITHOUT" "$LISTENERS"
"$JAVA" "${CP[@]}" dev.vigil.bench.Footprint
