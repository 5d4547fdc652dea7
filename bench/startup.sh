#!/usr/bin/env bash
# Launch to exit of `echo exit | ... console` (the first prompt, then `exit`), against a bare JVM
# printing hello, interleaved in the same minutes: N rounds (default 10) of
#   hello:    java -Xshare:auto Hello (the yardstick)
#   jar:      java -jar target/routerlab.jar console
#   launcher: bin/routerlab console (target/routerlab-app.jar with its class-data-sharing archive)
# prints best and median of each, the ratios to hello, and the load average; then the same for
# launch to the first byte of output: the first prompt (hello's `hello`).
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
# "FIRST EXIT" ms of one launch with `exit` on its input: to its first byte of output, to its end
ms() {
  local s f e
  s=$(date +%s%N)
  f=$(echo exit | "$@" | { IFS= read -r -n 1 _; date +%s%N; cat > /dev/null; })
  e=$(date +%s%N)
  echo "$(( (f - s) / 1000000 )) $(( (e - s) / 1000000 ))"
}
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
