#!/usr/bin/env bash
# Mirror sync of a 200 MB release beside a plain HTTP copy of the same bytes, over loopback.
# A vendor hub and one long-running mirror of it. Each round the vendor publishes a new release
# holding one 200 MB file of random bytes; the mirror takes it (feed verified, the file streamed
# with its SHA-256 computed on the way, forced to disk, renamed into its store, the release
# recorded) and logs the time ("took release ... in N ms"); then curl copies the same file from the
# same hub into a file on disk (the plain copy), also timed with an fsync. Round 0 warms both up.
# Ratio = plain copy time / mirror time (goal >= 0.8).
# Writes bench/mirror/RESULTS.md. Stops what it started.
#
#   bench/mirror/run.sh            (SIZE_MB=200 ROUNDS=3 by default)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="$ROOT/bench/mirror/RESULTS.md"
SIZE_MB="${SIZE_MB:-200}"
ROUNDS="${ROUNDS:-3}"
VERSION=0.1.0-SNAPSHOT
HUB_JAR="$ROOT/hub/target/ksamu-hub-$VERSION-exec.jar"
CLI_JAR="$ROOT/release/target/ksamu-release-$VERSION-exec.jar"
TOKEN="bench-token-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"

if [[ ! -f "$HUB_JAR" || ! -f "$CLI_JAR" ]] \
    || [[ -n "$(find "$ROOT/hub/src/main" "$ROOT/release/src/main" -newer "$HUB_JAR" -type f -print -quit)" ]]; then
  (cd "$ROOT" && mvn -B -q -o -pl hub,release -am package -DskipTests)
fi

WORK="$(mktemp -d /tmp/ksamu-bench-mirror-XXXXXX)"
HUB_PID=""; MIRROR_PID=""
cleanup() {
  [[ -n "${JAVAGET_PID:-}" ]] && kill "$JAVAGET_PID" 2>/dev/null || true
  [[ -n "$MIRROR_PID" ]] && kill "$MIRROR_PID" 2>/dev/null && wait "$MIRROR_PID" 2>/dev/null || true
  [[ -n "$HUB_PID" ]] && kill "$HUB_PID" 2>/dev/null && wait "$HUB_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_up() { # url pid log
  for _ in $(seq 1 240); do
    curl -fs "$1/actuator/health" >/dev/null 2>&1 && return 0
    curl -s "$1/actuator/health" 2>/dev/null | grep -q '"status"' && return 0
    kill -0 "$2" 2>/dev/null || { echo "bench: a hub did not start" >&2; tail -20 "$3" >&2; exit 1; }
    sleep 0.5
  done
  echo "bench: a hub did not answer" >&2; exit 1
}

java -jar "$CLI_JAR" keygen --out "$WORK/keys" --name release >/dev/null

HUB_PORT="$(free_port)"
java -jar "$HUB_JAR" --server.address=127.0.0.1 --ksamu.port="$HUB_PORT" --ksamu.data-dir="$WORK/hub" \
  --ksamu.hub.publish-tokens="$TOKEN" --ksamu.hub.release-keys="$WORK/keys/release.pub" \
  --ksamu.hub.max-upload-size=1GB --logging.level.root=WARN >"$WORK/hub.out" 2>&1 &
HUB_PID=$!
HUB="http://127.0.0.1:$HUB_PORT"
wait_up "$HUB" "$HUB_PID" "$WORK/hub.out"

# One long-running mirror, as in the field; it checks the upstream every second.
MIRROR_PORT="$(free_port)"
java -jar "$HUB_JAR" --server.address=127.0.0.1 --ksamu.port="$MIRROR_PORT" --ksamu.data-dir="$WORK/mirror" \
  --ksamu.hub.release-keys="$WORK/keys/release.pub" --ksamu.hub.upstream="$HUB" \
  --ksamu.hub.upstream-keys="$WORK/hub/keys/hub.pub" --ksamu.hub.upstream-interval=1s \
  --logging.level.ru.ksamu.hub.mirror=DEBUG \
  >"$WORK/mirror.out" 2>&1 &
MIRROR_PID=$!
wait_up "http://127.0.0.1:$MIRROR_PORT" "$MIRROR_PID" "$WORK/mirror.out"

# Publishes release 1.0.0.<n> (one new SIZE_MB file of random bytes) and prints the file's URL.
publish() {
  local n="$1"
  rm -rf "$WORK/src" "$WORK/bundle.zip"
  mkdir -p "$WORK/src/client"
  head -c "$((SIZE_MB * 1000 * 1000))" /dev/urandom > "$WORK/src/client/big.bin"
  java -jar "$CLI_JAR" build "$WORK/src" --version "1.0.0.$n" --notes "bench" --key "$WORK/keys/release.key" \
    --out "$WORK/bundle.zip" >/dev/null
  # The bench's own writes (the random file, the bundle) reach the disk first, so that their
  # writeback does not land on the mirror's sync, which always runs before the plain copies.
  sync
  KSAMU_HUB_TOKEN="$TOKEN" java -jar "$CLI_JAR" publish "$WORK/bundle.zip" --hub "$HUB" --channel test >/dev/null 2>&1
  echo "$HUB/api/v1/files/$(sha256sum "$WORK/src/client/big.bin" | cut -d' ' -f1)"
}

# Waits for the mirror to log that it took release 1.0.0.<n>; prints the ms it logged.
mirror_took() {
  local n="$1" ms=""
  for _ in $(seq 1 1200); do
    ms="$(grep -o "took release 1.0.0.$n .* in [0-9]* ms" "$WORK/mirror.out" | grep -o '[0-9]* ms$' | cut -d' ' -f1 || true)"
    [[ -n "$ms" ]] && { echo "$ms"; return 0; }
    kill -0 "$MIRROR_PID" 2>/dev/null || { echo "bench: the mirror stopped" >&2; tail -30 "$WORK/mirror.out" >&2; exit 1; }
    sleep 0.1
  done
  echo "bench: the mirror did not take 1.0.0.$n" >&2; tail -30 "$WORK/mirror.out" >&2; exit 1
}

# The plain Java copy: one warm JVM fed "<url> <file>" lines (JavaGet.java beside this script).
coproc JAVAGET { java "$ROOT/bench/mirror/JavaGet.java"; }
java_get() { # url -> java_ms (not in a subshell: the coprocess's pipes stay in this shell)
  echo "$1 $WORK/java-copy.bin" >&"${JAVAGET[1]}"
  read -r java_ms url_ms <&"${JAVAGET[0]}"
  rm -f "$WORK/java-copy.bin"
  [[ "$java_ms" -ge 0 && "$url_ms" -ge 0 ]] || { echo "bench: the Java copy failed" >&2; exit 1; }
}

rows=""
sum_curl=0; sum_sync=0; sum_mirror=0; sum_java=0; sum_url=0
for round in $(seq 0 "$ROUNDS"); do
  url="$(publish "$((round + 1))")"
  mirror_ms="$(mirror_took "$((round + 1))")"
  rm -f "$WORK/copy.bin"
  start_ns="$(date +%s%N)"
  curl -fs -o "$WORK/copy.bin" "$url"
  curl_ms="$(( ($(date +%s%N) - start_ns) / 1000000 ))"
  sync "$WORK/copy.bin"
  sync_ms="$(( ($(date +%s%N) - start_ns) / 1000000 ))"
  rm -f "$WORK/copy.bin"
  java_get "$url"
  if [[ "$round" == 0 ]]; then
    echo "warm-up: curl ${curl_ms} ms, Java ${java_ms} / ${url_ms} ms, mirror sync ${mirror_ms} ms (not counted)" >&2
    continue
  fi
  ratio="$(python3 -c "print(f'{$curl_ms / $mirror_ms:.2f}')")"
  ratio_sync="$(python3 -c "print(f'{$sync_ms / $mirror_ms:.2f}')")"
  ratio_java="$(python3 -c "print(f'{$java_ms / $mirror_ms:.2f}')")"
  ratio_url="$(python3 -c "print(f'{$url_ms / $mirror_ms:.2f}')")"
  rows="$rows| $round | $curl_ms | $sync_ms | $java_ms | $url_ms | $mirror_ms | $ratio | $ratio_sync | $ratio_java | $ratio_url |"$'\n'
  sum_curl=$((sum_curl + curl_ms)); sum_sync=$((sum_sync + sync_ms)); sum_mirror=$((sum_mirror + mirror_ms))
  sum_java=$((sum_java + java_ms)); sum_url=$((sum_url + url_ms))
  echo "round $round: curl ${curl_ms} ms (+fsync ${sync_ms} ms), Java ${java_ms} / ${url_ms} ms, mirror sync ${mirror_ms} ms, ratio $ratio / $ratio_sync" >&2
done
# The mirror's own account of each file (debug lines: receive, force, hash, commit, record).
grep -oE "(big.bin: .* slabs\)|big.bin committed in [0-9]+ ms|release 1\.0\.0\.[0-9]+ recorded in [0-9]+ ms)" "$WORK/mirror.out" >&2 || true
total_ratio="$(python3 -c "print(f'{$sum_curl / $sum_mirror:.2f}')")"
total_ratio_sync="$(python3 -c "print(f'{$sum_sync / $sum_mirror:.2f}')")"
total_ratio_java="$(python3 -c "print(f'{$sum_java / $sum_mirror:.2f}')")"
total_ratio_url="$(python3 -c "print(f'{$sum_url / $sum_mirror:.2f}')")"
mb_curl="$(python3 -c "print(f'{$SIZE_MB * 1000 * $ROUNDS / $sum_curl:.0f}')")"
mb_mirror="$(python3 -c "print(f'{$SIZE_MB * 1000 * $ROUNDS / $sum_mirror:.0f}')")"

cat >"$OUT" <<MD
# Mirror sync beside a plain HTTP copy (bench/mirror/run.sh)

Measured $(date -u '+%Y-%m-%d %H:%M UTC') on a 2-core AMD EPYC VM, 24 GiB, OpenJDK 17.0.15 (load average
when written: $(cut -d" " -f1-3 /proc/loadavg)). A vendor hub on 127.0.0.1 serves a release of one ${SIZE_MB} MB file of
random bytes, a new release each round (one warm-up round first, not counted). Mirror sync: one
long-running mirror hub takes the release: verified feed, the file received in 1 MiB slabs into a
part file while a second thread computes its SHA-256, forced to disk, hash checked, renamed into the
store, the release row recorded (the time the mirror logs for the release). Plain copies, right
after, of the same file from the same hub: \`curl -o file\` (no hash, no fsync), the same plus
\`sync file\`, and two plain Java copies in one warm JVM (\`JavaGet.java\`, \`transferTo\` a file, no
hash, no fsync): the JDK's HttpClient, and its HttpURLConnection (the mirror's client).
Ratio = copy time / mirror time (goal >= 0.8: the mirror at least 80 % of a plain copy's speed).

| round | curl (ms) | curl + fsync (ms) | Java HttpClient (ms) | Java URLConnection (ms) | mirror sync (ms) | to curl | to curl + fsync | to HttpClient | to URLConnection |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
${rows}
Over all rounds: curl ${mb_curl} MB/s, mirror sync ${mb_mirror} MB/s. Ratios over all rounds: **to curl + fsync
${total_ratio_sync}**, to curl ${total_ratio}, to the Java HttpClient copy ${total_ratio_java}, to the Java
URLConnection copy ${total_ratio_url}. Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (read it with the loads above). Which baseline counts, and where the time goes: NOTES.md.
MD
echo "bench: wrote $OUT" >&2
