#!/usr/bin/env bash
# Runs JMH benchmarks from the test classpath: bench/run.sh [JMH args, e.g. ConfigLoadBench -f 1]
set -euo pipefail
cd "$(dirname "$0")/.."
B=${RL_BUILD_DIR:-target}
mvn -q -o -Drl.buildDir="$B" -DskipTests test-compile dependency:build-classpath \
  -Dmdep.outputFile="$B/bench.cp" -Dmdep.includeScope=test >/dev/null
exec java -cp "$B/test-classes:$B/classes:$(cat "$B/bench.cp")" org.openjdk.jmh.Main "$@"
