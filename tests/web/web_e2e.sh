#!/usr/bin/env bash
# The web client end to end: ozjt-host with the demo data and the web gateway (dev login on),
# driven by Debian's chromium through playwright-core: web_e2e.mjs (the municipal user, the
# auditor's chain check, retries), workbench_e2e.mjs (OZJT's contract manager and auditor,
# axe-core, phones), supervision_e2e.mjs (the toezichthouder's workbench and the requesting
# municipality) and screening_e2e.mjs (the screening officers' workbench); OZJT_SCREENSHOTS=DIR
# keeps their screenshots there. Needs the
# PostgreSQL of ops/test.sh (PGHOST etc.) and `npm ci --prefix tests/web` (ops/test.sh runs it).
#   tests/web/web_e2e.sh BUILD [SCREENSHOT.png]
set -euo pipefail
BUILD=$1
SCREENSHOT=${2:-}
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/../../ops/lib.sh"
HOST=$BUILD/services/host/ozjt-host
ADMIN=$BUILD/clients/admin/ozjt-admin

[ -d "$HERE/node_modules/playwright-core" ] ||
  { echo "FAIL: playwright-core missing: npm ci --prefix tests/web (ops/test.sh does)" >&2; exit 1; }
command -v "${OZJT_CHROMIUM:-/usr/bin/chromium}" >/dev/null ||
  { echo "FAIL: chromium missing: apt-get install chromium (ops/test.sh does)" >&2; exit 1; }

WORK=$(mktemp -d /tmp/ozjt-web.XXXXXX)
DB=web_$$
PID=""
LATER_PID=""
cleanup() {
  [ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null || true
  [ -n "$LATER_PID" ] && kill "$LATER_PID" 2>/dev/null && wait "$LATER_PID" 2>/dev/null || true
  psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

ozjt_scratch_database "$DB" "$WORK" "$ADMIN"
export OZJT_LISTEN=127.0.0.1:0 OZJT_HTTP_LISTEN=off OZJT_WEB_LISTEN=127.0.0.1:0
export OZJT_WEB_DEV_LOGIN=1 OZJT_WEB_DEV_SIGNING_KEY=$WORK/keys/signing.key
export OZJT_TODAY=2026-11-25 OZJT_LOG_LEVEL=warn
"$ADMIN" migrate >/dev/null
"$ADMIN" seed-demo >/dev/null

ozjt_start_server "$HOST" "$WORK" || { echo "FAIL: ozjt-host did not start" >&2; exit 1; }
PID=$SERVER_PID
URL=$(sed -n 's/.*"web_url":"\([^"]*\)".*/\1/p' "$WORK/server.out" | head -n 1)
[ -n "$URL" ] || { echo "FAIL: no web_url in $(cat "$WORK/server.out")" >&2; exit 1; }
echo "-- web client at $URL"
# A second host on the same database that sees 01-02-2027: what the inbox shows once the
# actions the browser tests plan are overdue (OZJT_LATER_URL). It leaves turning contract
# mutations into reviews to the first (they would be opened on its day).
mkdir "$WORK/later"
OZJT_TODAY=2027-02-01 OZJT_SUPERVISION_SYNC_SECONDS=0 ozjt_start_server "$HOST" "$WORK/later" ||
  { echo "FAIL: the later ozjt-host did not start" >&2; exit 1; }
LATER_PID=$SERVER_PID
OZJT_LATER_URL=$(sed -n 's/.*"web_url":"\([^"]*\)".*/\1/p' "$WORK/later/server.out" | head -n 1)
export OZJT_LATER_URL
# Chromium's own complaints (no D-Bus in a container) go to a file, shown only on failure.
for script in web_e2e.mjs workbench_e2e.mjs supervision_e2e.mjs screening_e2e.mjs; do
  if ! node "$HERE/$script" "$URL" $SCREENSHOT 2>"$WORK/browser.err"; then
    tail -n 20 "$WORK/browser.err" >&2
    tail -n 20 "$WORK/server.err" >&2
    exit 1
  fi
done
