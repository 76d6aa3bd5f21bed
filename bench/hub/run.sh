#!/usr/bin/env bash
# Hub file and feed serving, side by side with nginx on the same files, all on 127.0.0.1.
# Publishes a release holding a 50 MB and a 100 KB file through the real release CLI, then runs
# wrk (64 connections, DURATION each) against the hub and against nginx serving the same bytes
# from a folder, plus the hub's channel feed. Writes bench/hub/RESULTS.md. Stops what it started.
#
#   bench/hub/run.sh            (DURATION=10s CONNECTIONS=64 by default)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="$ROOT/bench/hub/RESULTS.md"
DURATION="${DURATION:-10s}"
CONNECTIONS="${CONNECTIONS:-64}"
THREADS="$(nproc)"
VERSION=0.1.0-SNAPSHOT
HUB_JAR="$ROOT/hub/target/ksamu-hub-$VERSION-exec.jar"
CLI_JAR="$ROOT/release/target/ksamu-release-$VERSION-exec.jar"
TOKEN="bench-token-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"

if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null; then
  echo "bench: installing wrk and nginx" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx >/dev/null
fi
if [[ ! -f "$HUB_JAR" || ! -f "$CLI_JAR" ]]; then
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

echo "bench: measuring, $CONNECTIONS connections, $DURATION per run" >&2
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
read -r HB_RPS HB_MBS HB_ERR <<<"$(measure "$BIG_URL")"
read -r NB_RPS NB_MBS NB_ERR <<<"$(measure "http://127.0.0.1:$NGINX_PORT/big.bin")"
read -r HS_RPS HS_MBS HS_ERR <<<"$(measure "$SMALL_URL")"
read -r NS_RPS NS_MBS NS_ERR <<<"$(measure "http://127.0.0.1:$NGINX_PORT/small.bin")"
read -r F_RPS F_MBS F_ERR <<<"$(measure "$FEED_URL")"
FEED_BYTES="$(curl -fs "$FEED_URL" | wc -c)"

{
  echo "# Hub benchmark: serving release files and feeds, side by side with nginx"
  echo
  echo "Produced by \`bench/hub/run.sh\` (wrk, $CONNECTIONS connections, $THREADS threads, $DURATION per run,"
  echo "all on 127.0.0.1; the hub and nginx serve the same bytes, nginx from a folder with sendfile)."
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
  echo "| 50 MB file | $HB_RPS | $HB_MBS | $NB_RPS | $NB_MBS | $(ratio "$HB_RPS" "$NB_RPS") | $HB_ERR, $NB_ERR |"
  echo "| 100 KB file | $HS_RPS | $HS_MBS | $NS_RPS | $NS_MBS | $(ratio "$HS_RPS" "$NS_RPS") | $HS_ERR, $NS_ERR |"
  echo "| signed feed (test channel, $FEED_BYTES bytes) | $F_RPS | $F_MBS | | | | $F_ERR |"
  echo
  echo "The hub streams files through Spring MVC's Resource support (ETag, Range, immutable caching);"
  echo "nginx uses sendfile. Feeds are signed once per channel change (or half their validity) and"
  echo "served from memory with an ETag; each request still reads the channel's revision from the DB."
} >"$OUT"
cat "$OUT"
