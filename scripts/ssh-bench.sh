#!/bin/bash
# ssh-bench.sh - the SSH figures for BENCHMARKS.md: logins/s, `show version` latency over one
# session (median, p99 over N commands), heap and threads per open session.
# usage: scripts/ssh-bench.sh [N_COMMANDS]      (default 1000; run from anywhere)
# Builds into target-ssh (mvn offline when it can), then runs dev.routerlab.ssh.SshBench.
# Memory per session is measured with shells opened by a separate paramiko process when
# /usr/bin/python3 has paramiko (apt-get install python3-paramiko), else in-process.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-target-ssh}
mvn -q -o -Drl.buildDir="$BUILD" -DskipTests test-compile || mvn -q -Drl.buildDir="$BUILD" -DskipTests test-compile
CP_FILE="$BUILD/ssh-bench.cp"
if ! mvn -q -o -Drl.buildDir="$BUILD" dependency:build-classpath -Dmdep.outputFile="$CP_FILE" >/dev/null 2>&1; then
    # offline without the dependency plugin: the pom's compile dependencies from ~/.m2
    python3 - "$CP_FILE" <<'PY'
import os, re, sys, xml.etree.ElementTree as ET
ns = {"m": "http://maven.apache.org/POM/4.0.0"}
pom = ET.parse("pom.xml").getroot()
props = {p.tag.split("}")[1]: p.text for p in pom.find("m:properties", ns)}
repo = os.path.expanduser("~/.m2/repository")
jars = []
def add(g, a, v):
    jars.append(os.path.join(repo, *g.split("."), a, v, f"{a}-{v}.jar"))
for d in pom.find("m:dependencies", ns):
    if (d.findtext("m:scope", "", ns) or "compile") != "compile":
        continue
    v = re.sub(r"\$\{([^}]+)\}", lambda m: props[m.group(1)], d.findtext("m:version", "", ns))
    g, a = d.findtext("m:groupId", "", ns), d.findtext("m:artifactId", "", ns)
    add(g, a, v)
    if a == "sshd-core":
        add(g, "sshd-common", v)
    if a.startswith("slf4j-") and a != "slf4j-api":
        add(g, "slf4j-api", v)
missing = [j for j in jars if not os.path.exists(j)]
if missing:
    sys.exit("missing jars: " + ", ".join(missing))
open(sys.argv[1], "w").write(":".join(jars))
PY
fi
exec java -Xms256m -cp "$BUILD/classes:$BUILD/test-classes:$(cat "$CP_FILE")" dev.routerlab.ssh.SshBench "${1:-1000}"
