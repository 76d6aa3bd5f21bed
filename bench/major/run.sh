#!/usr/bin/env bash
# Issue M's benchmark: how long a major update keeps the main base locked beyond the migration's own
# run time (lock, backup, install, unlock), for a ~200 MB release and 100 000 patients, on H2 and
# PostgreSQL (needs PostgreSQL at 127.0.0.1:5432). Writes bench/major/last-run.txt.
#
#   bench/major/run.sh          (RELEASE_MB=200 PATIENTS=100000 by default)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
mvn -B -q -o install -DskipTests 2>/dev/null || mvn -B -q install -DskipTests
mvn -B -q -o -pl e2e test -Dtest=LockWindowBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.releaseMb="${RELEASE_MB:-200}" -Dbench.patients="${PATIENTS:-100000}" -Dbench.out="$ROOT/bench/major/last-run.txt"
cat "$ROOT/bench/major/last-run.txt"
