#!/usr/bin/env bash
# Issue 14: ESP AES-GCM-128 per core against OpenSSL, in CPU time (which the load of a shared
# machine disturbs far less than wall-clock rates), in the same minutes:
#   bench/gcm-vs-openssl.sh [sizes...]          (default: 64 512 1400)
# For each size: `openssl speed -evp aes-128-gcm` (its user-CPU figure; OpenSSL 3.0 re-keys per
# packet there), bench/gcm-esp-floor.c (ESP's per-packet calls made from C: the floor for any
# caller of libcrypto), esp.bench.GcmCpuProbe (routerlab's engines in place through EspSa: ns of
# CPU and bytes allocated per packet), then openssl speed again. JAVA_HOME picks the JDK (22+:
# libcrypto through FFM, else JCE's core), RL_BUILD_DIR the build directory, as for bench/run.sh
# (RL_NO_BUILD=1: use it as it is).
set -euo pipefail
cd "$(dirname "$0")/.."
B=${RL_BUILD_DIR:-target}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(64 512 1400)
[ -n "${RL_NO_BUILD:-}" ] || mvn -o -q -Drl.buildDir="$B" -DskipTests test-compile >/dev/null
cp="$B/classes:$B/test-classes"; opts=(--add-opens=java.base/com.sun.crypto.provider=ALL-UNNAMED)   # as the jar's
feature=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')
if [ "${feature:-0}" -ge 22 ] && [ -d "$B/classes/META-INF/versions/22" ]; then
  cp="$B/classes/META-INF/versions/22:$cp"; opts+=(--enable-native-access=ALL-UNNAMED)
fi
floor=$(mktemp -d)/gcm-esp-floor
gcc -O2 -o "$floor" bench/gcm-esp-floor.c -lcrypto
speed() {  # prints ns of CPU per packet of `openssl speed` at size $1
  openssl speed -evp aes-128-gcm -bytes "$1" -seconds 3 2>/dev/null | awk -v n="$1" '/^AES-128-GCM/ {
    k = $2; sub(/k$/, "", k); printf "openssl speed -evp aes-128-gcm -bytes %d: %.0fk bytes/s of CPU = %.1f ns CPU/packet\n", n, k, n * 1e6 / k }'
}
for n in "${sizes[@]}"; do
  echo "== $n octets, $(uptime)"
  speed "$n"
  "$floor" "$n" 1 3 | tail -8
  "$java" "${opts[@]}" -cp "$cp" dev.routerlab.esp.bench.GcmCpuProbe "$n" 1 5 | grep -v 'round 0'
  speed "$n"
done
echo "== $(uptime)"
