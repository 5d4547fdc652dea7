#!/usr/bin/env bash
# Launch to exit of `echo exit | ... console` for two builds, interleaved in the same minutes:
# N rounds (default 10) of hello (a bare JVM), `java -jar A`, `java -jar B`, and bin/routerlab
# (its class-data archive) over A and over B; prints best and median of each, and the load.
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
printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' > "$tmp/Hello.java"
javac --release 17 -d "$tmp" "$tmp/Hello.java"
for j in "$A" "$B"; do
  echo exit | RL_JAR=$j bin/routerlab console > /dev/null          # writes the archive
  for _ in $(seq 1 600); do                                         # JDK 24+: made in the background
    [ -n "$(find "$(dirname "$j")" -maxdepth 1 -name "$(basename "${j%.jar}")*-jdk*" \( -name '*.jsa' -o -name '*.aot' \) -newer "$j")" ] && break
    sleep 0.1
  done
done
ms() { local s e; s=$(date +%s%N); "$@" > /dev/null; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
hello=(); ja=(); jb=(); la=(); lb=()
for _ in $(seq 1 "$N"); do
  hello+=("$(ms "$JAVA" -cp "$tmp" Hello)")
  ja+=("$(echo exit | ms "$JAVA" -jar "$A" console)")
  jb+=("$(echo exit | ms "$JAVA" -jar "$B" console)")
  la+=("$(echo exit | RL_JAR=$A ms bin/routerlab console)")
  lb+=("$(echo exit | RL_JAR=$B ms bin/routerlab console)")
done
stat() { local s; s=($(printf '%s\n' "$@" | sort -n)); echo "best ${s[0]} ms, median ${s[$(( $# / 2 ))]} ms"; }
echo "hello            $(stat "${hello[@]}")"
echo "java -jar A      $(stat "${ja[@]}")"
echo "java -jar B      $(stat "${jb[@]}")"
echo "bin/routerlab A  $(stat "${la[@]}")"
echo "bin/routerlab B  $(stat "${lb[@]}")"
echo "A: $A"; echo "B: $B"
uptime
