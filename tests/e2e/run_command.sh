#!/usr/bin/env bash
# The README's run command (ops/run.sh) as a new user meets it: the checkout (its tracked files)
# inside a directory of mode 0700, as root on CI, so the postgres user cannot reach it. The run
# must create and start its own cluster where that user can, say in its banner where the data
# lives, serve the gRPC API and the web page, write the call log to .data/calls.log (the
# terminal shows no call lines), and stop its cluster on Ctrl-C. Uses the already built
# binaries (OZJT_BUILD, OZJT_SKIP_BUILD=1) so nothing is compiled again.
set -euo pipefail
SRC=$(cd "$(dirname "$0")/../.." && pwd)
source "$SRC/ops/lib.sh"
BUILD=$1
WORK=$(mktemp -d /tmp/ozjt-run.XXXXXX)
chmod 700 "$WORK"
CHECKOUT=$WORK/ozjt
RUN_PID=""
# Where ops/run.sh puts the cluster of this checkout when the postgres user cannot reach it.
PGDIR=/var/lib/postgresql/ozjt-ozjt-$(printf '%s' "$CHECKOUT" | sha256sum | cut -c1-8)
cleanup() {
  [ -n "$RUN_PID" ] && kill -INT -- "-$RUN_PID" 2>/dev/null && wait "$RUN_PID" 2>/dev/null || true
  # A cluster still running (run.sh stopped before its own trap) is stopped before any removal.
  [ -f "$PGDIR/postmaster.pid" ] && pg_stop "$PGDIR"
  [ -f "$CHECKOUT/.data/pg/postmaster.pid" ] && pg_stop "$CHECKOUT/.data/pg"
  if [ -d "$PGDIR" ] && [ "$PGDIR" != "$CHECKOUT/.data/pg" ]; then rm -rf "$PGDIR"; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
fail() {
  echo "FAIL: $*" >&2; echo "--- run.sh said:" >&2; tail -n 30 "$WORK/run.out" >&2
  echo "--- call log:" >&2; tail -n 5 "$CHECKOUT/.data/calls.log" >&2 || true
  exit 1
}
step() { echo "-- $*"; }

mkdir -p "$CHECKOUT"
(cd "$SRC" && git ls-files -z | xargs -0 tar c) | tar x -C "$CHECKOUT"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
GRPC=$(free_port) METRICS=$(free_port) WEB=$(free_port)
# A fresh shell's environment: no database of the test command's, the ports of this test.
env -u PGHOST -u PGUSER -u PGDATABASE -u OZJT_DATABASE_URL -u OZJT_JWT_PUBLIC_KEYS -u OZJT_PAGE_TOKEN_KEYS \
  OZJT_BUILD="$BUILD" OZJT_SKIP_BUILD=1 OZJT_LISTEN=127.0.0.1:$GRPC OZJT_HTTP_LISTEN=127.0.0.1:$METRICS \
  OZJT_WEB_LISTEN=127.0.0.1:$WEB setsid "$CHECKOUT/ops/run.sh" >"$WORK/run.out" 2>&1 &
RUN_PID=$!

step "ops/run.sh in a 0700 directory creates its cluster, loads the demo data and serves"
for _ in $(seq 1 600); do
  grep -q '"event":"serving"' "$WORK/run.out" 2>/dev/null && break
  kill -0 "$RUN_PID" 2>/dev/null || fail "ops/run.sh exited before serving"
  sleep 0.2
done
grep -q '"event":"serving"' "$WORK/run.out" || fail "not serving after 120 s"
BANNER_PGDIR=$(sed -n 's/^  data *\(.*\) (PostgreSQL cluster.*/\1/p' "$WORK/run.out")
[ -n "$BANNER_PGDIR" ] || fail "the banner does not say where the data lives"
PGDIR=$BANNER_PGDIR
[ -f "$PGDIR/PG_VERSION" ] || fail "the banner's data directory $PGDIR holds no cluster"
if [ "$(id -u)" -eq 0 ]; then
  case "$PGDIR" in "$CHECKOUT"/*) fail "as root the cluster must not be inside the 0700 checkout" ;; esac
fi

step "the web page answers and the CLI reads the demo data with a token from the banner's command"
code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$WEB/")
[ "$code" = 200 ] || fail "web page answered HTTP $code"
TOKEN=$("$BUILD/clients/admin/ozjt-admin" token --key "$CHECKOUT/.keys/signing.key" \
  --role ozjt_contract_manager --subject anna.ozjt)
OZJT_TOKEN=$TOKEN OZJT_ADDR=127.0.0.1:$GRPC "$BUILD/clients/cli/ozjt" providers list >"$WORK/providers" ||
  fail "ozjt providers list: $(cat "$WORK/providers")"
[ "$(wc -l <"$WORK/providers")" -gt 10 ] || fail "few providers listed: $(cat "$WORK/providers")"

step "the call log is a file under .data, named in the banner; the terminal shows no call lines"
grep -q "call log  $CHECKOUT/.data/calls.log" "$WORK/run.out" || fail "the banner does not name the call log"
sleep 0.5
grep -q '"method":"[^"]*/ListProviders"' "$CHECKOUT/.data/calls.log" || fail "ListProviders not in the call log"
if grep -q '"method"' "$WORK/run.out"; then fail "call lines on the terminal"; fi

step "Ctrl-C stops the service and the cluster; the data stays"
kill -INT -- "-$RUN_PID"
wait "$RUN_PID" || true
RUN_PID=""
if as_pg "$(pg_bindir)/pg_ctl" -D "$PGDIR" status >/dev/null 2>&1; then
  fail "the cluster still runs after Ctrl-C"
fi
[ -f "$PGDIR/PG_VERSION" ] || fail "the data is gone after Ctrl-C"
echo "run command: OK"
