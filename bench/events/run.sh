#!/usr/bin/env bash
# Issue C's benchmark: 2,000 clients on the server's event stream (the server's limit), held by one
# NIO selector; the server runs from its exec jar in its own process. Reports the server's heap
# (after a full GC) and RSS per connection, and when each client got a major update's countdown
# relative to its start. Goal: every client within 2 s. Builds in the reactor (no mvn install) and
# writes bench/events/last-run.txt.
#
#   bench/events/run.sh      (CLIENTS=2000 SERVER_HEAP=512m by default)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
CLIENTS="${CLIENTS:-2000}"
# The benchmark's JVM and the server each hold one socket per client.
if (( $(ulimit -n) < CLIENTS + 500 )); then
  ulimit -n $((CLIENTS + 1000)) || { echo "bench: ulimit -n is $(ulimit -n); raise it to $((CLIENTS + 1000))" >&2; exit 1; }
fi
mvn -B -q -o verify -pl e2e -am -Dtest=EventsFanoutBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=None -Dfailsafe.failIfNoSpecifiedTests=false \
  -Dbench.clients="$CLIENTS" -Dbench.serverHeap="${SERVER_HEAP:-512m}" -Dbench.out="$ROOT/bench/events/last-run.txt" \
  > "$ROOT/bench/events/last-run.log" 2>&1 || { tail -50 "$ROOT/bench/events/last-run.log"; exit 1; }
cat "$ROOT/bench/events/last-run.txt"
