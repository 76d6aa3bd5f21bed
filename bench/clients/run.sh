#!/usr/bin/env bash
# The clinic server handing the client to workstations, side by side with nginx, all on 127.0.0.1.
# Starts a hub and a server as `./ksamu demo` does (a fresh vendor key, a release published to the
# stable channel, the keys pinned, the server's cloud update task run now), but with a bench release
# whose client holds a 100 KB and a 5 MB file, on free ports and in a temp folder. Then runs wrk
# (CONNECTIONS=500 downloaders, DURATION each) against GET /api/v1/client/files/{sha256} and
# against nginx serving the same bytes from a folder; then the client manifest, with a matching
# If-None-Match (304) and without (200). Every URL is warmed up first (WARMUP each, not recorded),
# then each file size is measured in ROUNDS rounds of server-then-nginx, so each ratio compares two
# runs seconds apart on the same (shared) cores; each run also counts the connection attempts the
# kernel dropped because a listen queue was full (/proc/net/netstat ListenOverflows). Writes
# bench/clients/RESULTS.md. Stops what it started.
#
#   bench/clients/run.sh        (DURATION=10s CONNECTIONS=500 WARMUP=10s ROUNDS=2 by default; KEEP=1 keeps the temp folder;
#                               SERVER_ARGS="--server.jetty.threads.max=8" passes settings to the server)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="$ROOT/bench/clients/RESULTS.md"
DURATION="${DURATION:-10s}"
CONNECTIONS="${CONNECTIONS:-500}"
WARMUP="${WARMUP:-10s}"
ROUNDS="${ROUNDS:-2}"
THREADS="$(nproc)"
VERSION=0.1.0-SNAPSHOT
HUB_JAR="$ROOT/hub/target/ksamu-hub-$VERSION-exec.jar"
SERVER_JAR="$ROOT/server/target/ksamu-server-$VERSION-exec.jar"
CLI_JAR="$ROOT/release/target/ksamu-release-$VERSION-exec.jar"
TOKEN="bench-token-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
RELEASE=1.0.0.1

if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null; then
  echo "bench: installing wrk and nginx" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx >/dev/null
fi
if [[ ! -f "$HUB_JAR" || ! -f "$SERVER_JAR" || ! -f "$CLI_JAR" ]] \
    || [[ -n "$(find "$ROOT/platform/src/main" "$ROOT/hub/src/main" "$ROOT/server/src/main" "$ROOT/release/src/main" \
                "$ROOT/schedule/src/main" -newer "$SERVER_JAR" -type f -print -quit)" ]] \
    || [[ -n "$(find "$ROOT/platform/src/main" "$ROOT/hub/src/main" "$ROOT/release/src/main" -newer "$HUB_JAR" -type f -print -quit)" ]]; then
  (cd "$ROOT" && mvn -B -q -pl hub,server,release -am package -DskipTests)
fi
# 500 connections from wrk and as many accepted by the server and nginx.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" || true

WORK="$(mktemp -d /tmp/ksamu-bench-clients-XXXXXX)"
chmod 755 "$WORK"
HUB_PID=""; SERVER_PID=""; NGINX_PID=""
cleanup() {
  for pid in "$SERVER_PID" "$HUB_PID" "$NGINX_PID"; do
    [[ -n "$pid" ]] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  done
  if [[ -n "${KEEP:-}" ]]; then echo "bench: kept $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_health() { # url pid name
  for _ in $(seq 1 240); do
    curl -fs "$1" >/dev/null 2>&1 && return 0
    kill -0 "$2" 2>/dev/null || { echo "bench: the $3 did not start" >&2; tail -20 "$WORK/$3.out" >&2; exit 1; }
    sleep 0.5
  done
  echo "bench: no answer from the $3" >&2; exit 1
}
HUB_PORT="$(free_port)"
SERVER_PORT="$(free_port)"
NGINX_PORT="$(free_port)"

# The bench release: a client of a 5 MB and a 100 KB file of random bytes (plus a small text
# file), signed with a fresh vendor key.
mkdir -p "$WORK/src/client/lib"
head -c 5000000 /dev/urandom > "$WORK/src/client/lib/big.bin"
head -c 100000 /dev/urandom > "$WORK/src/client/lib/small.bin"
echo "bench client $RELEASE" > "$WORK/src/client/version.txt"
java -jar "$CLI_JAR" keygen --out "$WORK/keys" --name release >/dev/null
java -jar "$CLI_JAR" build "$WORK/src" --version "$RELEASE" --notes "bench" --key "$WORK/keys/release.key" \
  --out "$WORK/bundle.zip" >/dev/null

java -jar "$HUB_JAR" --server.address=127.0.0.1 --ksamu.port="$HUB_PORT" --ksamu.data-dir="$WORK/hub" \
  --ksamu.hub.publish-tokens="$TOKEN" --ksamu.hub.release-keys="$WORK/keys/release.pub" \
  --logging.level.root=WARN >"$WORK/hub.out" 2>&1 &
HUB_PID=$!
HUB="http://127.0.0.1:$HUB_PORT"
wait_health "$HUB/actuator/health" "$HUB_PID" hub
KSAMU_HUB_TOKEN="$TOKEN" java -jar "$CLI_JAR" publish "$WORK/bundle.zip" --hub "$HUB" --channel stable >/dev/null 2>&1

java -jar "$SERVER_JAR" --server.address=127.0.0.1 --ksamu.port="$SERVER_PORT" --ksamu.data-dir="$WORK/server" \
  --ksamu.update.hub-url="$HUB" --ksamu.update.release-keys="$WORK/keys/release.pub" \
  --ksamu.update.hub-keys="$WORK/hub/keys/hub.pub" --logging.level.root=WARN ${SERVER_ARGS:-} >"$WORK/server.out" 2>&1 &
SERVER_PID=$!
SERVER="http://127.0.0.1:$SERVER_PORT"
wait_health "$SERVER/actuator/health" "$SERVER_PID" server
# "Выполнить задание немедленно" on the cloud update task, as the demo does.
TASK="$(curl -fs "$SERVER/api/v1/tasks" | tr '{' '\n' | grep '"KSAMU_UPDATE"' | grep -o '"id":[0-9]*' | head -1 | cut -d: -f2)"
curl -fs -u admin:admin -X POST "$SERVER/api/v1/tasks/$TASK/run" >/dev/null
for _ in $(seq 1 120); do
  curl -fs "$SERVER/api/v1/client/manifest" 2>/dev/null | grep -q "\"version\":\"$RELEASE\"" && break
  sleep 0.5
done
curl -fs "$SERVER/api/v1/client/manifest" | grep -q "\"version\":\"$RELEASE\"" \
  || { echo "bench: the server did not install the client" >&2; tail -20 "$WORK/server.out" >&2; exit 1; }

sha_of() { sha256sum "$1" | cut -d' ' -f1; }
BIG_URL="$SERVER/api/v1/client/files/$(sha_of "$WORK/src/client/lib/big.bin")"
SMALL_URL="$SERVER/api/v1/client/files/$(sha_of "$WORK/src/client/lib/small.bin")"
MANIFEST_URL="$SERVER/api/v1/client/manifest"
ETAG="\"$RELEASE\""
curl -fs "$SMALL_URL" | cmp -s - "$WORK/src/client/lib/small.bin" || { echo "bench: wrong bytes" >&2; exit 1; }
[[ "$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $ETAG" "$MANIFEST_URL")" == 304 ]] \
  || { echo "bench: the manifest did not answer 304" >&2; exit 1; }

# nginx on the same bytes (and the same manifest JSON), in the foreground of its own process.
mkdir -p "$WORK/www" "$WORK/nginx"
cp "$WORK/src/client/lib/big.bin" "$WORK/src/client/lib/small.bin" "$WORK/www/"
curl -fs "$MANIFEST_URL" > "$WORK/www/manifest.json"
chmod -R a+rX "$WORK/www"
cat >"$WORK/nginx/nginx.conf" <<CONF
daemon off;
worker_processes auto;
worker_rlimit_nofile 65536;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 4096; }
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
  types { application/json json; }
  default_type application/octet-stream;
  server {
    listen 127.0.0.1:$NGINX_PORT backlog=4096;
    root $WORK/www;
    location / { }
  }
}
CONF
nginx -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" &
NGINX_PID=$!
NGINX="http://127.0.0.1:$NGINX_PORT"
for _ in $(seq 1 50); do curl -fs -o /dev/null "$NGINX/small.bin" && break; sleep 0.2; done
NGINX_ETAG="$(curl -fsI "$NGINX/manifest.json" | awk -F': ' 'tolower($1)=="etag" {print $2}' | tr -d '\r')"

# Connection attempts the kernel dropped because a listen queue was full (all sockets, since boot).
listen_overflows() {
  awk '/^TcpExt:/ { if (!h) { for (i = 1; i <= NF; i++) n[i] = $i; h = 1 }
                    else { for (i = 1; i <= NF; i++) if (n[i] == "ListenOverflows") print $i } }' /proc/net/netstat
}

# One wrk run: prints "requests/s MB/s non2xx errors p99 drops" (drops: connection attempts the
# kernel dropped during the run, listen queue full); extra arguments go to wrk (-H ...).
measure() {
  local url="$1"; shift
  local before; before="$(listen_overflows)"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 30s --latency "$@" "$url" >"$WORK/wrk.txt" 2>&1 || true
  local out rps mbs non2xx errors p99
  out="$(cat "$WORK/wrk.txt")"
  rps="$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")"
  mbs="$(awk '/^Transfer\/sec:/ {v=$2; u=substr(v, length(v)-1); n=substr(v, 1, length(v)-2);
          if (u=="GB") n*=1024; else if (u=="KB") n/=1024; else if (u!="MB") n=v/1048576; printf "%.1f", n}' <<<"$out")"
  non2xx="$(awk '/Non-2xx/ {print $5}' <<<"$out")"
  errors="$(awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10}' <<<"$out")"
  p99="$(awk '$1 == "99%" {print $2}' <<<"$out")"
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "bench: the server stopped" >&2; tail -30 "$WORK/server.out" >&2; exit 1
  fi
  echo "${rps:-0} ${mbs:-0} ${non2xx:-0} ${errors:-0} ${p99:-?} $(( $(listen_overflows) - before ))"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
mean() { awk '{ s = 0; for (i = 1; i <= NF; i++) s += $i; printf "%.2f", s / NF }' <<<"$1"; }

echo "bench: warming up ($WARMUP per URL), then $ROUNDS rounds, $CONNECTIONS connections, $DURATION per run" >&2
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
# The manifest and the controller path (what served every download before the fast path: a
# conditional request that does not match goes through Spring Security and MVC's Resource support
# and answers 200) are warmed up first, the fast path and nginx last, just before they are measured.
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" --timeout 30s "$MANIFEST_URL" >/dev/null 2>&1 || true
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" --timeout 30s -H "If-None-Match: $ETAG" "$MANIFEST_URL" >/dev/null 2>&1 || true
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" --timeout 30s -H 'If-None-Match: "x"' "$SMALL_URL" >/dev/null 2>&1 || true
for url in "$BIG_URL" "$NGINX/big.bin" "$SMALL_URL" "$NGINX/small.bin"; do
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" --timeout 30s "$url" >/dev/null 2>&1 || true
done

ROWS=""
RATIOS_BIG=""; RATIOS_SMALL=""
for round in $(seq 1 "$ROUNDS"); do
  for size in small big; do
    if [[ "$size" == big ]]; then url="$BIG_URL"; label="5 MB file"; else url="$SMALL_URL"; label="100 KB file"; fi
    read -r S_RPS S_MBS S_NON S_ERR S_P99 S_DROP <<<"$(measure "$url")"
    read -r N_RPS N_MBS N_NON N_ERR N_P99 N_DROP <<<"$(measure "$NGINX/$size.bin")"
    r="$(ratio "$S_RPS" "$N_RPS")"
    if [[ "$size" == big ]]; then RATIOS_BIG="$RATIOS_BIG $r"; else RATIOS_SMALL="$RATIOS_SMALL $r"; fi
    ROWS="$ROWS| $label, round $round | $S_RPS | $S_MBS | $S_P99 | $N_RPS | $N_MBS | $N_P99 | **$r** | $S_NON/$S_ERR, $N_NON/$N_ERR | $S_DROP, $N_DROP |"$'\n'
  done
done
for size in small big; do
  if [[ "$size" == big ]]; then url="$BIG_URL"; label="5 MB file"; else url="$SMALL_URL"; label="100 KB file"; fi
  read -r C_RPS C_MBS C_NON C_ERR C_P99 C_DROP <<<"$(measure "$url" -H 'If-None-Match: "x"')"
  ROWS="$ROWS| $label, controller path (\`If-None-Match: \"x\"\`) | $C_RPS | $C_MBS | $C_P99 | | | | | $C_NON/$C_ERR | $C_DROP |"$'\n'
done
read -r M2_RPS M2_MBS M2_NON M2_ERR M2_P99 M2_DROP <<<"$(measure "$MANIFEST_URL")"
read -r MN2_RPS MN2_MBS MN2_NON MN2_ERR MN2_P99 MN2_DROP <<<"$(measure "$NGINX/manifest.json")"
read -r M3_RPS M3_MBS M3_NON M3_ERR M3_P99 M3_DROP <<<"$(measure "$MANIFEST_URL" -H "If-None-Match: $ETAG")"
read -r MN3_RPS MN3_MBS MN3_NON MN3_ERR MN3_P99 MN3_DROP <<<"$(measure "$NGINX/manifest.json" -H "If-None-Match: $NGINX_ETAG")"
MANIFEST_BYTES="$(wc -c <"$WORK/www/manifest.json")"

{
  echo "# Client distribution benchmark: client files and the client manifest, side by side with nginx"
  echo
  echo "Produced by \`bench/clients/run.sh\` (wrk, $CONNECTIONS connections, $THREADS threads, $DURATION per run after a"
  echo "$WARMUP warm-up of every URL, $ROUNDS rounds of server-then-nginx; all on 127.0.0.1). The server installed"
  echo "the bench client from a real hub through its cloud update task; nginx serves the same bytes from a"
  echo "folder with sendfile, and the manifest's JSON (as the server last answered it) as a static file."
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
  echo "## Client files, GET /api/v1/client/files/{sha256}"
  echo
  echo "| what | server req/s | server MB/s | server p99 | nginx req/s | nginx MB/s | nginx p99 | server/nginx | non-2xx/socket errors (server, nginx) | connects dropped, listen queue full (server, nginx) |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---|---|"
  printf '%s' "$ROWS"
  echo
  echo "Mean server/nginx: 100 KB $(mean "$RATIOS_SMALL"), 5 MB $(mean "$RATIOS_BIG") (goal: at least 0.8)."
  echo
  echo "## Client manifest, GET /api/v1/client/manifest ($MANIFEST_BYTES bytes of JSON)"
  echo
  echo "| what | server req/s | server p99 | nginx req/s (static file) | nginx p99 | server/nginx | non-2xx/socket errors (server, nginx) | connects dropped (server, nginx) |"
  echo "|---|---:|---:|---:|---:|---:|---|---|"
  echo "| without If-None-Match (200) | $M2_RPS | $M2_P99 | $MN2_RPS | $MN2_P99 | $(ratio "$M2_RPS" "$MN2_RPS") | $M2_NON/$M2_ERR, $MN2_NON/$MN2_ERR | $M2_DROP, $MN2_DROP |"
  echo "| matching If-None-Match (304) | $M3_RPS | $M3_P99 | $MN3_RPS | $MN3_P99 | $(ratio "$M3_RPS" "$MN3_RPS") | $M3_NON/$M3_ERR, $MN3_NON/$MN3_ERR | $M3_DROP, $MN3_DROP |"
  echo
  cat "$ROOT/bench/clients/NOTES.md"
} >"$OUT"
cat "$OUT"
