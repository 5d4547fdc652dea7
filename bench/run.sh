#!/usr/bin/env bash
# Runs JMH benchmarks from the test classpath: bench/run.sh [JMH args, e.g. ConfigLoadBench -f 1]
# The JDK: JAVA_HOME's (for Maven and the benchmark alike), else the PATH's. On JDK 22+ the
# multi-release classes (META-INF/versions/22: ESP's AES-GCM on libcrypto) join the classpath
# with native access enabled, as in the jar; JMH's forks inherit both.
set -euo pipefail
cd "$(dirname "$0")/.."
B=${RL_BUILD_DIR:-target}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
mvn -q -Drl.buildDir="$B" -DskipTests test-compile org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.outputFile="$PWD/$B/bench.cp" -Dmdep.includeScope=test >/dev/null
cp="$B/test-classes:$B/classes"
opts=(--add-opens=java.base/com.sun.crypto.provider=ALL-UNNAMED)   # as the jar's Add-Opens (esp.JceCoreGcm)
if [ -d "$B/classes/META-INF/versions/22" ]; then
  feature=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')
  if [ "${feature:-0}" -ge 22 ]; then
    cp="$cp:$B/classes/META-INF/versions/22"
    opts+=(--enable-native-access=ALL-UNNAMED)
  fi
fi
exec "$java" "${opts[@]}" -cp "$cp:$(cat "$B/bench.cp")" org.openjdk.jmh.Main "$@"
