#!/usr/bin/env bash
# Issue C's benchmark: the bytes a workstation receives for a minor update that changes 1 of 200
# client files (a real hub and server in one JVM, a real launcher process, a counting TCP proxy
# between launcher and server). Goal: at most the changed file + the manifest + 5 %.
# Builds in the reactor (no mvn install) and writes bench/client-update/last-run.txt.
#
#   bench/client-update/run.sh      (FILES=200 CHANGED_KB=100 by default)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
mvn -B -q -o verify -pl e2e -am -Dtest=ClientUpdateBytesBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=None -Dfailsafe.failIfNoSpecifiedTests=false \
  -Dbench.files="${FILES:-200}" -Dbench.changedKb="${CHANGED_KB:-100}" -Dbench.out="$ROOT/bench/client-update/last-run.txt" \
  > "$ROOT/bench/client-update/last-run.log" 2>&1 || { tail -50 "$ROOT/bench/client-update/last-run.log"; exit 1; }
cat "$ROOT/bench/client-update/last-run.txt"
