#!/bin/bash
# Issue 14's yardsticks in one sitting, ratios against the references in ../shared/reference/perf (root).
#   bench/issue14-yardsticks.sh   (builds first; run on a quiet machine)
set -u
cd "$(dirname "$0")/.."; P=${RL_PERF:-../shared/reference/perf}; P=$(realpath "$P")
# the yardsticks' own tools: a missing one would leave its rows empty below
for t in gcc iperf3 swanctl pidstat openssl ip; do
  command -v "$t" >/dev/null || { echo "missing $t (apt-get install: iproute2 iperf3 strongswan-swanctl sysstat openssl gcc)" >&2; exit 1; }
done
mvn -q -o -DskipTests package >/dev/null
echo "== $(date -u +%H:%M:%S) uptime: $(uptime)"
gcc -O2 -o /tmp/tunbench $P/tun/tunbench.c 2>/dev/null
$P/tun/setup_netns.sh >/dev/null 2>&1
echo "== tunbench before"; ip netns exec perfns taskset -c 1 /tmp/tunbench fwd 300000 1400 1 2>&1 | tail -3
echo "== routerlab tun-throughput"; bench/tun-throughput.sh 5 2>&1 | tail -8
echo "== routerlab tun-throughput gso (the sender hands its kernel 64 KB of datagrams per send)"; bench/tun-throughput.sh 5 gso 2>&1 | grep -E "byte IP packets"
echo "== tunbench after"; ip netns exec perfns taskset -c 1 /tmp/tunbench fwd 300000 1400 1 2>&1 | tail -3
echo "== $(date -u +%H:%M:%S) uptime: $(uptime)"
mkdir -p /tmp/ss/run /tmp/ss/logs
echo "== strongswan before"; RUN=/tmp/ss/run LOGS=/tmp/ss/logs REPS=1 DUR=10 TESTS="veth gcm" PROTOS=tcp RATE_SWEEP="" UDP_LENS="" $P/strongswan/libipsec-iperf.sh 2>&1 | grep -E "Gbit/s|cpu\(all"
for m in gcm clear gcm; do echo "== routerlab $m"; $P/e2e/routerlab-iperf.sh target/routerlab.jar $m 10 2>&1 | tail -3; done
echo "== strongswan after"; RUN=/tmp/ss/run LOGS=/tmp/ss/logs REPS=1 DUR=10 TESTS="gcm" PROTOS=tcp RATE_SWEEP="" UDP_LENS="" $P/strongswan/libipsec-iperf.sh 2>&1 | grep -E "Gbit/s|cpu\(all"
echo "== $(date -u +%H:%M:%S) uptime: $(uptime)"
echo "== startup jdk17"; bench/startup.sh 10 2>&1 | tail -8
echo "== startup jdk25"; RL_JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java bench/startup.sh 10 2>&1 | tail -8
echo "== $(date -u +%H:%M:%S) uptime: $(uptime)"
echo "== lab-scale 10000"; bench/lab-scale.sh 10000 2>&1 | tail -8
echo "== $(date -u +%H:%M:%S) uptime: $(uptime)"
echo "== dmvpn-scale 5000 ikev2"; bench/dmvpn-scale.sh 5000 100 ikev2 2>&1 | tail -12
echo "== $(date -u +%H:%M:%S) uptime: $(uptime)"
