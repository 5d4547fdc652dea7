#!/usr/bin/env bash
# Figures: a lab of one hub and N spokes (default 999) with a GRE tunnel each, in one JVM:
# heap per router and the time until every tunnel is up and carrying a ping.
#   bench/lab-scale.sh [SPOKES]
# JVM options: RL_JAVA_OPTS (e.g. -XX:TieredStopAtLevel=1: see BENCHMARKS.md, "Scale and launch").
set -euo pipefail
cd "$(dirname "$0")/.."
B=${RL_BUILD_DIR:-target}
mvn -q -o -Drl.buildDir="$B" -DskipTests package test-compile >/dev/null
# shellcheck disable=SC2086
exec java -Xmx4g ${RL_JAVA_OPTS:-} -cp "$B/test-classes:$B/routerlab.jar" dev.routerlab.lab.bench.LabScale "$@"
