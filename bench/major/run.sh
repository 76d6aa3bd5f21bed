#!/usr/bin/env bash
# Issue L's benchmark: how long a major update keeps the main base locked beyond its migration, for
# each ksamu.update.backup mode (under-lock is the reference), on a main base of ~1 KB patients with
# indexes: H2 (the server's embedded file) and PostgreSQL 15 (a cluster of the benchmark's own with
# WAL archiving, started by initdb from /usr/lib/postgresql/15/bin in a temp folder). Writes
# bench/major/last-run.txt. A reactor build in this tree only: nothing is installed into ~/.m2.
#
#   bench/major/run.sh                         (100 000 patients each: a quick run)
#   PG_ROWS=4500000 H2_ROWS=900000 bench/major/run.sh     (~5 GB PostgreSQL, ~1 GB H2)
#   MODES=before-countdown,off bench/major/run.sh
#   PG_ROWS=5000000 H2_ROWS=0 bench/major/run.sh            (PostgreSQL only, ~5.2 GB)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
mvn -B -q -o -pl e2e -am test -Dtest=LockWindowBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.pgRows="${PG_ROWS:-100000}" -Dbench.h2Rows="${H2_ROWS:-100000}" \
  -Dbench.modes="${MODES:-under-lock,before-countdown,restore-point,snapshot,off}" \
  -Dbench.out="$ROOT/bench/major/last-run.txt"
cat "$ROOT/bench/major/last-run.txt"
