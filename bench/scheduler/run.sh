#!/usr/bin/env bash
# Benchmark: 1,000 tasks every 2 minutes on one KSAMU server (H2 service database, in process).
# Measures the delay between each run's planned time (the model's nearest start, held by Quartz)
# and its actual start in the thread manager: p50 / p99 / max. Takes about CYCLES x 2 minutes.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
mvn -B -q -o install -DskipTests -pl release,schedule,platform,testkit 2>/dev/null \
  || mvn -B -q install -DskipTests -pl release,schedule,platform,testkit
mvn -B -q -o -pl server test -Dtest=SchedulerLagBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.tasks="${TASKS:-1000}" -Dbench.cycles="${CYCLES:-2}" -Dbench.out="$ROOT/bench/scheduler/last-run.txt"
cat "$ROOT/bench/scheduler/last-run.txt"
