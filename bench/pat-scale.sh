#!/usr/bin/env bash
# Figures: PAT with N active translations (default 100,000) on one router: translations created
# per second, packets per second through existing ones, heap per translation.
#   bench/pat-scale.sh [N [ROUNDS]]
set -euo pipefail
cd "$(dirname "$0")/.."
B=${RL_BUILD_DIR:-target}
mvn -q -o -Drl.buildDir="$B" -DskipTests package test-compile >/dev/null
exec java -Xmx2g -cp "$B/test-classes:$B/routerlab.jar" dev.routerlab.bench.PatScale "$@"
