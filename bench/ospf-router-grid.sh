#!/usr/bin/env bash
# Figures for issue 11: N full routers (default 100) on a grid of Ethernet links, OSPF
# point-to-point, configured from the CLI, in virtual time: time to full adjacency and every
# loopback route, SPF runs, heap per router. (The engines alone: bench/ospf-grid.sh.)
#   bench/ospf-router-grid.sh [ROUTERS]
set -euo pipefail
cd "$(dirname "$0")/.."
B=${RL_BUILD_DIR:-target}
mvn -q -o -Drl.buildDir="$B" -DskipTests package test-compile >/dev/null
exec java -Xmx4g -cp "$B/test-classes:$B/routerlab.jar" dev.routerlab.ospf.bench.OspfRouterGrid "$@"
