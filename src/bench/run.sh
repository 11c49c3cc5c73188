#!/usr/bin/env bash
# Benchmark of the production build against a fresh database on the local PostgreSQL, with pgbench on the
# same server as the yardstick.
#
#   flock /tmp/bench.lock src/bench/run.sh                 (from anywhere; the defaults take about 15 minutes)
#   DURATION=5 WARMUP=5 ACCOUNTS=300 flock /tmp/bench.lock src/bench/run.sh    (a quick check: about 3 minutes)
# (flock: on a shared machine, one benchmark at a time.)
#
# Time: the build (about 1 minute once Maven's cache is warm), pgbench (about 15 s to initialise, then
# 2 x DURATION), two service starts (about 10 s each), seeding (2 requests per account, plus the hot
# accounts' deposits: about 30 s for 300 accounts on a busy 2-core machine, minutes for the default 10000),
# the warm-up (2.5 x WARMUP: 2 x WARMUP without the batch endpoint), the measured runs (8 x DURATION, 6 x
# without the batch endpoint) and a few seconds after each batch run for the database to settle.
#
# What it does: builds the jar (./mvnw -B -q package -DskipTests); drops and creates the databases BENCH_DB
# (the service's, backoffice_bench) and BENCH_DB_pgbench; prints the PostgreSQL settings it runs with (server_version,
# synchronous_commit, full_page_writes, wal_compression, autovacuum, shared_buffers, max_connections, fsync,
# commit_delay, read with psql -Atc "show ..."); runs pgbench TPC-B-like and select-only (scale 10, 8 clients, -j 2)
# before the service starts; makes an RSA key pair with openssl, whose tokens deploy/jwt/mint-token.sh signs;
# starts two service instances on the same database (ports BENCH_PORT and BENCH_PORT + 1); seeds the accounts
# through the API (src/bench/seed.py); warms up: WARMUP s of transfers and WARMUP s of reads on both instances at
# once (16 + 16 connections), then sends one batch of 2 transfers to POST /operation-batches: if it is answered 404,
# it prints "batches: endpoint not available" and leaves the batch runs out (any other answer than 200 or 202 too,
# printing it), else WARMUP / 2 s of batches of 100 on instance 1 (4 connections). Then it measures with wrk
# (src/bench/wrk/*.lua), DURATION s each:
#   - STP transfers (POST /operations, an Idempotency-Key per request, random distinct accounts, 1.00 each) on
#     instance 1 at 8, 32 and 128 connections (the coalescing window's effect: p50, p99, transfers/s of each),
#     then 16 + 16 connections on the two instances at once (two wrk processes in parallel: requests/s added up,
#     the worse p50 and p99 of the two);
#   - GET /accounts/{id} at 32 connections; transfers among 5 hot accounts at 32 connections;
#   - batches through POST /operation-batches (INDEPENDENT, items of POST /operations with a key of their own,
#     src/bench/wrk/batches.lua) on instance 1: of 100 transfers at 4 connections, of 1,000 (~200 KB) at 2;
#     a 202 is polled (GET /operation-batches/{id}, every POLL_MS) until DONE. Per run: transfers/s booked (in the
#     batches done within the run, less the items refused) and p50/p99 per batch, from its sending to its last
#     answer. After each batch run it waits until the database's count of executed transfers stops moving (batches
#     answered 202 go on after wrk stops) and prints how many the database executed meanwhile.
# It prints a line per run, the markdown table of every run and ratio against the targets (docs/performance.md
# "Benchmark"), and as the
# very last line the ratios: RATIOS transfers/tpcb=... p99_ms=... (both at 32 connections) hot_p99_ms=...
# batch1000/tpcb=... (n/a without the endpoint) two/one=... reads/select=... non2xx=... (every measured run,
# batch items refused included) rss_mib=INSTANCE1,INSTANCE2. Both service instances are stopped on exit, however
# it ends.
#
# Settings (environment):
#   DURATION          seconds of each measured run, pgbench's included (default 30)
#   WARMUP            seconds of each warm-up run, transfers then reads, on both instances (default 60: after 15 s
#                     of load the JIT is still compiling); batches are warmed up WARMUP / 2 s
#   ACCOUNTS          number of customer accounts seeded (default 10000); the first 5 are the hot ones
#   CONTAINER_MEMORY  the memory a container of the service has (default 512m, the mem_limit of
#                     deploy/compose.yml); the JVM is started with -XX:MaxRAM=$CONTAINER_MEMORY because
#                     -XX:MaxRAMPercentage of the 24 GiB host is not what it would see in a container.
#   JAVA_OPTS         the service's JVM options. Default: the ENV JAVA_OPTS of docker/Dockerfile, read at
#                     run time, plus -XX:MaxRAM=$CONTAINER_MEMORY. When set, it replaces all of that.
#   MALLOC_ARENA_MAX  glibc's malloc arenas of the service (default: the ENV MALLOC_ARENA_MAX of docker/Dockerfile)
#   MAX_RATE          an upper bound of the transfers/s of any run (default 10000, far beyond 2 cores). It
#                     only sizes the deposits: each account gets enough 1000.00 deposits that no transfer
#                     of the whole run can fail for lack of money (6 standard deviations above the expected
#                     debits, credits ignored); a warning is printed if a run went faster than the bound.
#   RATE_LIMIT        the capacity of every rate limit budget of the instances (default 100000000): the load comes
#                     from one caller and one address, far faster than the production budgets allow; the limits
#                     stay on, so their cost is measured, but no run reaches them.
#   POLL_MS           milliseconds between two polls of a batch answered 202 (default 20): they bound how much
#                     later than DONE a batch is seen done
#   BENCH_DB          the service's database, dropped and created (default backoffice_bench); pgbench's is
#                     ${BENCH_DB}_pgbench. Another name lets two benchmarks share one PostgreSQL server.
#   BENCH_PORT        the first instance's HTTP port (default 18080); the second listens on BENCH_PORT + 1.
#   PGHOST, PGPORT, PGUSER   the PostgreSQL server (default 127.0.0.1, 5432, postgres; no password).
set -euo pipefail
cd "$(dirname "$0")/../.."
BENCH_DIR=$(pwd)/src/bench
export BENCH_DIR
DURATION=${DURATION:-30}
WARMUP=${WARMUP:-60}
BATCH_WARMUP=$(((WARMUP + 1) / 2))
export POLL_MS=${POLL_MS:-20}
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
# the image's malloc arenas, as the container would have them
MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-$(sed -nE 's/^ENV MALLOC_ARENA_MAX=([0-9]+)$/\1/p' docker/Dockerfile)}
[ -z "$MALLOC_ARENA_MAX" ] || export MALLOC_ARENA_MAX

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
PG_VERSION=$(psql -Atc "show server_version" "$DB")
PG_SETTINGS=""
for setting in synchronous_commit full_page_writes wal_compression autovacuum shared_buffers max_connections fsync commit_delay; do
  PG_SETTINGS="$PG_SETTINGS${PG_SETTINGS:+ }$setting=$(psql -Atc "show $setting" "$DB")"
done
echo "PostgreSQL $PG_VERSION: $PG_SETTINGS"

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
mint() { deploy/jwt/mint-token.sh "$@"; }

start_instance() { # port: starts the service on it, waits until it is ready
  local port=$1
  if curl -s -o /dev/null "http://127.0.0.1:$port/"; then echo "port $port is already in use: set BENCH_PORT" >&2; exit 1; fi
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of options, split on purpose
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
# bound of the transfers among all accounts: the warm-ups of transfers and batches, the runs at 8, 32 and 128
# connections, on 2 instances, and the 2 batch runs
RANDOM_TRANSFERS=$((MAX_RATE * (WARMUP + BATCH_WARMUP + 6 * DURATION)))
ACCOUNT_DEPOSITS=$(deposits_for "$(awk -v t=$RANDOM_TRANSFERS -v n="$ACCOUNTS" 'BEGIN { print t / n }')")
HOT_DEPOSITS=$(deposits_for $((MAX_RATE * DURATION / HOT)))

ADMIN=$(mint admin)
FRONT=$(mint front-office BEN-01 bench-front)
URL="http://127.0.0.1:${PORTS[0]}"
step "seeding $ACCOUNTS accounts (cash deposits of 1000.00: $ACCOUNT_DEPOSITS each), $HOT hot ones (+$HOT_DEPOSITS)"
python3 "$BENCH_DIR/seed.py" "$URL" "$ADMIN" "$FRONT" "$ACCOUNTS" 1000.00 "$ACCOUNT_DEPOSITS" "$WORK/ids"
head -n "$HOT" "$WORK/ids" > "$WORK/hot-ids"
python3 "$BENCH_DIR/seed.py" --top-up "$URL" "$FRONT" "$WORK/hot-ids" 1000.00 "$HOT_DEPOSITS"
# Autovacuum is off on these machines: without statistics, plans made while the tables were nearly empty (the
# foreign-key checks' among them) stay sequential scans of the whole account table. A production database has its
# statistics; ANALYZE gives them to this one (pgbench's initialisation does the same for its own tables).
step "ANALYZE (autovacuum is off here)"
psql -q -c ANALYZE "$DB"

# ------------------------------------------------------------------ load runs
# combine NAME: reads the RESULT lines of the wrk processes of one run (common.lua prints them) and prints
# NAME rate=REQUESTS/S (added up) p50_ms p99_ms (of the worse process) p99s_ms (of each) non2xx n5xx n409
# errors (socket errors: timeouts, resets) statuses (non-2xx by status, e.g. 409:3,503:1, or none); for the
# batches (batches.lua: a request is a batch done), also booked (transfers) booked_rate (per second) refused
# (items) failed (batches) polls.
combine() {
  awk -v name="$1" '
    { split("", v)
      for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
      rate += v["requests"] / v["seconds"]
      booked += v["items"]; booked_rate += v["items"] / v["seconds"]
      refused += v["refused"]; failed += v["failed"]; polls += v["polls"]
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
      printf "%s rate=%.0f p50_ms=%.1f p99_ms=%.1f p99s_ms=%s non2xx=%d n5xx=%d n409=%d errors=%d statuses=%s booked=%d booked_rate=%.0f refused=%d failed=%d polls=%d\n",
        name, rate, p50 / 1000, p99 / 1000, p99s, non2xx, n5xx, count[409], errors, statuses ? statuses : "none",
        booked, booked_rate, refused, failed, polls
    }'
}

# load NAME SCRIPT IDS CONNECTIONS INSTANCES [SECONDS [THREADS]]: one wrk process per instance, on the first
# INSTANCES instances at once, the connections and wrk's threads (2 unless THREADS is given) split among them. Prints the combined line and
# appends it to $WORK/results. A response slower than 10 s counts as a socket error (wrk's default of 2 s
# would leave slow responses out of the percentiles).
load() {
  local name=$1 script=$2 ids=$3 connections=$4 instances=$5 seconds=${6:-$DURATION} threads=${7:-2} port pid
  local wrk_pids=()
  for port in "${PORTS[@]:0:$instances}"; do
    RUN="$name-$port" IDS="$ids" TOKEN="$FRONT" \
      wrk -t$((threads / instances)) -c$((connections / instances)) -d"${seconds}s" --timeout 10s --latency \
      -s "$BENCH_DIR/wrk/$script" "http://127.0.0.1:$port" > "$WORK/$name-$port.out" &
    wrk_pids+=($!)
  done
  for pid in "${wrk_pids[@]}"; do wait "$pid"; done
  for port in "${PORTS[@]:0:$instances}"; do grep -h '^RESULT' "$WORK/$name-$port.out" || true; done \
    | combine "$name" | tee -a "$WORK/results"
}
field() { awk -v name="$1" -v key="$2" '$1 == name { for (i = 2; i <= NF; i++) if (index($i, key "=") == 1) print substr($i, length(key) + 2) }' "$WORK/results"; }
count() { local v; v=$(field "$1" "$2"); echo "${v:-0}"; } # a count of a run, 0 for a run left out

# ------------------------------------------------------------------ batches (POST /operation-batches)
executed_transfers() { # the database's count of executed transfers, or "unknown"
  psql -Atc "select count(*) from operation where type = 'TRANSFER' and status = 'EXECUTED'" "$DB" 2>/dev/null || echo unknown
}
settle() { # waits until executed_transfers has not moved for 2 s (at most 60 s), prints it
  local last now still=0
  last=$(executed_transfers)
  for _ in $(seq 1 60); do
    sleep 1
    now=$(executed_transfers)
    if [ "$now" = "$last" ]; then still=$((still + 1)); [ "$still" -lt 2 ] || break; else still=0; fi
    last=$now
  done
  echo "$last"
}
# batch_run NAME SIZE CONNECTIONS [SECONDS]: batches of SIZE transfers on instance 1, one wrk thread per
# connection (batches.lua follows one batch per thread); then waits for the batches still running to end.
batch_run() {
  local name=$1 size=$2 connections=$3 seconds=${4:-$DURATION} before after
  before=$(executed_transfers)
  BATCH=$size load "$name" batches.lua "$WORK/ids" "$connections" 1 "$seconds" "$connections"
  after=$(settle)
  if [ "$before" != unknown ] && [ "$after" != unknown ]; then
    echo "$name: the database executed $((after - before)) transfers from the run's start until it settled" \
      "($(field "$name" booked) booked in the batches done within the run)"
  fi
}
# batch_probe: one batch of 2 transfers to instance 1; prints the HTTP status (000: no answer), the body in
# $WORK/batch-probe
batch_probe() {
  local a b
  a=$(tail -n 1 "$WORK/ids"); b=$(tail -n 2 "$WORK/ids" | head -n 1)
  curl -s -o "$WORK/batch-probe" -w '%{http_code}' -X POST "$URL/operation-batches" \
    -H "Authorization: Bearer $FRONT" -H 'Content-Type: application/json' -H "Idempotency-Key: bench-probe-$$" \
    --data "{\"mode\":\"INDEPENDENT\",\"operations\":[
      {\"key\":\"bench-probe-$$-1\",\"type\":\"TRANSFER\",\"amount\":\"$AMOUNT\",\"currency\":\"EUR\",\"debitAccountId\":\"$a\",\"creditAccountId\":\"$b\",\"label\":\"bench probe\"},
      {\"key\":\"bench-probe-$$-2\",\"type\":\"TRANSFER\",\"amount\":\"$AMOUNT\",\"currency\":\"EUR\",\"debitAccountId\":\"$b\",\"creditAccountId\":\"$a\",\"label\":\"bench probe\"}]}" \
    || true
}

step "warm-up of both instances (${WARMUP}s of transfers, ${WARMUP}s of reads)"
load warmup-transfers transfers.lua "$WORK/ids" 32 2 "$WARMUP"
load warmup-reads read-account.lua "$WORK/ids" 32 2 "$WARMUP"

BATCH_STATUS=$(batch_probe)
case $BATCH_STATUS in
  200 | 202)
    BATCHES="" # available
    step "warm-up of batches of 100 on instance 1 (${BATCH_WARMUP}s; the probe batch was answered $BATCH_STATUS)"
    batch_run warmup-batches 100 4 "$BATCH_WARMUP" ;;
  404)
    BATCHES="endpoint not available"
    echo "batches: endpoint not available" ;;
  *)
    BATCHES="the probe batch was answered $BATCH_STATUS"
    echo "batches: POST /operation-batches answered $BATCH_STATUS to a batch of 2 transfers, the batch runs are left out:" \
      "$(head -c 500 "$WORK/batch-probe")" ;;
esac

# group_sizes: "COUNT SUM" of instance 1's backoffice_submissions_group_size (database calls, submissions in them)
group_sizes() {
  curl -s "$URL/q/metrics" | awk '/^backoffice_submissions_group_size_count/ { c = $2 } /^backoffice_submissions_group_size_sum/ { s = $2 }
    END { print c + 0, s + 0 }'
}

step "runs of ${DURATION}s"
load transfers-c8 transfers.lua "$WORK/ids" 8 1
GROUPS_BEFORE=$(group_sizes)
load transfers transfers.lua "$WORK/ids" 32 1
GROUPS_AFTER=$(group_sizes)
GROUP_MEAN=$(awk -v a="$GROUPS_BEFORE" -v b="$GROUPS_AFTER" 'BEGIN { split(a, x); split(b, y)
  printf "%.1f", (y[1] - x[1] > 0 ? (y[2] - x[2]) / (y[1] - x[1]) : 0) }')
echo "transfers: $GROUP_MEAN submissions per database call on average (backoffice_submissions_group_size)"
load transfers-c128 transfers.lua "$WORK/ids" 128 1
load transfers-2 transfers.lua "$WORK/ids" 32 2
load reads read-account.lua "$WORK/ids" 32 1
load hot transfers.lua "$WORK/hot-ids" 32 1
if [ -z "$BATCHES" ]; then
  batch_run batches-100 100 4
  batch_run batches-1000 1000 2
fi

RSS=()
for pid in "${PIDS[@]}"; do RSS+=($(($(awk '/VmHWM/ {print $2}' "/proc/$pid/status") / 1024))); done
RSS_LIST=$(IFS=,; echo "${RSS[*]}")
RSS_MAX=$(printf '%s\n' "${RSS[@]}" | sort -n | tail -n 1)

for name in warmup-transfers transfers-c8 transfers transfers-c128 transfers-2 hot; do
  if [ "$(count "$name" rate)" -gt "$MAX_RATE" ]; then
    echo "WARNING: $name ran at $(field "$name" rate)/s, above MAX_RATE=$MAX_RATE that sized the deposits; raise MAX_RATE"
  fi
done
for name in warmup-batches batches-100 batches-1000; do
  if [ "$(count "$name" booked_rate)" -gt "$MAX_RATE" ]; then
    echo "WARNING: $name booked $(field "$name" booked_rate) transfers/s, above MAX_RATE=$MAX_RATE that sized the deposits; raise MAX_RATE"
  fi
done

# ------------------------------------------------------------------ report
# The bars and aims are those of docs/performance.md "Benchmark".
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
meets() { awk -v v="$1" -v t="$3" "BEGIN { exit !(v $2 t) }"; } # value operator target
verdict() { # value operator bar [aim]; n/a for a value that was not measured
  if [ "$1" = n/a ]; then echo "n/a ($BATCHES)"
  elif [ $# -gt 3 ] && meets "$1" "$2" "$4"; then echo "yes (aim too)"
  elif meets "$1" "$2" "$3"; then echo yes
  else echo NO; fi
}
run() { # the result cell of a run
  echo "$(field "$1" rate)/s · p50 $(field "$1" p50_ms) ms · p99 $(field "$1" p99_ms) ms · non-2xx: $(field "$1" statuses) · socket errors $(field "$1" errors)"
}
batch_cell() { # the result cell of a batch run
  if [ -n "$BATCHES" ]; then echo "$BATCHES"; return; fi
  echo "$(field "$1" booked_rate) transfers/s booked ($(field "$1" booked) in the batches done, $(field "$1" rate) batches/s) · per batch: p50 $(field "$1" p50_ms) ms, p99 $(field "$1" p99_ms) ms · items refused $(field "$1" refused) · batches failed $(field "$1" failed) · non-2xx: $(field "$1" statuses) (polls $(field "$1" polls)) · socket errors $(field "$1" errors)"
}
clean() { # the met cell of a run whose bar is no non-2xx and no refused item
  if [ -n "$(field "$1" rate)" ]; then verdict "$(($(count "$1" non2xx) + $(count "$1" refused)))" "==" 0; else echo "n/a ($BATCHES)"; fi
}
MEASURED=(transfers-c8 transfers transfers-c128 transfers-2 reads hot batches-100 batches-1000)
TRANSFERS_TPCB=$(ratio "$(field transfers rate)" "$PG_TPCB")
TWO_ONE=$(ratio "$(field transfers-2 rate)" "$(field transfers rate)")
READS_SELECT=$(ratio "$(field reads rate)" "$PG_SELECT")
P99=$(field transfers p99_ms)
HOT_P99=$(field hot p99_ms)
HOT_REFUSALS=$(($(count hot non2xx) + $(count hot errors)))
if [ -z "$BATCHES" ]; then BATCH_TPCB=$(ratio "$(field batches-1000 booked_rate)" "$PG_TPCB"); else BATCH_TPCB=n/a; fi
NON2XX=0
SOCKET_ERRORS=0
for name in "${MEASURED[@]}"; do
  NON2XX=$((NON2XX + $(count "$name" non2xx) + $(count "$name" refused)))
  SOCKET_ERRORS=$((SOCKET_ERRORS + $(count "$name" errors)))
done
if meets "$HOT_P99" "<" 150 && [ "$HOT_REFUSALS" -eq 0 ]; then
  if meets "$HOT_P99" "<" 50; then HOT_MET="yes (aim too)"; else HOT_MET=yes; fi
else HOT_MET=NO; fi

cat <<TABLE

| run or measure | result | bar (aim) | met |
|---|---|---|---|
| pgbench TPC-B-like (scale 10, 8 clients, -j 2), same PostgreSQL | $PG_TPCB tps | reference | |
| pgbench select-only (-S, scale 10, 8 clients, -j 2) | $PG_SELECT tps | reference | |
| STP transfers, random distinct accounts, 1 instance, 8 connections | $(run transfers-c8) | non-2xx 0 | $(clean transfers-c8) |
| STP transfers, 1 instance, 32 connections | $(run transfers) | p99 < 50 ms (< 20 ms), non-2xx 0 | $(verdict "$P99" "<" 50 20), $(clean transfers) |
| STP transfers, 1 instance, 128 connections | $(run transfers-c128) | non-2xx 0 | $(clean transfers-c128) |
| STP transfers, 2 instances, 16 + 16 connections | $(run transfers-2) (p50 and p99: the worse instance; p99 of each $(field transfers-2 p99s_ms) ms) | non-2xx 0 | $(clean transfers-2) |
| GET /accounts/{id}, 1 instance, 32 connections | $(run reads) | non-2xx 0 | $(clean reads) |
| transfers among $HOT hot accounts, 1 instance, 32 connections | $(run hot) | p99 < 150 ms (< 50 ms), 0 refusals | $HOT_MET |
| batches of 100 transfers (POST /operation-batches, INDEPENDENT), 1 instance, 4 connections | $(batch_cell batches-100) | non-2xx 0, 0 items refused | $(clean batches-100) |
| batches of 1,000 transfers, 1 instance, 2 connections | $(batch_cell batches-1000) | non-2xx 0, 0 items refused | $(clean batches-1000) |
| STP transfers / pgbench TPC-B, 32 connections | $TRANSFERS_TPCB | ≥ 1.0 (1.5) | $(verdict "$TRANSFERS_TPCB" ">=" 1.0 1.5) |
| p99 of transfers, 32 connections | $P99 ms | < 50 ms (< 20 ms) | $(verdict "$P99" "<" 50 20) |
| hot $HOT accounts: p99, refusals (non-2xx and socket errors) | $HOT_P99 ms, $HOT_REFUSALS | < 150 ms, 0 (< 50 ms) | $HOT_MET |
| transfers booked through batches of 1,000 / pgbench TPC-B | $BATCH_TPCB | ≥ 3 (10) | $(verdict "$BATCH_TPCB" ">=" 3 10) |
| 2 instances / 1 instance, transfers | $TWO_ONE | ≥ 1.0 | $(verdict "$TWO_ONE" ">=" 1.0) |
| GET account / pgbench select-only | $READS_SELECT | ≥ 0.25 (0.5) | $(verdict "$READS_SELECT" ">=" 0.25 0.5) |
| peak RSS (VmHWM) of each instance, $JAVA_OPTS | ${RSS_LIST//,/, } MiB | < 256 MiB | $(verdict "$RSS_MAX" "<" 256) |
| non-2xx in every measured run, batch items refused included | $NON2XX (socket errors besides: $SOCKET_ERRORS) | 0 | $(verdict "$NON2XX" "==" 0) |

$ACCOUNTS accounts, ${DURATION}s per run after warm-ups of ${WARMUP}s (transfers, then reads)$([ -n "$BATCHES" ] || echo " and ${BATCH_WARMUP}s (batches of 100)"), $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ).
PostgreSQL $PG_VERSION: $PG_SETTINGS.
TABLE
echo "RATIOS transfers/tpcb=$TRANSFERS_TPCB p99_ms=$P99 hot_p99_ms=$HOT_P99 batch1000/tpcb=$BATCH_TPCB two/one=$TWO_ONE reads/select=$READS_SELECT non2xx=$NON2XX rss_mib=$RSS_LIST"
