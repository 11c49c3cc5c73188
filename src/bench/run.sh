#!/usr/bin/env bash
# Benchmark of the production build against a fresh database on the local PostgreSQL, with pgbench on the
# same server as the yardstick.
#
#   src/bench/run.sh                              (from anywhere; the defaults take about 10 minutes)
#   DURATION=5 ACCOUNTS=300 src/bench/run.sh      (a quick check: about 3 minutes)
#
# Time: the build (about 1 minute once Maven's cache is warm), pgbench (about 15 s to initialise, then
# 2 x DURATION), two service starts (about 10 s each), seeding (2 requests per account, plus the hot
# accounts' deposits: about 30 s for 300 accounts on a busy 2-core machine, minutes for the default 10000),
# the warm-up (2 x WARMUP) and the measured runs (4 x DURATION).
#
# What it does: builds the jar (./mvnw -B -q package -DskipTests); drops and creates the databases BENCH_DB
# (the service's, backoffice_bench) and BENCH_DB_pgbench; runs pgbench TPC-B-like and select-only (scale 10,
# 8 clients, -j 2) before the service starts; makes an RSA key pair with openssl, whose tokens
# docker/jwt/mint-token.sh signs; starts two service instances on the same database (ports BENCH_PORT and
# BENCH_PORT + 1); seeds the accounts through the API (src/bench/seed.py); warms both instances up; then
# measures with wrk (src/bench/wrk/*.lua):
#   - STP transfers (POST /operations, an Idempotency-Key per request, random distinct accounts, 1.00 each)
#     at 32 connections on instance 1, then 16 + 16 connections on the two instances at once (two wrk
#     processes in parallel: requests/s added up, the worse p50 and p99 of the two);
#   - GET /accounts/{id} at 32 connections; transfers among 5 hot accounts at 32 connections.
# It prints a line per run, a markdown table of results against the targets, and as the very last line
# the ratios: RATIOS transfers/tpcb=... two/one=... reads/select=... p99_ms=... non2xx=... hot_5xx=...
# hot_409=... rss_mib=INSTANCE1,INSTANCE2. Both service instances are stopped on exit, however it ends.
#
# Settings (environment):
#   DURATION          seconds of each measured run, pgbench's included (default 30)
#   WARMUP            seconds of each warm-up run, transfers then reads, on both instances (default 10)
#   ACCOUNTS          number of customer accounts seeded (default 10000); the first 5 are the hot ones
#   CONTAINER_MEMORY  the memory a container of the service has (default 512m, the mem_limit of
#                     docker/compose.yml); the JVM is started with -XX:MaxRAM=$CONTAINER_MEMORY because
#                     -XX:MaxRAMPercentage of the 24 GiB host is not what it would see in a container.
#   JAVA_OPTS         the service's JVM options. Default: the ENV JAVA_OPTS of docker/Dockerfile, read at
#                     run time, plus -XX:MaxRAM=$CONTAINER_MEMORY. When set, it replaces all of that.
#   MAX_RATE          an upper bound of the transfers/s of any run (default 10000, far beyond 2 cores). It
#                     only sizes the deposits: each account gets enough 1000.00 deposits that no transfer
#                     of the whole run can fail for lack of money (6 standard deviations above the expected
#                     debits, credits ignored); a warning is printed if a run went faster than the bound.
#   RATE_LIMIT        the capacity of every rate limit budget of the instances (default 100000000): the load comes
#                     from one caller and one address, far faster than the production budgets allow; the limits
#                     stay on, so their cost is measured, but no run reaches them.
#   BENCH_DB          the service's database, dropped and created (default backoffice_bench); pgbench's is
#                     ${BENCH_DB}_pgbench. Another name lets two benchmarks share one PostgreSQL server.
#   BENCH_PORT        the first instance's HTTP port (default 18080); the second listens on BENCH_PORT + 1.
#   PGHOST, PGPORT, PGUSER   the PostgreSQL server (default 127.0.0.1, 5432, postgres; no password).
set -euo pipefail
cd "$(dirname "$0")/../.."
BENCH_DIR=$(pwd)/src/bench
export BENCH_DIR
DURATION=${DURATION:-30}
WARMUP=${WARMUP:-10}
ACCOUNTS=${ACCOUNTS:-10000}
CONTAINER_MEMORY=${CONTAINER_MEMORY:-512m}
MAX_RATE=${MAX_RATE:-10000}
RATE_LIMIT=${RATE_LIMIT:-100000000}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
export AMOUNT=1.00 # of every transfer (transfers.lua); at most 1000.00 for a transfer to be straight-through
DB=${BENCH_DB:-backoffice_bench}
PORT=${BENCH_PORT:-18080}
PORTS=("$PORT" "$((PORT + 1))")
HOT=5
PIDS=()
WORK=$(mktemp -d)

DOCKER_JAVA_OPTS=$(sed -nE 's/^ENV JAVA_OPTS="?([^"]*)"?$/\1/p' docker/Dockerfile)
[ -n "$DOCKER_JAVA_OPTS" ] || { echo "no ENV JAVA_OPTS line in docker/Dockerfile" >&2; exit 1; }
JAVA_OPTS=${JAVA_OPTS:-$DOCKER_JAVA_OPTS -XX:MaxRAM=$CONTAINER_MEMORY}

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# wrk drives the HTTP load: a C event loop costs the 2 cores far less than a JVM load generator would,
# and its Lua hooks give per-request idempotency keys and status counts.
step() { printf '== [%dm%02ds] %s\n' $((SECONDS / 60)) $((SECONDS % 60)) "$*"; }
need() { command -v "$1" >/dev/null 2>&1; }
if ! need wrk || ! need pgbench || ! need python3 || ! need openssl || ! need curl; then
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk postgresql-client python3 openssl curl
fi

step "building the production jar"
./mvnw -B -q package -DskipTests

step "fresh databases $DB and ${DB}_pgbench"
dropdb --if-exists "$DB"
createdb "$DB"
dropdb --if-exists "${DB}_pgbench"
createdb "${DB}_pgbench"

# ------------------------------------------------------------------ pgbench, before the service starts
pgbench_tps() { # pgbench options...: prints the tps of a DURATION-second run
  local tps
  tps=$(pgbench -c 8 -j 2 -T "$DURATION" "$@" "${DB}_pgbench" 2>"$WORK/pgbench.err" | sed -nE 's/^tps = ([0-9.]+).*/\1/p' | head -n 1)
  [ -n "$tps" ] || { cat "$WORK/pgbench.err" >&2; echo "pgbench $* failed" >&2; exit 1; }
  printf '%.0f' "$tps"
}
step "pgbench (scale 10, 8 clients, -j 2, ${DURATION}s each)"
pgbench -q -i -s 10 "${DB}_pgbench" >/dev/null 2>&1
PG_TPCB=$(pgbench_tps)
PG_SELECT=$(pgbench_tps -S)
echo "pgbench TPC-B-like $PG_TPCB tps, select-only $PG_SELECT tps"
psql -q -c CHECKPOINT "${DB}_pgbench" >/dev/null 2>&1 || true # its writes should not flush during our runs

# ------------------------------------------------------------------ the service instances
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/private.pem" 2>/dev/null
openssl pkey -in "$WORK/private.pem" -pubout -out "$WORK/public.pem"
export JWT_PRIVATE_KEY="$WORK/private.pem" JWT_ISSUER=https://bench.backoffice.local
# every instance signs audit checkpoints with the same key, as in a deployment
CHECKPOINT_KEY=$(head -c 32 /dev/urandom | base64)
mint() { docker/jwt/mint-token.sh "$@"; }

start_instance() { # port: starts the service on it, waits until it is ready
  local port=$1
  if curl -s -o /dev/null "http://127.0.0.1:$port/"; then echo "port $port is already in use: set BENCH_PORT" >&2; exit 1; fi
  QUARKUS_HTTP_PORT=$port \
  QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://$PGHOST:$PGPORT/$DB" \
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" \
  QUARKUS_DATASOURCE_USERNAME="$PGUSER" QUARKUS_DATASOURCE_PASSWORD="" \
  MP_JWT_VERIFY_PUBLICKEY_LOCATION="$WORK/public.pem" MP_JWT_VERIFY_ISSUER="$JWT_ISSUER" \
  BACKOFFICE_AUDIT_CHECKPOINT_KEY="$CHECKPOINT_KEY" \
  QUARKUS_LOG_LEVEL=WARN \
  BACKOFFICE_RATE_LIMIT_WRITES_CAPACITY=$RATE_LIMIT BACKOFFICE_RATE_LIMIT_READS_CAPACITY=$RATE_LIMIT \
  BACKOFFICE_RATE_LIMIT_STREAM_CAPACITY=$RATE_LIMIT BACKOFFICE_RATE_LIMIT_UNAUTHENTICATED_CAPACITY=$RATE_LIMIT \
    java $JAVA_OPTS -jar target/quarkus-app/quarkus-run.jar > "$WORK/service-$port.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 90); do
    curl -sf "http://127.0.0.1:$port/q/health/ready" >/dev/null && return 0
    sleep 1
  done
  cat "$WORK/service-$port.log"; echo "the service on port $port did not start" >&2; exit 1
}

step "starting 2 instances on ports ${PORTS[*]} ($JAVA_OPTS)"
for port in "${PORTS[@]}"; do start_instance "$port"; done # one after the other: Flyway migrates once

# ------------------------------------------------------------------ seeding
deposits_for() { # expected debits of one account: number of 1000.00 deposits that cover them
  awk -v d="$1" -v a="$AMOUNT" 'BEGIN { need = (d + 6 * sqrt(d) + 10) * a; n = int(need / 1000); print (n * 1000 < need) ? n + 1 : n }'
}
RANDOM_TRANSFERS=$((MAX_RATE * (WARMUP + 2 * DURATION))) # bound of the transfers among all accounts
ACCOUNT_DEPOSITS=$(deposits_for "$(awk -v t=$RANDOM_TRANSFERS -v n="$ACCOUNTS" 'BEGIN { print t / n }')")
HOT_DEPOSITS=$(deposits_for $((MAX_RATE * DURATION / HOT)))

ADMIN=$(mint admin)
FRONT=$(mint front-office BEN-01 bench-front)
URL="http://127.0.0.1:${PORTS[0]}"
step "seeding $ACCOUNTS accounts (cash deposits of 1000.00: $ACCOUNT_DEPOSITS each), $HOT hot ones (+$HOT_DEPOSITS)"
python3 "$BENCH_DIR/seed.py" "$URL" "$ADMIN" "$FRONT" "$ACCOUNTS" 1000.00 "$ACCOUNT_DEPOSITS" "$WORK/ids"
head -n "$HOT" "$WORK/ids" > "$WORK/hot-ids"
python3 "$BENCH_DIR/seed.py" --top-up "$URL" "$FRONT" "$WORK/hot-ids" 1000.00 "$HOT_DEPOSITS"

# ------------------------------------------------------------------ load runs
# combine NAME: reads the RESULT lines of the wrk processes of one run (common.lua prints them) and prints
# NAME rate=REQUESTS/S (added up) p50_ms p99_ms (of the worse process) p99s_ms (of each) non2xx n5xx n409
# errors (socket errors: timeouts, resets) statuses (non-2xx by status, e.g. 409:3,503:1, or none).
combine() {
  awk -v name="$1" '
    { for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
      rate += v["requests"] / v["seconds"]
      if (v["p50_us"] + 0 > p50) p50 = v["p50_us"] + 0
      if (v["p99_us"] + 0 > p99) p99 = v["p99_us"] + 0
      p99s = p99s (NR > 1 ? "/" : "") sprintf("%.1f", v["p99_us"] / 1000)
      errors += v["socket_errors"]
      n = split(v["statuses"], parts, ",")
      for (j = 1; j <= n; j++) { split(parts[j], sc, ":"); count[sc[1] + 0] += sc[2] }
    }
    END {
      if (NR == 0) { print name " produced no result" > "/dev/stderr"; exit 1 }
      for (s = 100; s < 600; s++) if (s in count && (s < 200 || s >= 300)) {
        non2xx += count[s]; if (s >= 500) n5xx += count[s]
        statuses = statuses (statuses ? "," : "") s ":" count[s]
      }
      printf "%s rate=%.0f p50_ms=%.1f p99_ms=%.1f p99s_ms=%s non2xx=%d n5xx=%d n409=%d errors=%d statuses=%s\n",
        name, rate, p50 / 1000, p99 / 1000, p99s, non2xx, n5xx, count[409], errors, statuses ? statuses : "none"
    }'
}

# load NAME SCRIPT IDS CONNECTIONS INSTANCES [SECONDS]: one wrk process per instance, on the first INSTANCES
# instances at once, the connections and wrk's 2 threads split among them. Prints the combined line and
# appends it to $WORK/results. A response slower than 10 s counts as a socket error (wrk's default of 2 s
# would leave slow responses out of the percentiles).
load() {
  local name=$1 script=$2 ids=$3 connections=$4 instances=$5 seconds=${6:-$DURATION} port pid
  local wrk_pids=()
  for port in "${PORTS[@]:0:$instances}"; do
    RUN="$name-$port" IDS="$ids" TOKEN="$FRONT" \
      wrk -t$((2 / instances)) -c$((connections / instances)) -d"${seconds}s" --timeout 10s --latency \
      -s "$BENCH_DIR/wrk/$script" "http://127.0.0.1:$port" > "$WORK/$name-$port.out" &
    wrk_pids+=($!)
  done
  for pid in "${wrk_pids[@]}"; do wait "$pid"; done
  for port in "${PORTS[@]:0:$instances}"; do grep -h '^RESULT' "$WORK/$name-$port.out" || true; done \
    | combine "$name" | tee -a "$WORK/results"
}
field() { awk -v name="$1" -v key="$2" '$1 == name { for (i = 2; i <= NF; i++) if (index($i, key "=") == 1) print substr($i, length(key) + 2) }' "$WORK/results"; }

step "warm-up of both instances (${WARMUP}s of transfers, ${WARMUP}s of reads)"
load warmup-transfers transfers.lua "$WORK/ids" 32 2 "$WARMUP"
load warmup-reads read-account.lua "$WORK/ids" 32 2 "$WARMUP"

step "runs of ${DURATION}s"
load transfers transfers.lua "$WORK/ids" 32 1
load transfers-2 transfers.lua "$WORK/ids" 32 2
load reads read-account.lua "$WORK/ids" 32 1
load hot transfers.lua "$WORK/hot-ids" 32 1

RSS=()
for pid in "${PIDS[@]}"; do RSS+=($(($(awk '/VmHWM/ {print $2}' "/proc/$pid/status") / 1024))); done
RSS_LIST=$(IFS=,; echo "${RSS[*]}")
RSS_MAX=$(printf '%s\n' "${RSS[@]}" | sort -n | tail -n 1)

for name in warmup-transfers transfers transfers-2 hot; do
  if [ "$(field "$name" rate)" -gt "$MAX_RATE" ]; then
    echo "WARNING: $name ran at $(field "$name" rate)/s, above MAX_RATE=$MAX_RATE that sized the deposits; raise MAX_RATE"
  fi
done

# ------------------------------------------------------------------ report
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
meets() { awk -v v="$1" -v t="$3" "BEGIN { exit !(v $2 t) }"; } # value operator target
verdict() { # value operator target [stretch target]
  if [ $# -gt 3 ] && meets "$1" "$2" "$4"; then echo "yes (stretch too)"
  elif meets "$1" "$2" "$3"; then echo yes
  else echo NO; fi
}
run() { # the result cell of a run
  echo "$(field "$1" rate)/s · p50 $(field "$1" p50_ms) ms · p99 $(field "$1" p99_ms) ms · non-2xx: $(field "$1" statuses) · 5xx $(field "$1" n5xx) · 409 $(field "$1" n409) · socket errors $(field "$1" errors)"
}
TRANSFERS_TPCB=$(ratio "$(field transfers rate)" "$PG_TPCB")
TWO_ONE=$(ratio "$(field transfers-2 rate)" "$(field transfers rate)")
READS_SELECT=$(ratio "$(field reads rate)" "$PG_SELECT")
P99=$(field transfers p99_ms)
NON2XX=$(($(field transfers non2xx) + $(field transfers-2 non2xx)))
SOCKET_ERRORS=$(($(field transfers errors) + $(field transfers-2 errors)))
HOT_5XX=$(field hot n5xx)
HOT_409=$(field hot n409)

cat <<TABLE

| measure | result | target | met |
|---|---|---|---|
| pgbench TPC-B-like (scale 10, 8 clients, -j 2), same PostgreSQL | $PG_TPCB tps | reference | |
| pgbench select-only (-S, scale 10, 8 clients, -j 2) | $PG_SELECT tps | reference | |
| STP transfers, random distinct accounts, 1 instance, 32 connections | $(run transfers) | | |
| STP transfers, 2 instances, 16 + 16 connections | $(run transfers-2) (p50 and p99: the worse instance; p99 of each $(field transfers-2 p99s_ms) ms) | | |
| GET /accounts/{id}, 32 connections | $(run reads) | | |
| transfers among $HOT hot accounts, 32 connections | $(run hot) | | |
| STP transfers / pgbench TPC-B | $TRANSFERS_TPCB | ≥ 0.5 (stretch ≥ 1.0) | $(verdict "$TRANSFERS_TPCB" ">=" 0.5 1.0) |
| 2 instances / 1 instance, transfers | $TWO_ONE | ≥ 0.95 | $(verdict "$TWO_ONE" ">=" 0.95) |
| p99 of transfers, 1 instance, 32 connections | $P99 ms | < 100 ms (stretch < 20 ms) | $(verdict "$P99" "<" 100 20) |
| non-2xx in the transfer runs (1 and 2 instances) | $NON2XX (socket errors besides: $SOCKET_ERRORS) | 0 | $(verdict "$NON2XX" "==" 0) |
| hot $HOT accounts: 5xx, 409 | $HOT_5XX, $HOT_409 | 0, 0 | $(verdict "$((HOT_5XX + HOT_409))" "==" 0) |
| GET account / pgbench select-only | $READS_SELECT | ≥ 0.25 | $(verdict "$READS_SELECT" ">=" 0.25) |
| peak RSS (VmHWM) of each instance, $JAVA_OPTS | ${RSS_LIST//,/, } MiB | < 300 MiB | $(verdict "$RSS_MAX" "<" 300) |

$ACCOUNTS accounts, ${DURATION}s per run after ${WARMUP}s warm-ups, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ).
TABLE
echo "RATIOS transfers/tpcb=$TRANSFERS_TPCB two/one=$TWO_ONE reads/select=$READS_SELECT p99_ms=$P99 non2xx=$NON2XX hot_5xx=$HOT_5XX hot_409=$HOT_409 rss_mib=$RSS_LIST"
