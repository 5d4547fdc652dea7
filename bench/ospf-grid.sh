#!/usr/bin/env bash
# Figures for issue 11: N OSPF engines (default 1000) in one area on a grid of point-to-point
# links, in virtual time: wall time to convergence, SPF runs and time per run, heap per router.
#   bench/ospf-grid.sh [ROUTERS]
# SPF alone over a 1,000-router grid LSDB (JMH): bench/run.sh OspfSpfBench -f 1
set -euo pipefail
cd "$(dirname "$0")/.."
B=${RL_BUILD_DIR:-target}
mvn -q -o -Drl.buildDir="$B" -DskipTests test-compile >/dev/null
exec java -Xmx4g -cp "$B/test-classes:$B/classes" dev.routerlab.ospf.bench.OspfGridScale "$@"
