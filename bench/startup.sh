#!/usr/bin/env bash
# Launch to exit of `echo exit | ... console` (the first prompt, then `exit`), against a bare JVM
# printing hello, interleaved in the same minutes: N rounds (default 10) of
#   hello:    java -Xshare:auto Hello (the yardstick)
#   jar:      java -jar target/routerlab.jar console
#   launcher: bin/routerlab console (the same jar with its class-data-sharing archive)
# prints best and median of each, the ratios to hello, and the load average.
# Build first: mvn -q -DskipTests package
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10}
JAR=target/routerlab.jar
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' > "$tmp/Hello.java"
javac --release 17 -d "$tmp" "$tmp/Hello.java"
JAVA=${RL_JAVA:-java}                                   # the JVM of all three (bin/routerlab reads RL_JAVA too)
echo exit | bin/routerlab console > /dev/null          # writes the archive if the jar is newer
# JDK 24+: the AOT cache is made in the background after that first run
for _ in $(seq 1 600); do
  [ -n "$(find target -maxdepth 1 -name 'routerlab*-jdk*' \( -name '*.jsa' -o -name '*.aot' \) -newer "$JAR")" ] && break
  sleep 0.1
done
ms() { local s e; s=$(date +%s%N); "$@" > /dev/null; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
hello=(); jar=(); launcher=()
for i in $(seq 1 "$N"); do
  hello+=("$(ms "$JAVA" -cp "$tmp" Hello)")
  jar+=("$(echo exit | ms "$JAVA" -jar "$JAR" console)")
  launcher+=("$(echo exit | ms bin/routerlab console)")
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
uptime
