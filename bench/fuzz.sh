#!/usr/bin/env bash
# Runs the mutation fuzzer over real captures at benchmark scale (default 5 million mutated packets;
# CI runs 60,000). A crash leaves its input under vigil-engine/target/fuzz-failures.
#   bench/fuzz.sh [PACKETS] [SEED]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$ROOT/scripts/env.sh"
cd "$ROOT"
exec "$MVN" -q -B -pl vigil-engine test -Dtest=FuzzTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dvigil.fuzz.packets="${1:-5000000}" -Dvigil.fuzz.seed="${2:-20261125}"
