#!/usr/bin/env bash
# The load generator against ozjt-host with the demo data, one second per scenario: every
# scenario runs, answers, and (on data that fits it) fails no call. Not a benchmark: no timing
# is checked. Needs the PostgreSQL of ops/test.sh (PGHOST etc.).
set -euo pipefail
BUILD=$1
HOST=$BUILD/services/host/ozjt-host
ADMIN=$BUILD/clients/admin/ozjt-admin
LOAD=$BUILD/tests/ozjt-load

WORK=$(mktemp -d /tmp/ozjt-load.XXXXXX)
DB=load_$$
PID=""
cleanup() {
  [ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null || true
  psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; tail -n 20 "$WORK/server.err" >&2; exit 1; }

psql -q -d postgres -c "CREATE DATABASE $DB" >/dev/null
export OZJT_DATABASE_URL="dbname=$DB" OZJT_LISTEN=127.0.0.1:0 OZJT_HTTP_LISTEN=off
export OZJT_TODAY=2026-11-25 OZJT_LOG_LEVEL=warn
"$ADMIN" keygen --dir "$WORK/keys" >/dev/null
export OZJT_JWT_PUBLIC_KEYS=$WORK/keys/signing.pub
"$ADMIN" migrate >/dev/null
"$ADMIN" seed-demo >/dev/null
"$HOST" >"$WORK/server.out" 2>"$WORK/server.err" &
PID=$!
for _ in $(seq 1 100); do
  grep -q '"event":"serving"' "$WORK/server.out" 2>/dev/null && break
  kill -0 "$PID" 2>/dev/null || fail "ozjt-host exited"
  sleep 0.1
done
PORT=$(sed -n 's/.*"port":\([0-9]*\).*/\1/p' "$WORK/server.out" | head -n 1)
manager=$("$ADMIN" token --key "$WORK/keys/signing.key" --role ozjt_contract_manager --subject bench)
supervisor=$("$ADMIN" token --key "$WORK/keys/signing.key" --role toezichthouder --subject bench)
investigation=$(psql -At -d "$DB" -c "SELECT min(id) FROM supervision.investigation")
hoc=$(psql -At -d "$DB" -c "SELECT id FROM contracts.contract WHERE reference = 'HO-2023'")

# run SCENARIO TOKEN [ARGS...]: one second, 4 in flight; calls > 0 and no errors.
run() {
  local scenario=$1 token=$2
  shift 2
  local out
  out=$("$LOAD" --addr "127.0.0.1:$PORT" --token "$token" --scenario "$scenario" \
    --in-flight 4 --duration 1 "$@") || fail "$scenario: ozjt-load failed"
  echo "$out"
  python3 - "$out" <<'PY' || fail "$scenario: $out"
import json, sys
r = json.loads(sys.argv[1])
assert r["calls"] > 0 and r["calls_per_s"] > 0, "no calls"
assert r["errors"] == {}, r["errors"]
assert 0 < r["p50_ms"] <= r["p90_ms"] <= r["p99_ms"] <= r["max_ms"], "percentiles out of order"
PY
}
run health "$manager"
run get_provider "$manager" --ids 1-400
run list_providers "$manager" --municipalities 0153,0164,0141
run get_contract "$manager" --ids 1-12
run agenda_municipality "$manager" --municipalities 0153
run agenda_region "$manager"
run indexation_preview "$manager" --ids "$hoc-$hoc" --year 2025
run jzplus_report "$manager"
run create_finding "$supervisor" --ids "$investigation-$investigation"
# A scenario it does not know is a usage error.
if "$LOAD" --scenario nonsense --duration 1 2>/dev/null; then fail "unknown scenario accepted"; fi
