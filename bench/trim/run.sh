#!/usr/bin/env bash
# Benchmark: "Обрезка БД логов" deleting 1,000,000 old run-log rows while another unit keeps
# inserting log entries, on H2 and PostgreSQL (127.0.0.1:5432). Prints and saves one line per
# database: rows deleted per second and the longest stall of an insert (goal < 1 s).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
mvn -B -q -o install -DskipTests -pl release,schedule,platform,testkit 2>/dev/null \
  || mvn -B -q install -DskipTests -pl release,schedule,platform,testkit
mvn -B -q -o -pl server test -Dtest=LogTrimBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.rows="${ROWS:-1000000}" -Dbench.dbs="${DBS:-h2,postgresql}" \
  -Dbench.out="$ROOT/bench/trim/last-run.txt"
cat "$ROOT/bench/trim/last-run.txt"
