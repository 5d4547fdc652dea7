#!/usr/bin/env bash
# Issue 14, iperf3 TCP through R1—R2—R3 (GRE with tunnel protection, ESP AES-128-GCM transport
# mode; and clear GRE) between two namespaces, against strongSwan kernel-libipsec (and plain veth)
# run just before and after in the same minutes (root; ../shared/reference/perf's scripts).
#   bench/gre-ipsec-iperf.sh [ROUNDS [JAR...]]   (default: 2 rounds of the built jar: gcm, clear, gcm)
# Each JAR may be LABEL=PATH; JAVA_TOOL_OPTIONS passes on to the lab's JVM.
set -u
cd "$(dirname "$0")/.."; P=$(realpath "${RL_PERF:-../shared/reference/perf}")
ROUNDS=${1:-2}; shift || true
[ $# -gt 0 ] || { mvn -q -o -DskipTests package >/dev/null; set -- "now=target/routerlab.jar"; }
mkdir -p /tmp/ss/run /tmp/ss/logs
ss() { RUN=/tmp/ss/run LOGS=/tmp/ss/logs REPS=1 DUR=10 TESTS="$1" PROTOS=tcp RATE_SWEEP="" UDP_LENS="" \
         "$P/strongswan/libipsec-iperf.sh" >/dev/null 2>&1
       for t in $1; do grep "^| $([ "$t" = veth ] && echo plain || echo libipsec)" /tmp/ss/logs/summary.md; done; }
for r in $(seq "$ROUNDS"); do
  echo "== round $r $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "-- strongSwan (and veth) before"; ss "veth gcm"
  for mode in gcm clear gcm; do
    for j in "$@"; do label=${j%%=*}; jar=${j#*=}
      echo "-- $label $mode $(date -u +%T) load $(cut -d' ' -f1 /proc/loadavg)"
      "$P/e2e/routerlab-iperf.sh" "$jar" "$mode" 10 2>&1 | grep -E "TCP:|no connectivity"
    done
  done
  echo "-- strongSwan after"; ss gcm
done
echo "== end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
