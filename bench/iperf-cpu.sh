#!/usr/bin/env bash
# Issue 14: the lab JVM's CPU per TCP segment through R1—R2—R3 (GRE over IPsec, or clear GRE) while
# iperf3 runs, a figure that holds when the machine is loaded (wall-clock Gbit/s does not). Runs
# ../shared/reference/perf/e2e/routerlab-iperf.sh and reads the JVM's /proc counters (utime + stime,
# and per thread the time it waited for a CPU, schedstat) when iperf3's client starts and ends (root).
#   bench/iperf-cpu.sh [ROUNDS [MODE [JAR...]]]   (default: 1 round, gcm, the built jar; JAR may be LABEL=PATH)
set -u
cd "$(dirname "$0")/.."; P=$(realpath "${RL_PERF:-../shared/reference/perf}")
ROUNDS=${1:-1}; MODE=${2:-gcm}; shift 2 || shift $#
[ $# -gt 0 ] || { mvn -q -o -DskipTests package >/dev/null; set -- "now=target/routerlab.jar"; }
HZ=$(getconf CLK_TCK)
jvm() { pgrep -f -n "java -jar .* lab /tmp/rle2e"; }
cpu() { # ticks of user+system of process $1
  awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null; }
threads() { # "name ticks" per thread of $1 (names as the kernel has them: 15 characters)
  for t in /proc/"$1"/task/*; do echo "$(tr ' ' _ <"$t/comm") $(awk '{sub(/.*\) /, ""); print $12, $13}' "$t/stat")"; done 2>/dev/null; }
waited() { # ns all threads of $1 waited for a CPU
  cat /proc/"$1"/task/*/schedstat 2>/dev/null | awk '{s += $2} END {print s + 0}'; }
for r in $(seq "$ROUNDS"); do
  for j in "$@"; do label=${j%%=*}; jar=${j#*=}
    out=$(mktemp)
    "$P/e2e/routerlab-iperf.sh" "$jar" "$MODE" 10 >"$out" 2>&1 &
    e2e=$!
    pid=""; c0=""; w0=""
    for _ in $(seq 600); do
      [ -z "$pid" ] && pid=$(jvm)
      if [ -n "$pid" ] && pgrep -f "iperf3 -c 10.3.0.1" >/dev/null; then c0=$(cpu "$pid"); w0=$(waited "$pid"); threads "$pid" >"$out.t0"; t0=$(date +%s.%N); break; fi
      sleep 0.05
    done
    c1=""; w1=""
    while pgrep -f "iperf3 -c 10.3.0.1" >/dev/null; do c1=$(cpu "$pid"); w1=$(waited "$pid"); threads "$pid" >"$out.t1"; t1=$(date +%s.%N); sleep 0.05; done
    wait "$e2e"
    cli=$(ls -td /tmp/rle2e.* 2>/dev/null | head -1)
    line=$(grep "TCP:" "$out")
    gbit=$(echo "$line" | sed -E 's/.*TCP: ([0-9.]+) Gbit.*/\1/')
    if [ -z "$c0" ] || [ -z "$c1" ] || [ -z "$gbit" ]; then echo "$label $MODE: no figure"; cat "$out"; rm -f "$out"; continue; fi
    # segments: bytes received over the MSS iperf3 saw; CPU while the client ran
    awk -v c0="$c0" -v c1="$c1" -v hz="$HZ" -v t0="$t0" -v t1="$t1" -v g="$gbit" -v w0="$w0" -v w1="$w1" -v l="$label" -v m="$MODE" \
        -v load="$(cut -d' ' -f1 /proc/loadavg)" 'BEGIN {
      secs = t1 - t0; cpus = (c1 - c0) / hz; segs = g * 1e9 / 8 * secs / 1390
      printf "%s %s: %.3f Gbit/s, JVM CPU %.2f s in %.1f s (%.2f cores), waited for a CPU %.2f s (all threads), %.0f ns CPU per 1,390-byte segment, load %s\n",
        l, m, g, cpus, secs, cpus / secs, (w1 - w0) / 1e9, cpus * 1e9 / segs, load }'
    # per kind of thread: CPU seconds while iperf3 ran
    # and the routers' own threads (TUN readers, lab workers): user CPU per segment, without JIT, GC or the kernel
    awk -v hz="$HZ" -v g="$gbit" -v t0="$t0" -v t1="$t1" 'NR == FNR {a[$1] += $2; as[$1] += $3; next} {b[$1] += $2; bs[$1] += $3} END {
      for (k in b) { n = k; sub(/[0-9#]+$/, "", n); d[n] += (b[k] - a[k]) / hz; ds[n] += (bs[k] - as[k]) / hz
        if (k ~ /^(tun-|lab-worker)/) { ru += (b[k] - a[k]) / hz; rs += (bs[k] - as[k]) / hz } }
      segs = g * 1e9 / 8 * (t1 - t0) / 1390
      s = "  threads (user+system CPU s):"; for (n in d) if (d[n] + ds[n] >= 0.05) s = s sprintf(" %s %.2f+%.2f;", n, d[n], ds[n]); print s
      printf "  router threads: user %.0f ns + system %.0f ns per segment\n", ru * 1e9 / segs, rs * 1e9 / segs }' "$out.t0" "$out.t1"
    rm -f "$out" "$out.t0" "$out.t1"
  done
done
