#!/usr/bin/env bash
# Wall time from launch to exit of `echo exit | java -jar target/routerlab.jar console`, 10 runs,
# prints each and the median. Build first: mvn -q -DskipTests package
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${1:-target/routerlab.jar}
times=()
for i in $(seq 1 10); do
  s=$(date +%s%N); echo exit | java -jar "$JAR" console >/dev/null; e=$(date +%s%N)
  times+=($(( (e - s) / 1000000 )))
done
printf '%s ms\n' "${times[@]}"
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
echo "median: $(( (sorted[4] + sorted[5]) / 2 )) ms"
