#!/usr/bin/env bash
# Scripted scale run: bench/config-scale.sh [LOOPBACKS] [ACL_ENTRIES]  (defaults 10000 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
B=${RL_BUILD_DIR:-target}
mvn -q -Drl.buildDir="$B" -DskipTests test-compile org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.outputFile="$PWD/$B/bench.cp" -Dmdep.includeScope=test >/dev/null
exec java ${JAVA_OPTS:-} -cp "$B/test-classes:$B/classes:$(cat "$B/bench.cp")" dev.routerlab.bench.ConfigScale "$@"
