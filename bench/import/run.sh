#!/usr/bin/env bash
# Issue 21 point 4's benchmark: an offline import of a 200 MB signed bundle, time until the server
# says "ready to install", beside sha256sum of the same file in the same run (goal <= 1.5 x).
# Writes bench/import/last-run.txt.
#
#   bench/import/run.sh          (RELEASE_MB=200 REPEAT=5 by default)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
# A reactor build of the server and what it needs (nothing is installed into ~/.m2).
mvn -B -q -o -pl server -am test -Dtest=ImportBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.releaseMb="${RELEASE_MB:-200}" -Dbench.repeat="${REPEAT:-5}" -Dbench.out="$ROOT/bench/import/last-run.txt"
cat "$ROOT/bench/import/last-run.txt"
