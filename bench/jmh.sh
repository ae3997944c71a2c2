#!/usr/bin/env bash
# JMH micro-benchmarks of the engine (decoder, flow table, pipeline, DNS and HTTP parsers).
#   bench/jmh.sh [JMH options, e.g. -f 1 -wi 2 -i 3 EngineBenchmarks.decode]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$ROOT/scripts/env.sh"
(cd "$ROOT" && "$MVN" -q -B -DskipTests package -pl bench -am)
cd "$ROOT"
exec "$JAVA" -jar bench/target/benchmarks.jar "$@"
