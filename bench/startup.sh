#!/usr/bin/env bash
# Launch to exit of `echo exit | ... console` (the first prompt, then `exit`), against a bare JVM
# printing hello, interleaved in the same minutes: N rounds (default 10) of
#   hello:    java -Xshare:auto Hello (the yardstick)
#   jar:      java -jar target/routerlab.jar console
#   launcher: bin/routerlab console (target/routerlab-launch.jar with its class-data-sharing archive)
# prints best and median of each, the ratios to hello, and the load average; then the same for
# launch to the first byte of output: the first prompt (hello's `hello`).
# Build first: mvn -q -DskipTests package
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10}
JAR=target/routerlab.jar
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. bench/launch-lib.sh
hello_class "$tmp"
JAVA=${RL_JAVA:-java}                                   # the JVM of all three (bin/routerlab reads RL_JAVA too)
archived "$JAR"
hello=(); jar=(); launcher=(); hello1=(); jar1=(); launcher1=()
for i in $(seq 1 "$N"); do
  read -r f e <<< "$(ms "$JAVA" -cp "$tmp" Hello)"; hello+=("$e"); hello1+=("$f")
  read -r f e <<< "$(ms "$JAVA" -jar "$JAR" console)"; jar+=("$e"); jar1+=("$f")
  read -r f e <<< "$(ms bin/routerlab console)"; launcher+=("$e"); launcher1+=("$f")
done
stat() {   # best median
  local sorted; sorted=($(printf '%s\n' "$@" | sort -n))
  echo "${sorted[0]} ${sorted[$(( ${#sorted[@]} / 2 ))]}"
}
read -r hb hm <<< "$(stat "${hello[@]}")"
read -r jb jm <<< "$(stat "${jar[@]}")"
read -r lb lm <<< "$(stat "${launcher[@]}")"
printf '%-10s best %5d ms  median %5d ms\n' hello "$hb" "$hm"
printf '%-10s best %5d ms  median %5d ms  (best %.2fx hello, median %.2fx)\n' jar "$jb" "$jm" \
  "$(echo "$jb / $hb" | bc -l)" "$(echo "$jm / $hm" | bc -l)"
printf '%-10s best %5d ms  median %5d ms  (best %.2fx hello, median %.2fx)\n' launcher "$lb" "$lm" \
  "$(echo "$lb / $hb" | bc -l)" "$(echo "$lm / $hm" | bc -l)"
echo "to the first prompt (first byte of output):"
read -r hb hm <<< "$(stat "${hello1[@]}")"
read -r jb jm <<< "$(stat "${jar1[@]}")"
read -r lb lm <<< "$(stat "${launcher1[@]}")"
printf '%-10s best %5d ms  median %5d ms\n' hello "$hb" "$hm"
printf '%-10s best %5d ms  median %5d ms  (best %.2fx hello, median %.2fx)\n' jar "$jb" "$jm" \
  "$(echo "$jb / $hb" | bc -l)" "$(echo "$jm / $hm" | bc -l)"
printf '%-10s best %5d ms  median %5d ms  (best %.2fx hello, median %.2fx)\n' launcher "$lb" "$lm" \
  "$(echo "$lb / $hb" | bc -l)" "$(echo "$lm / $hm" | bc -l)"
uptime
