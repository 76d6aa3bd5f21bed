#!/usr/bin/env bash
# Hub file and feed serving, side by side with nginx on the same files, all on 127.0.0.1.
# Publishes a release holding a 50 MB and a 100 KB file through the real release CLI, then runs
# wrk (64 connections, DURATION each) against the hub and against nginx serving the same bytes
# from a folder, plus the hub's channel feed. Both servers are warmed up first (WARMUP each, not
# recorded: the JVM compiles its hot paths in the first seconds), then each file size is measured
# in ROUNDS rounds of hub-then-nginx, so every ratio compares two runs seconds apart on the same
# (shared) cores. Writes bench/hub/RESULTS.md. Stops what it started.
#
#   bench/hub/run.sh            (DURATION=10s CONNECTIONS=64 WARMUP=15s ROUNDS=2 by default)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="$ROOT/bench/hub/RESULTS.md"
DURATION="${DURATION:-10s}"
CONNECTIONS="${CONNECTIONS:-64}"
WARMUP="${WARMUP:-15s}"
ROUNDS="${ROUNDS:-2}"
THREADS="$(nproc)"
VERSION=0.1.0-SNAPSHOT
HUB_JAR="$ROOT/hub/target/ksamu-hub-$VERSION-exec.jar"
CLI_JAR="$ROOT/release/target/ksamu-release-$VERSION-exec.jar"
TOKEN="bench-token-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"

if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null; then
  echo "bench: installing wrk and nginx" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx >/dev/null
fi
if [[ ! -f "$HUB_JAR" || ! -f "$CLI_JAR" ]] \
    || [[ -n "$(find "$ROOT/hub/src/main" "$ROOT/release/src/main" -newer "$HUB_JAR" -type f -print -quit)" ]]; then
  (cd "$ROOT" && mvn -B -q -pl hub,release -am package -DskipTests)
fi

WORK="$(mktemp -d /tmp/ksamu-bench-hub-XXXXXX)"
chmod 755 "$WORK"
HUB_PID=""; NGINX_PID=""
cleanup() {
  [[ -n "$HUB_PID" ]] && kill "$HUB_PID" 2>/dev/null && wait "$HUB_PID" 2>/dev/null || true
  [[ -n "$NGINX_PID" ]] && kill "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
HUB_PORT="$(free_port)"
NGINX_PORT="$(free_port)"

# The release: a 50 MB and a 100 KB file of random bytes, signed with a fresh vendor key.
mkdir -p "$WORK/src/client"
head -c 50000000 /dev/urandom > "$WORK/src/client/big.bin"
head -c 100000 /dev/urandom > "$WORK/src/client/small.bin"
java -jar "$CLI_JAR" keygen --out "$WORK/keys" --name release >/dev/null
java -jar "$CLI_JAR" build "$WORK/src" --version 1.0.0.1 --notes "bench" --key "$WORK/keys/release.key" \
  --out "$WORK/bundle.zip" >/dev/null

java -jar "$HUB_JAR" --server.address=127.0.0.1 --ksamu.port="$HUB_PORT" --ksamu.data-dir="$WORK/hub" \
  --ksamu.hub.publish-tokens="$TOKEN" --ksamu.hub.release-keys="$WORK/keys/release.pub" \
  --logging.level.root=WARN >"$WORK/hub.out" 2>&1 &
HUB_PID=$!
HUB="http://127.0.0.1:$HUB_PORT"
for _ in $(seq 1 120); do
  curl -fs "$HUB/actuator/health" >/dev/null 2>&1 && break
  kill -0 "$HUB_PID" 2>/dev/null || { echo "bench: the hub did not start" >&2; tail -20 "$WORK/hub.out" >&2; exit 1; }
  sleep 0.5
done
KSAMU_HUB_TOKEN="$TOKEN" java -jar "$CLI_JAR" publish "$WORK/bundle.zip" --hub "$HUB" --channel test 2>/dev/null

sha_of() { sha256sum "$1" | cut -d' ' -f1; }
BIG_URL="$HUB/api/v1/files/$(sha_of "$WORK/src/client/big.bin")"
SMALL_URL="$HUB/api/v1/files/$(sha_of "$WORK/src/client/small.bin")"
FEED_URL="$HUB/api/v1/channels/test/latest"
curl -fs -o /dev/null "$BIG_URL" && curl -fs -o /dev/null "$SMALL_URL" && curl -fs -o /dev/null "$FEED_URL"

# nginx on the same bytes, in the foreground of its own process, its config in the temp folder.
mkdir -p "$WORK/www" "$WORK/nginx"
cp "$WORK/src/client/big.bin" "$WORK/src/client/small.bin" "$WORK/www/"
chmod -R a+rX "$WORK/www"
cat >"$WORK/nginx/nginx.conf" <<CONF
daemon off;
worker_processes auto;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  client_body_temp_path $WORK/nginx/body;
  proxy_temp_path $WORK/nginx/proxy;
  fastcgi_temp_path $WORK/nginx/fastcgi;
  uwsgi_temp_path $WORK/nginx/uwsgi;
  scgi_temp_path $WORK/nginx/scgi;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $WORK/www;
    location / { }
  }
}
CONF
nginx -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" &
NGINX_PID=$!
for _ in $(seq 1 50); do curl -fs -o /dev/null "http://127.0.0.1:$NGINX_PORT/small.bin" && break; sleep 0.2; done

# One wrk run: prints "requests/s MB/s non2xx".
measure() {
  local url="$1" out
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 30s "$url" >"$WORK/wrk.txt" 2>&1 || true
  out="$(cat "$WORK/wrk.txt")"
  local rps mbs non2xx
  rps="$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")"
  mbs="$(awk '/^Transfer\/sec:/ {v=$2; u=substr(v, length(v)-1); n=substr(v, 1, length(v)-2);
          if (u=="GB") n*=1024; else if (u=="KB") n/=1024; else if (u!="MB") n=v/1048576; printf "%.1f", n}' <<<"$out")"
  non2xx="$(awk '/Non-2xx/ {print $5}' <<<"$out")"
  echo "${rps:-0} ${mbs:-0} ${non2xx:-0}"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }

echo "bench: warming up ($WARMUP per URL), then $ROUNDS rounds, $CONNECTIONS connections, $DURATION per run" >&2
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
for url in "$BIG_URL" "http://127.0.0.1:$NGINX_PORT/big.bin" "$SMALL_URL" "http://127.0.0.1:$NGINX_PORT/small.bin" "$FEED_URL"; do
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" --timeout 30s "$url" >/dev/null 2>&1 || true
done
ROWS=""
RATIOS_BIG=""; RATIOS_SMALL=""
for round in $(seq 1 "$ROUNDS"); do
  for size in big small; do
    if [[ "$size" == big ]]; then hub_url="$BIG_URL"; label="50 MB file"; else hub_url="$SMALL_URL"; label="100 KB file"; fi
    read -r H_RPS H_MBS H_ERR <<<"$(measure "$hub_url")"
    read -r N_RPS N_MBS N_ERR <<<"$(measure "http://127.0.0.1:$NGINX_PORT/$size.bin")"
    r="$(ratio "$H_RPS" "$N_RPS")"
    if [[ "$size" == big ]]; then RATIOS_BIG="$RATIOS_BIG $r"; else RATIOS_SMALL="$RATIOS_SMALL $r"; fi
    ROWS="$ROWS| $label, round $round | $H_RPS | $H_MBS | $N_RPS | $N_MBS | $r | $H_ERR, $N_ERR |"$'\n'
  done
done
read -r F_RPS F_MBS F_ERR <<<"$(measure "$FEED_URL")"
FEED_BYTES="$(curl -fs "$FEED_URL" | wc -c)"
mean() { awk '{ s = 0; for (i = 1; i <= NF; i++) s += $i; printf "%.2f", s / NF }' <<<"$1"; }

{
  echo "# Hub benchmark: serving release files and feeds, side by side with nginx"
  echo
  echo "Produced by \`bench/hub/run.sh\` (wrk, $CONNECTIONS connections, $THREADS threads, $DURATION per run after a"
  echo "$WARMUP warm-up of every URL, $ROUNDS rounds of hub-then-nginx; all on 127.0.0.1; the hub and nginx serve"
  echo "the same bytes, nginx from a folder with sendfile)."
  echo
  echo "| machine | |"
  echo "|---|---|"
  echo "| date | $(date -u '+%Y-%m-%d %H:%M UTC') |"
  echo "| nproc | $(nproc) |"
  echo "| CPU | $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo) |"
  echo "| java | $(java -version 2>&1 | head -1) |"
  echo "| nginx | $(nginx -v 2>&1 | sed 's/nginx version: //') |"
  echo "| load average before | $LOAD_BEFORE (the machine is shared; wrk runs on the same cores) |"
  echo
  echo "| what | hub req/s | hub MB/s | nginx req/s | nginx MB/s | hub/nginx | non-2xx (hub, nginx) |"
  echo "|---|---:|---:|---:|---:|---:|---|"
  printf '%s' "$ROWS"
  echo "| signed feed (test channel, $FEED_BYTES bytes) | $F_RPS | $F_MBS | | | | $F_ERR |"
  echo
  echo "Mean hub/nginx: 50 MB $(mean "$RATIOS_BIG"), 100 KB $(mean "$RATIOS_SMALL") (goal: 0.8 for both)."
  echo
  cat "$ROOT/bench/hub/NOTES.md"
} >"$OUT"
cat "$OUT"
