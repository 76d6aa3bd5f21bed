#!/usr/bin/env bash
# Installs the schedule module, builds this JMH project and runs it once (1 fork, short
# warm-ups: this is a 2-core machine), then writes RESULTS.md beside this script.
# Usage: bench/schedule/run.sh   (from anywhere; offline once the dependencies are cached)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
main="$(cd "$here/../.." && pwd)"

# -am also installs the parent POM, which the schedule module's POM refers to.
(cd "$main" && mvn -B -q -o -pl schedule -am install -DskipTests)
(cd "$here" && { mvn -B -q -o package || mvn -B -q package; })

mkdir -p "$here/target"
java -jar "$here/target/benchmarks.jar" -f 1 -wi 3 -w 1s -i 5 -r 1s -t 1 \
  -rf text -rff "$here/target/jmh-summary.txt" | tee "$here/target/jmh-output.txt"

{
  echo "# ksamu-schedule: nearestStart benchmark"
  echo
  echo "Produced by \`bench/schedule/run.sh\` (JMH 1.37, 1 fork, 3 × 1 s warm-up, 5 × 1 s measurement,"
  echo "one thread). Score is nearest-start computations per second; each call takes the next of 1,024"
  echo "moments spread over 2024–2025. The target is at least 100,000 ops/s for the worst realistic case."
  echo
  echo "## Machine"
  echo
  echo "- date: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
  echo "- nproc: $(nproc)"
  echo "- CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "- java -version:"
  echo
  echo '```'
  java -version 2>&1
  echo '```'
  echo
  echo "## Cases"
  echo
  echo "- \`worstRealistic\`: every 2 minutes, forbidden 06:00–21:00, odd days only, Saturday and Sunday forbidden."
  echo "- \`articleCloud\`: the article's \"Обновление КСАМУ из облака\": every 30 minutes from 01.01.2016 0:08:00,"
  echo "  forbidden 06:00–21:00, with a 21-minute installation offset."
  echo "- \`neverDailyInWindow\`: daily at 03:00, forbidden 00:00–06:00 (answers \"never\")."
  echo "- \`neverWeeklyOnForbiddenDay\`: weekly on Thursday with Thursday forbidden (answers \"never\")."
  echo
  echo "The \"never\" cases skip from one UTC-offset change to the next: none in Moscow, four in two"
  echo "years in Berlin. This is a shared 2-core virtual machine; the error bars show its noise."
  echo
  echo "## Results"
  echo
  echo '```'
  cat "$here/target/jmh-summary.txt"
  echo '```'
} > "$here/RESULTS.md"

echo "Wrote $here/RESULTS.md"
