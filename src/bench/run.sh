#!/usr/bin/env bash
# Benchmark of the production build against a fresh database on the local PostgreSQL.
#   src/bench/run.sh            (from the repository root; takes about 5 minutes)
# Prints a table: STP transfers/s at 32 connections, pgbench TPC-B on the same server and the ratio,
# GET /accounts/{id}/s, a hot-account run, and the service's peak resident memory.
# Settings (environment): DURATION (seconds per run, default 30), ACCOUNTS (default 10000),
# JAVA_OPTS (the service's JVM options, default -Xmx256m), PGHOST/PGPORT/PGUSER (default 127.0.0.1/5432/postgres).
set -euo pipefail
cd "$(dirname "$0")/../.."
BENCH_DIR=$(pwd)/src/bench
export BENCH_DIR
DURATION=${DURATION:-30}
ACCOUNTS=${ACCOUNTS:-10000}
JAVA_OPTS=${JAVA_OPTS:--Xmx256m}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
DB=backoffice_bench
PORT=18080
WORK=$(mktemp -d)
SERVICE_PID=

cleanup() {
  if [ -n "$SERVICE_PID" ]; then kill "$SERVICE_PID" 2>/dev/null; wait "$SERVICE_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# wrk drives the HTTP load: a C event loop costs the 2 cores far less than a JVM load generator would,
# and its Lua hooks give per-request idempotency keys and status counts.
need() { command -v "$1" >/dev/null 2>&1; }
if ! need wrk || ! need pgbench || ! need python3 || ! need openssl; then
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk postgresql-client python3 openssl
fi

echo "== building the production jar"
./mvnw -B -q package -DskipTests

echo "== fresh database $DB"
dropdb --if-exists "$DB" && createdb "$DB"
dropdb --if-exists "${DB}_pgbench" && createdb "${DB}_pgbench"

openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/private.pem" 2>/dev/null
openssl pkey -in "$WORK/private.pem" -pubout -out "$WORK/public.pem"
export JWT_PRIVATE_KEY="$WORK/private.pem" JWT_ISSUER=https://bench.backoffice.local
mint() { docker/jwt/mint-token.sh "$@"; }

echo "== starting the service ($JAVA_OPTS)"
QUARKUS_HTTP_PORT=$PORT \
QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://$PGHOST:$PGPORT/$DB" \
QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" \
QUARKUS_DATASOURCE_USERNAME="$PGUSER" QUARKUS_DATASOURCE_PASSWORD="" \
MP_JWT_VERIFY_PUBLICKEY_LOCATION="$WORK/public.pem" MP_JWT_VERIFY_ISSUER="$JWT_ISSUER" \
QUARKUS_LOG_LEVEL=WARN \
  java $JAVA_OPTS -jar target/quarkus-app/quarkus-run.jar > "$WORK/service.log" 2>&1 &
SERVICE_PID=$!
for _ in $(seq 1 60); do
  curl -sf "http://127.0.0.1:$PORT/q/health/ready" >/dev/null && break
  sleep 1
done
curl -sf "http://127.0.0.1:$PORT/q/health/ready" >/dev/null || { cat "$WORK/service.log"; echo "service did not start"; exit 1; }

ADMIN=$(mint admin)
FRONT=$(mint front-office BEN-01 bench-front)
echo "== seeding $ACCOUNTS accounts (a cash deposit of 900.00 each)"
python3 "$BENCH_DIR/seed.py" "http://127.0.0.1:$PORT" "$ADMIN" "$FRONT" "$ACCOUNTS" 900.00 "$WORK/ids"
head -n 5 "$WORK/ids" > "$WORK/hot-ids"
# the hot accounts get enough money for the whole run
for id in $(cat "$WORK/hot-ids"); do
  for n in $(seq 1 20); do
    curl -sf -o /dev/null -X POST "http://127.0.0.1:$PORT/operations" -H "Authorization: Bearer $FRONT" \
      -H "Content-Type: application/json" -H "Idempotency-Key: hot-$id-$n" \
      -d "{\"type\":\"CASH_DEPOSIT\",\"amount\":\"1000.00\",\"currency\":\"EUR\",\"creditAccountId\":\"$id\"}"
  done
done

run_wrk() { # name script ids connections
  IDS="$3" TOKEN="$FRONT" wrk -t2 -c"$4" -d"${DURATION}s" --latency -s "$BENCH_DIR/wrk/$2" "http://127.0.0.1:$PORT" \
    | tee "$WORK/$1.out" | grep '^RESULT' | sed "s/^RESULT/$1/"
}
field() { grep "^$1 " "$WORK/results" | sed -E "s/.* $2=([^ ]+).*/\1/"; }

echo "== warm-up"
DURATION=10 run_wrk warmup transfers.lua "$WORK/ids" 32 > /dev/null
echo "== runs of ${DURATION}s"
{
  run_wrk transfers transfers.lua "$WORK/ids" 32
  run_wrk reads read-account.lua "$WORK/ids" 32
  run_wrk hot transfers.lua "$WORK/hot-ids" 32
} | tee "$WORK/results"
RSS_KB=$(awk '/VmHWM/ {print $2}' "/proc/$SERVICE_PID/status")

echo "== pgbench TPC-B (scale 10, 8 clients) on the same server"
pgbench -q -i -s 10 "${DB}_pgbench" >/dev/null 2>&1
PG_TPS=$(pgbench -c 8 -j 2 -T "$DURATION" "${DB}_pgbench" 2>/dev/null | sed -nE 's/^tps = ([0-9.]+).*/\1/p' | head -n 1)

rate() { awk -v r="$(field "$1" requests)" -v s="$(field "$1" seconds)" 'BEGIN { printf "%.0f", r / s }'; }
ms() { awk -v us="$(field "$1" "$2")" 'BEGIN { printf "%.1f", us / 1000 }'; }
fivexx() { field "$1" statuses | tr ',' '\n' | awk -F: '$1 >= 500 { n += $2 } END { print n + 0 }'; }
TRANSFERS=$(rate transfers)
RATIO=$(awk -v a="$TRANSFERS" -v b="$PG_TPS" 'BEGIN { printf "%.2f", a / b }')

cat <<TABLE

| measure | result | target |
|---|---|---|
| 1. STP transfers/s, random distinct accounts, 32 connections | $TRANSFERS/s (p50 $(ms transfers p50_us) ms, p99 $(ms transfers p99_us) ms; statuses $(field transfers statuses)) | p99 < 50 ms |
| 2. pgbench TPC-B-like tps (scale 10, 8 clients), same PostgreSQL | ${PG_TPS%.*} tps; ratio 1/2 = $RATIO | ratio ≥ 0.5 |
| 3. GET /accounts/{id}/s, 32 connections | $(rate reads)/s (p50 $(ms reads p50_us) ms, p99 $(ms reads p99_us) ms; statuses $(field reads statuses)) | |
| 4. hot accounts (5), 32 connections | $(rate hot)/s (p50 $(ms hot p50_us) ms, p99 $(ms hot p99_us) ms; statuses $(field hot statuses)) | |
| 5xx responses (runs 1, 3, 4) | $(( $(fivexx transfers) + $(fivexx reads) + $(fivexx hot) )) | 0 |
| 5. service peak RSS (VmHWM, $JAVA_OPTS) | $((RSS_KB / 1024)) MiB | < 512 MiB |

$ACCOUNTS accounts, ${DURATION}s per run, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ).
TABLE
