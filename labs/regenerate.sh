#!/usr/bin/env bash
# Regenerates every lab transcript from its script: labs/NAME/scripts/X.script -> labs/NAME/X.txt,
# and the troubleshooting ones: transcripts/labs/NAME/scripts/X.script -> transcripts/labs/NAME/X.txt.
# Review the result with `git diff labs/` before keeping it: a transcript is a claim about what
# IOS prints. Build first: mvn -q -DskipTests package (or set JAR).
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${JAR:-target/routerlab.jar}
FLASH=$(mktemp -d)
trap 'rm -rf "$FLASH"' EXIT
for dir in labs/*/ transcripts/labs/*/; do
  dir=${dir%/}
  lab=labs/$(basename "$dir")
  for s in "$dir"/scripts/*.script; do
    [ -e "$s" ] || continue
    out="$dir/$(basename "$s" .script).txt"
    java -jar "$JAR" lab "$lab" --script "$s" --flash "$FLASH" > "$out"
    echo "$out"
  done
done
