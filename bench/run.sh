#!/usr/bin/env bash
# Runs JMH benchmarks from the test classpath: bench/run.sh [JMH args, e.g. ConfigLoadBench -f 1]
set -euo pipefail
cd "$(dirname "$0")/.."
B=${RL_BUILD_DIR:-target}
mvn -q -Drl.buildDir="$B" -DskipTests test-compile org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.outputFile="$PWD/$B/bench.cp" -Dmdep.includeScope=test >/dev/null
exec java -cp "$B/test-classes:$B/classes:$(cat "$B/bench.cp")" org.openjdk.jmh.Main "$@"
