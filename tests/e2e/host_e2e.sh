#!/usr/bin/env bash
# End to end with the built binaries, as an operator and the users run them: the host with
# all services, a service on its own, health and reflection, the CLI per role, metrics, and
# data that survives a restart. Needs the PostgreSQL of ops/test.sh (PGHOST etc.).
set -euo pipefail
source "$(dirname "$0")/../../ops/lib.sh"
source "$(dirname "$0")/flows.sh"
BUILD=$1
HOST=$BUILD/services/host/ozjt-host
REGISTRY=$BUILD/services/registry/ozjt-registry
ADMIN=$BUILD/clients/admin/ozjt-admin
CLI=$BUILD/clients/cli/ozjt

WORK=$(mktemp -d /tmp/ozjt-e2e.XXXXXX)
DB=e2e_$$
PID=""
cleanup() {
  [ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null || true
  psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; [ -f "$WORK/server.err" ] && tail -n 20 "$WORK/server.err" >&2; exit 1; }
step() { echo "-- $*"; }

ozjt_scratch_database "$DB" "$WORK" "$ADMIN"
export OZJT_LISTEN=127.0.0.1:0 OZJT_HTTP_LISTEN=127.0.0.1:0
export OZJT_TODAY=2026-11-25  # the demo's deadlines are checked against a fixed day
token() { "$ADMIN" token --key "$WORK/keys/signing.key" "$@"; }

# start BINARY: runs it in the background and sets PORT and METRICS from its first line (and
# for flows.sh: one process serves the registry and the contracts).
start() {
  ozjt_start_server "$1" "$WORK" || fail "$1 did not start"
  PID=$SERVER_PID PORT=$SERVER_PORT
  METRICS=$(sed -n 's/.*"http_port":\([0-9]*\).*/\1/p' "$WORK/server.out" | head -n 1)
  CALENDAR=$METRICS REGISTRY_LOG=$WORK/server.err
  export OZJT_ADDR=127.0.0.1:$PORT
}
stop() {
  kill -TERM "$PID"
  wait "$PID" || fail "server did not exit cleanly on SIGTERM"
  PID=""
}

step "host with every service starts, migrates, and the demo data loads"
start "$HOST"
e2e_seed_demo

e2e_help

step "health is SERVING and reflection lists the services"
"$CLI" health >"$WORK/health" || fail "health: $(cat "$WORK/health")"
grep -q "ozjt.registry.v1.ProviderRegistry SERVING" "$WORK/health" || fail "registry health"
grep -q "ozjt.audit.v1.AuditLog SERVING" "$WORK/health" || fail "audit health"
"$CLI" services >"$WORK/services"
for s in ozjt.registry.v1.ProviderRegistry ozjt.registry.v1.ReferenceData ozjt.audit.v1.AuditLog \
         grpc.health.v1.Health grpc.reflection.v1alpha.ServerReflection; do
  grep -qx "$s" "$WORK/services" || fail "reflection does not list $s"
done

e2e_day

step "stop and start again: the data is still there"
export OZJT_TOKEN=$(token --role ozjt_contract_manager --subject anna.ozjt)
stop
start "$HOST"
[ "$("$CLI" providers list --all | tail -n +2 | wc -l)" -eq 401 ] || fail "data lost across restart"
stop

step "the registry alone serves the registry and nothing else"
start "$REGISTRY"
"$CLI" services >"$WORK/services"
grep -qx "ozjt.registry.v1.ProviderRegistry" "$WORK/services" || fail "registry binary lacks registry"
if grep -qx "ozjt.audit.v1.AuditLog" "$WORK/services"; then fail "registry binary serves audit"; fi
"$CLI" providers get "$ID" | grep -c "E2E Zorg Twee" >/dev/null || fail "registry binary get"
stop

echo "e2e: all steps passed"
