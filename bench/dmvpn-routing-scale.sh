#!/usr/bin/env bash
# Figures: DmvpnScale's hub and spokes routed by OSPF or EIGRP (whole routers, virtual time):
#   bench/dmvpn-routing-scale.sh ospf [SPOKES]            hub with SPOKES (500) OSPF neighbours on mGRE: time to all FULL, heap
#   bench/dmvpn-routing-scale.sh eigrp [SPOKES [ipsec]]   SPOKES (1000) EIGRP spokes: time until each has every route, heap, reconvergence
set -euo pipefail
cd "$(dirname "$0")/.."
B=${RL_BUILD_DIR:-target}
mvn -q -o -Drl.buildDir="$B" -DskipTests package test-compile >/dev/null
exec java -Xmx8g -cp "$B/test-classes:$B/routerlab.jar" dev.routerlab.nhrp.bench.DmvpnRoutingScale "$@"
