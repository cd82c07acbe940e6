#!/usr/bin/env bash
# End to end with the services apart, as in a cluster: each service its own binary on its own
# port (one database), Debian's nginx in front routing each call by its gRPC service path
# (ops/deploy/nginx/ozjt-grpc-router.conf.template), ozjt-web alone pointed at that router.
# The CLI and the web gateway know only the router; the users' flows of host_e2e.sh
# (flows.sh) pass the same. Needs the PostgreSQL of ops/test.sh (PGHOST etc.) and nginx
# (nginx-light, in OZJT_TEST_PACKAGES).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/../../ops/lib.sh"
source "$HERE/flows.sh"
source "$HERE/nginx.sh"
BUILD=$1
ADMIN=$BUILD/clients/admin/ozjt-admin
CLI=$BUILD/clients/cli/ozjt
WEB=$BUILD/services/web/ozjt-web
TEMPLATE=$OZJT_ROOT/ops/deploy/nginx/ozjt-grpc-router.conf.template
SERVICES=(registry contracts accountregion screening supervision jzplus insight audit)
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

WORK=$(mktemp -d /tmp/ozjt-apart.XXXXXX)
DB=apart_$$
declare -A PID=() PORT=() HTTP=()
cleanup() {
  local p
  for p in "${PID[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${PID[@]}"; do wait "$p" 2>/dev/null || true; done
  psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
fail() {
  echo "FAIL: $*" >&2
  local log
  for log in "$WORK"/svc/*/server.err "$WORK"/nginx/error.log; do
    [ -s "$log" ] && { echo "== $log" >&2; tail -n 5 "$log" >&2; }
  done
  exit 1
}
step() { echo "-- $*"; }
token() { "$ADMIN" token --key "$WORK/keys/signing.key" "$@"; }
[ -x "$NGINX" ] || fail "nginx is not installed (Debian: nginx-light; ops/test.sh installs it)"

ozjt_scratch_database "$DB" "$WORK" "$ADMIN"
export OZJT_LISTEN=127.0.0.1:0 OZJT_HTTP_LISTEN=127.0.0.1:0
export OZJT_TODAY=2026-11-25  # the demo's deadlines are checked against a fixed day

# start_service NAME [LISTEN]: build/services/NAME/ozjt-NAME in the background, its output in
# WORK/svc/NAME; sets PID, PORT and HTTP (metrics and the service's own pages) of NAME.
start_service() {
  local name=$1
  mkdir -p "$WORK/svc/$name"
  OZJT_LISTEN=${2:-$OZJT_LISTEN} ozjt_start_server "$BUILD/services/$name/ozjt-$name" "$WORK/svc/$name" ||
    fail "ozjt-$name did not start"
  PID[$name]=$SERVER_PID PORT[$name]=$SERVER_PORT
  HTTP[$name]=$(sed -n 's/.*"http_port":\([0-9]*\).*/\1/p' "$WORK/svc/$name/server.out" | head -n 1)
}

step "each service starts alone on its own port: the registry migrates, the others find the schema"
export OZJT_MIGRATE=1
start_service registry
export OZJT_MIGRATE=0
for s in "${SERVICES[@]:1}"; do start_service "$s"; done
for s in "${SERVICES[@]}"; do
  served=$(grep -o '"services":\[[^]]*\]' "$WORK/svc/$s/server.out")
  echo "$served" | grep -q "\"ozjt\.$s\.v1\." || fail "ozjt-$s does not serve ozjt.$s.v1: $served"
  if echo "$served" | grep -o '"ozjt\.[a-z]*\.' | grep -qv "\"ozjt\.$s\."; then
    fail "ozjt-$s serves another service's module: $served"
  fi
done

step "the router: nginx with the routes of ops/deploy/nginx, plaintext HTTP/2 on loopback"
mkdir -p "$WORK/nginx/temp"
ROUTER_PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export ROUTER_LISTEN=127.0.0.1:$ROUTER_PORT ROUTER_SCHEME=grpc
vars='$ROUTER_LISTEN $ROUTER_SCHEME'
for s in "${SERVICES[@]}"; do
  var=${s^^}_ADDR
  export "$var=127.0.0.1:${PORT[$s]}"
  vars+=" \$$var"
done
envsubst "$vars" <"$TEMPLATE" >"$WORK/nginx/ozjt-grpc-router.conf"
if grep -v '^ *#' "$WORK/nginx/ozjt-grpc-router.conf" | grep -q '\$'; then
  fail "a setting of the router template is not filled in"
fi
nginx_start "$WORK/nginx" ozjt-grpc-router.conf "$ROUTER_PORT" "access_log $WORK/nginx/access.log;"
PID[nginx]=$NGINX_PID
export OZJT_ADDR=127.0.0.1:$ROUTER_PORT
# For flows.sh: the registry's log and metrics, the contracts' calendar feed.
# shellcheck disable=SC2034  # read by flows.sh
REGISTRY_LOG=$WORK/svc/registry/server.err METRICS=${HTTP[registry]} CALENDAR=${HTTP[contracts]}

step "the Kubernetes router carries the same routes (its ConfigMap holds this template)"
K8S=$OZJT_ROOT/ops/deploy/k8s/apart/ozjt-apart.yaml
python3 - "$K8S" "$TEMPLATE" <<'PY' || fail "the ConfigMap ozjt-grpc-router in $K8S differs from the template"
import sys, yaml
docs = [d for d in yaml.safe_load_all(open(sys.argv[1])) if d]
maps = [d for d in docs if d["kind"] == "ConfigMap" and d["metadata"]["name"] == "ozjt-grpc-router"]
sys.exit(0 if maps and maps[0]["data"]["ozjt-grpc-router.conf.template"] == open(sys.argv[2]).read() else 1)
PY

step "health and reflection: through the router the registry's, at each service's own port its own"
"$CLI" services >"$WORK/services" || fail "reflection through the router: $(cat "$WORK/services")"
grep -qx "ozjt.registry.v1.ProviderRegistry" "$WORK/services" || fail "router reflection: $(cat "$WORK/services")"
"$CLI" health >"$WORK/health" || fail "health through the router: $(cat "$WORK/health")"
grep -q "^(server) SERVING" "$WORK/health" || fail "router health: $(cat "$WORK/health")"
for s in "${SERVICES[@]}"; do
  OZJT_ADDR=127.0.0.1:${PORT[$s]} "$CLI" health >"$WORK/health" || fail "ozjt-$s health: $(cat "$WORK/health")"
  grep -q "^ozjt\.$s\.v1\.[A-Za-z]* SERVING" "$WORK/health" || fail "ozjt-$s health: $(cat "$WORK/health")"
done
# A path the router has no route for: UNIMPLEMENTED, as a gRPC server answers.
curl -s --http2-prior-knowledge -o /dev/null -D "$WORK/headers" -X POST -H 'content-type: application/grpc' \
  "http://$OZJT_ADDR/ozjt.nergens.v1.Niets/Doe" || fail "router unreachable with curl"
grep -qi "^grpc-status: 12" "$WORK/headers" || fail "unknown path not UNIMPLEMENTED: $(cat "$WORK/headers")"

step "the demo data loads with the services apart"
e2e_seed_demo
e2e_help
e2e_day

step "the web gateway alone, pointed at the router: the API with a user's token, Dutch errors"
mkdir -p "$WORK/svc/web"
# ozjt-web's serving line names its web_url, not a gRPC port: ozjt_start_server's "no port" is expected.
OZJT_WEB_LISTEN=127.0.0.1:0 OZJT_WEB_UPSTREAM=$OZJT_ADDR OZJT_CALL_LOG=$WORK/svc/web/calls.log \
  ozjt_start_server "$WEB" "$WORK/svc/web" 2>/dev/null || true
PID[web]=$SERVER_PID
grep -q '"event":"serving"' "$WORK/svc/web/server.out" || fail "ozjt-web did not start: $(tail -n 5 "$WORK/svc/web/server.err")"
WEB_URL=$(sed -n 's/.*"web_url":"\([^"]*\)".*/\1/p' "$WORK/svc/web/server.out")
api() {  # api METHOD_PATH BODY TOKEN: prints the HTTP status, the answer in WORK/answer.json
  curl -s -o "$WORK/answer.json" -w '%{http_code}' -X POST "${WEB_URL}api/rpc/$1" \
    -H 'Content-Type: application/json' -H "Authorization: Bearer $3" -d "$2"
}
ENSCHEDE=$(token --role gemeente_contract_manager --municipality 0153 --subject m.enschede)
[ "$(api ozjt.contracts.v1.ContractService/ListContracts '{"filter": {"text": "DGV-2023-P1"}}' "$ENSCHEDE")" = 200 ] &&
  grep -q '"reference":"DGV-2023-P1"' "$WORK/answer.json" || fail "contracts through ozjt-web: $(cat "$WORK/answer.json")"
LOT=$(grep -o '"name":"contracts/[0-9]*"' "$WORK/answer.json" | head -n 1 | cut -d '"' -f 4)
[ "$(api ozjt.registry.v1.ProviderRegistry/GetProvider "{\"name\": \"providers/$ID\"}" "$ENSCHEDE")" = 200 ] &&
  grep -q "E2E Zorg Twee (fictief)" "$WORK/answer.json" || fail "registry through ozjt-web: $(cat "$WORK/answer.json")"
# The error details (google.rpc.BadRequest, the Dutch message) come back through the router.
[ "$(api ozjt.contracts.v1.VervoerService/RecordKpiMeasurement "{\"measurement\": {\"contract\": \"$LOT\",
  \"period\": \"oktober\", \"kind\": \"KPI_KIND_PUNCTUALITY\", \"value\": \"94.10\",
  \"source\": \"MEASUREMENT_SOURCE_MONITORING\"}}" "$ENSCHEDE")" = 400 ] &&
  grep -q '"fields":\[{"description":"[^"]*","field":"measurement.period"' "$WORK/answer.json" ||
  fail "a field error through ozjt-web: $(cat "$WORK/answer.json")"
[ "$(api ozjt.jzplus.v1.InflowService/GetInflowChart '{"municipalityCode": "0164"}' "$ENSCHEDE")" = 403 ] &&
  grep -q '"code":"PERMISSION_DENIED"' "$WORK/answer.json" || fail "another municipality's inflow: $(cat "$WORK/answer.json")"
[ "$(api ozjt.supervision.v1.SupervisionService/ListInvestigations '{}' "")" = 401 ] ||
  fail "a call without token through ozjt-web: $(cat "$WORK/answer.json")"
# Its HTTP requests are logged where OZJT_CALL_LOG says, the refused one included.
grep -q '"route":"/api/rpc/.*"status":401' "$WORK/svc/web/calls.log" ||
  fail "ozjt-web ignores OZJT_CALL_LOG: $(head -c 600 "$WORK/svc/web/calls.log" 2>&1)"

step "a service stopped behind the running router is UNAVAILABLE; started again, it is found with its data"
export OZJT_TOKEN=$(token --role ozjt_contract_manager --subject anna.ozjt)
kill -TERM "${PID[registry]}"
wait "${PID[registry]}" || fail "ozjt-registry did not exit cleanly on SIGTERM"
unset 'PID[registry]'
if "$CLI" providers list 2>"$WORK/err"; then fail "a call to the stopped registry succeeded"; fi
grep -q "^fout: De server is niet bereikbaar" "$WORK/err" && grep -q "(UNAVAILABLE" "$WORK/err" ||
  fail "the router's answer for a stopped service: $(cat "$WORK/err")"
start_service registry "127.0.0.1:${PORT[registry]}"
[ "$("$CLI" providers list --all | tail -n +2 | wc -l)" -eq 401 ] || fail "registry after a restart"
"$CLI" contracts get HO-2023 | grep -q "^kenmerk: *HO-2023" || fail "contracts after the registry's restart"

echo "e2e apart: all steps passed"
