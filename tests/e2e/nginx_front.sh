#!/usr/bin/env bash
# nginx in front of ozjt-host with ops/deploy/nginx/ozjt-front.conf.template, as the README
# advises for production: the configuration passes `nginx -t`, the page and the calendar feed
# answer through it, /metrics does not, an over-long body gets 413 from nginx, and nginx's
# access log holds no token. Needs the PostgreSQL of ops/test.sh (PGHOST etc.) and nginx
# (nginx-light, in OZJT_TEST_PACKAGES).
set -euo pipefail
source "$(dirname "$0")/../../ops/lib.sh"
source "$(dirname "$0")/nginx.sh"
BUILD=$1
HOST=$BUILD/services/host/ozjt-host
ADMIN=$BUILD/clients/admin/ozjt-admin
TEMPLATE=$OZJT_ROOT/ops/deploy/nginx/ozjt-front.conf.template
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

WORK=$(mktemp -d /tmp/ozjt-front.XXXXXX)
DB=front_$$
PID="" NGINX_PID=""
cleanup() {
  [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID" 2>/dev/null || true
  [ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null || true
  psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
fail() {
  echo "FAIL: $*" >&2
  for log in "$WORK/server.err" "$WORK/nginx/error.log"; do [ -f "$log" ] && tail -n 20 "$log" >&2; done
  exit 1
}
step() { echo "-- $*"; }
[ -x "$NGINX" ] || fail "nginx is not installed (Debian: nginx-light; ops/test.sh installs it)"

step "ozjt-host with the web page"
ozjt_scratch_database "$DB" "$WORK" "$ADMIN"
export OZJT_LISTEN=127.0.0.1:0 OZJT_HTTP_LISTEN=127.0.0.1:0 OZJT_WEB_LISTEN=127.0.0.1:0
ozjt_start_server "$HOST" "$WORK" || fail "ozjt-host did not start"
PID=$SERVER_PID
HTTP=$(sed -n 's/.*"http_port":\([0-9]*\).*/\1/p' "$WORK/server.out" | head -n 1)
WEB=$(sed -n 's/.*"web_url":"http:\/\/127.0.0.1:\([0-9]*\).*/\1/p' "$WORK/server.out" | head -n 1)
[ -n "$HTTP" ] && [ -n "$WEB" ] || fail "no HTTP or web port: $(cat "$WORK/server.out")"

step "nginx with ozjt-front.conf.template: nginx -t, then serving"
mkdir -p "$WORK/nginx/temp"
FRONT_PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export FRONT_LISTEN=127.0.0.1:$FRONT_PORT WEB_ADDR=127.0.0.1:$WEB CALENDAR_ADDR=127.0.0.1:$HTTP
export FRONT_LOG=$WORK/nginx/front.log
envsubst '$FRONT_LISTEN $WEB_ADDR $CALENDAR_ADDR $FRONT_LOG' <"$TEMPLATE" >"$WORK/nginx/ozjt-front.conf"
if grep -v '^ *#' "$WORK/nginx/ozjt-front.conf" | grep -q '\${'; then
  fail "a setting of the template is not filled in"
fi
nginx_start "$WORK/nginx" ozjt-front.conf "$FRONT_PORT"
FRONT=http://127.0.0.1:$FRONT_PORT

step "the page and the calendar feed through nginx; /metrics stays inside"
curl -sf "$FRONT/" | grep -q "<html" || fail "the page through nginx"
TOKEN=$("$ADMIN" token --key "$WORK/keys/signing.key" --role ozjt_contract_manager --subject front.test)
curl -sf "$FRONT/agenda.ics?token=$TOKEN" | grep -q "^BEGIN:VCALENDAR" || fail "the feed through nginx"
code=$(curl -s -o /dev/null -w '%{http_code}' "$FRONT/agenda.ics")
[ "$code" = 401 ] || fail "the feed without a token through nginx: $code"
code=$(curl -s -o /dev/null -w '%{http_code}' "$FRONT/metrics")
[ "$code" = 404 ] || fail "/metrics through nginx: $code"

step "a 2.5 MiB body gets 413 from nginx"
head -c 2621440 /dev/zero | tr '\0' 'a' >"$WORK/big.json"
code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
  -H 'Transfer-Encoding: chunked' --data-binary @"$WORK/big.json" \
  "$FRONT/api/rpc/ozjt.contracts.v1.ContractService/ListAgenda")
[ "$code" = 413 ] || fail "2.5 MiB chunked body through nginx: $code"

step "the requests are in nginx's log and ozjt-host's, without the token"
grep -q '"GET /agenda.ics" 200' "$FRONT_LOG" || fail "feed not in nginx's log: $(cat "$FRONT_LOG")"
if grep -q "token=\|$TOKEN" "$FRONT_LOG"; then fail "the token is in nginx's log"; fi
grep -q '"route":"/agenda.ics"' "$WORK/server.err" || fail "feed not in ozjt-host's log"
grep -q '"route":"/agenda.ics","server":"host","status":401' "$WORK/server.err" || fail "refused feed not in ozjt-host's log"
if grep -q "$TOKEN" "$WORK/server.err"; then fail "the token is in ozjt-host's log"; fi

step "with ozjt-host stopped the feed fails, and no nginx log holds the token"
kill "$PID" && wait "$PID" 2>/dev/null || true
PID=""
code=$(curl -s -o /dev/null -w '%{http_code}' "$FRONT/agenda.ics?token=$TOKEN")
[ "$code" = 502 ] || fail "the feed without ozjt-host: $code"
for log in "$WORK"/nginx/*.log "$FRONT_LOG"*; do
  if grep -q "$TOKEN" "$log"; then fail "the token is in $log"; fi
done
echo "OK"
