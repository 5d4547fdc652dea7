#!/usr/bin/env bash
# Figures: one DMVPN hub and N phase-3 spokes (default 1000) in one JVM in virtual time: heap per
# spoke, time until all are registered, the hub's `show dmvpn` render time; then P spoke pairs
# (default 100) resolving at once: time until all their shortcut routes are installed.
#   bench/dmvpn-scale.sh [SPOKES [PAIRS [ipsec|ikev2|ikev2-rsa]]]   (tunnel protection on every Tunnel0 with IKEv1, IKEv2 PSK or
#   IKEv2 with RSA-2048 certificates; SAs up = converged)
# JVM options: RL_JAVA_OPTS (e.g. -XX:TieredStopAtLevel=1: see BENCHMARKS.md, "Scale and launch").
set -euo pipefail
cd "$(dirname "$0")/.."
B=${RL_BUILD_DIR:-target}
mvn -q -o -Drl.buildDir="$B" -DskipTests package test-compile >/dev/null
# shellcheck disable=SC2086
exec java -Xmx4g ${RL_JAVA_OPTS:-} -cp "$B/test-classes:$B/routerlab.jar" dev.routerlab.nhrp.bench.DmvpnScale "$@"
