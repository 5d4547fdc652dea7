#!/usr/bin/env bash
# Figures (root): packets/s through one router between two TUN devices, for 64- and 1400-byte
# packets; the sender and sink run in network namespaces this creates and removes.
#   bench/tun-throughput.sh [SECONDS [gso]]   (gso: the sender hands its kernel 64 KB of datagrams per send, UDP GSO)
set -euo pipefail
cd "$(dirname "$0")/.."
B=${RL_BUILD_DIR:-target}
mvn -q -o -Drl.buildDir="$B" -DskipTests package test-compile >/dev/null
exec java -cp "$B/test-classes:$B/routerlab.jar" dev.routerlab.lab.bench.TunThroughput "$@"
