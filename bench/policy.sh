#!/usr/bin/env bash
# Policy load benchmark: DEVICES devices x ENTRIES entries (default 1,000 x 20) compiled, rendered and
# applied to nftables in a network namespace this script creates and removes; also an identical
# re-apply (a no-op) and one quarantine. Needs root, nft and ip.
#   bench/policy.sh [DEVICES] [ENTRIES] [RUNS]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$ROOT/scripts/env.sh"
(cd "$ROOT" && "$MVN" -q -B -DskipTests -Dmaven.test.skip=true package -pl bench -am)
NS=vgbench$$
ip netns add "$NS"
trap 'ip netns del "$NS"' EXIT
"$JAVA" -Xmx1g -cp "$ROOT/bench/target/benchmarks.jar" dev.vigil.bench.PolicyLoad "$NS" "${1:-1000}" "${2:-20}" "${3:-5}"
