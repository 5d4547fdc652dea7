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
printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' > "$tmp/Hello.java"
javac --release 17 -d "$tmp" "$tmp/Hello.java"
for j in "$A" "$B"; do
  echo exit | RL_JAR=$j bin/routerlab console > /dev/null          # writes the archive
  for _ in $(seq 1 600); do                                         # JDK 24+: made in the background
    [ -n "$(find "$(dirname "$j")" -maxdepth 1 -name "$(basename "${j%.jar}")*-jdk*" \( -name '*.jsa' -o -name '*.aot' \) -newer "$j")" ] && break
    sleep 0.1
  done
done
# "FIRST EXIT" ms of one launch with `exit` on its input: to its first byte of output (the first
# prompt; hello's `hello`), to its end
ms() {
  local s f e
  s=$(date +%s%N)
  f=$(echo exit | "$@" | { IFS= read -r -n 1 _; date +%s%N; cat > /dev/null; })
  e=$(date +%s%N)
  echo "$(( (f - s) / 1000000 )) $(( (e - s) / 1000000 ))"
}
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
