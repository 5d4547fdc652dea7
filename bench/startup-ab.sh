#!/usr/bin/env bash
# Launch to exit of `echo exit | ... console` for two builds, interleaved in the same minutes:
# N rounds (default 10) of hello (a bare JVM), `java -jar A`, `java -jar B`, and bin/routerlab
# (its class-data archive) over A and over B; prints best and median of each, to the end and to
# the first byte of output (the first prompt), and the load.
#   bench/startup-ab.sh [N] OLD.jar [NEW.jar (default target/routerlab.jar)]
# An old build: git archive COMMIT | tar -x -C /tmp/old && (cd /tmp/old && mvn -o -q -DskipTests package)
# RL_JAVA picks the JVM of all of them (as for bench/startup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10}
A=$(readlink -f "$2")
B=$(readlink -f "${3:-target/routerlab.jar}")
JAVA=${RL_JAVA:-java}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. bench/launch-lib.sh
hello_class "$tmp"
for j in "$A" "$B"; do archived "$j"; done
names=(hello "java -jar A" "java -jar B" "bin/routerlab A" "bin/routerlab B")
declare -a first exit_
for _ in $(seq 1 "$N"); do
  k=0
  for run in "$JAVA -cp $tmp Hello" "$JAVA -jar $A console" "$JAVA -jar $B console" "env RL_JAR=$A bin/routerlab console" "env RL_JAR=$B bin/routerlab console"; do
    # shellcheck disable=SC2086
    read -r f e <<< "$(ms $run)"
    first[$k]="${first[$k]:-} $f"; exit_[$k]="${exit_[$k]:-} $e"
    k=$((k + 1))
  done
done
stat() { local s; s=($(printf '%s\n' "$@" | sort -n)); echo "best ${s[0]} ms, median ${s[$(( $# / 2 ))]} ms"; }
for k in 0 1 2 3 4; do
  # shellcheck disable=SC2086
  printf '%-16s exit: %-28s first prompt: %s\n' "${names[$k]}" "$(stat ${exit_[$k]})" "$(stat ${first[$k]})"
done
echo "A: $A"; echo "B: $B"
uptime
