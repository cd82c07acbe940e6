#!/usr/bin/env bash
# Run OZJT contracts locally: installs what is missing, builds what it runs (the host, the
# admin tool and the CLI), starts a PostgreSQL cluster (kept between runs; see ozjt_run_pgdir:
# .data/pg, or under /var/lib/postgresql when root's postgres user cannot reach the checkout)
# unless OZJT_DATABASE_URL is set, applies migrations, loads the demo data, and serves every
# service on loopback until Ctrl-C. The call log goes to .data/calls.log.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

# OZJT_SKIP_BUILD=1 runs the binaries already in $OZJT_BUILD (the run command's e2e test).
if [ "${OZJT_SKIP_BUILD:-0}" != 1 ]; then
  ozjt_install
  ozjt_build ozjt-host ozjt-admin ozjt
fi

DATA=$OZJT_ROOT/.data
KEYS=$OZJT_ROOT/.keys
ADMIN=$OZJT_BUILD/clients/admin/ozjt-admin
CLI=$OZJT_BUILD/clients/cli/ozjt
export OZJT_LISTEN=${OZJT_LISTEN:-127.0.0.1:50051}
export OZJT_HTTP_LISTEN=${OZJT_HTTP_LISTEN:-127.0.0.1:9464}
export OZJT_WEB_LISTEN=${OZJT_WEB_LISTEN:-127.0.0.1:8080}
# The demo data's day, so the README's examples show what they say; OZJT_TODAY= ops/run.sh
# (empty) runs on the real date.
export OZJT_TODAY=${OZJT_TODAY-2026-11-25}

# Stops the cluster this run started, whatever way the run ends.
started_cluster=""
stop_cluster() { if [ -n "$started_cluster" ]; then pg_stop "$started_cluster"; fi; }
trap stop_cluster EXIT
if [ -z "${OZJT_DATABASE_URL:-}" ]; then
  PGDIR=$(ozjt_run_pgdir)
  if [ ! -f "$PGDIR/PG_VERSION" ]; then
    log "creating PostgreSQL cluster in $PGDIR"
    mkdir -p "$(dirname "$PGDIR")"
    pg_create "$PGDIR"
  fi
  if ! as_pg "$(pg_bindir)/pg_ctl" -D "$PGDIR" status >/dev/null 2>&1; then
    log "starting PostgreSQL"
    started_cluster=$PGDIR
    pg_start "$PGDIR"
  fi
  as_pg "$(pg_bindir)/psql" -h "$PGDIR" -U postgres -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = 'ozjt'" | grep -q 1 ||
    as_pg "$(pg_bindir)/psql" -h "$PGDIR" -U postgres -d postgres -qc "CREATE DATABASE ozjt"
  # libpq conninfo: the directory quoted, as a checkout's path may hold spaces.
  export OZJT_DATABASE_URL="host='${PGDIR//\'/\\\'}' user=postgres dbname=ozjt"
fi

mkdir -p "$DATA"
export OZJT_CALL_LOG=${OZJT_CALL_LOG:-$DATA/calls.log}
"$ADMIN" keygen --dir "$KEYS" >/dev/null
export OZJT_JWT_PUBLIC_KEYS=${OZJT_JWT_PUBLIC_KEYS:-$KEYS/signing.pub}
export OZJT_PAGE_TOKEN_KEYS=${OZJT_PAGE_TOKEN_KEYS:-$KEYS/page-token.key}
export OZJT_INSIGHT_KEY_FILE=${OZJT_INSIGHT_KEY_FILE:-$KEYS/insight.key}
# The web page's demo login (a municipality and role of your choice) signs with the local key;
# OZJT_WEB_DEV_LOGIN=0 ops/run.sh turns it off.
export OZJT_WEB_DEV_LOGIN=${OZJT_WEB_DEV_LOGIN:-1}
export OZJT_WEB_DEV_SIGNING_KEY=${OZJT_WEB_DEV_SIGNING_KEY:-$KEYS/signing.key}
"$ADMIN" migrate >/dev/null
"$ADMIN" seed-demo

rel() { realpath --relative-to="$PWD" "$1"; }
DATA_WHERE="the database above (OZJT_DATABASE_URL)"
[ -z "${PGDIR:-}" ] || DATA_WHERE="$PGDIR (PostgreSQL cluster, kept between runs)"
TODAY_NOTE="the real date"
[ -z "$OZJT_TODAY" ] || TODAY_NOTE="$OZJT_TODAY (the demo's day, as in the README; OZJT_TODAY= ops/run.sh for the real date)"
cat <<INFO

OZJT contracts
  web       http://$OZJT_WEB_LISTEN/  (the page for municipal contract managers; demo login)
  gRPC      $OZJT_LISTEN (plaintext on loopback; set OZJT_TLS_CERT/OZJT_TLS_KEY for TLS)
  metrics   http://$OZJT_HTTP_LISTEN/metrics
  agenda    http://$OZJT_HTTP_LISTEN/agenda.ics?token=<token>  (subscribe in Outlook)
  database  $OZJT_DATABASE_URL
  data      $DATA_WHERE
  today     $TODAY_NOTE
  call log  $OZJT_CALL_LOG (one line per call; errors also here on the terminal)

A token per role (valid 8 hours), then use the CLI:
  export OZJT_TOKEN=\$($(rel "$ADMIN") token --key $(rel "$KEYS")/signing.key --role ozjt_contract_manager --subject anna.ozjt)
  export OZJT_TOKEN=\$($(rel "$ADMIN") token --key $(rel "$KEYS")/signing.key --role gemeente_contract_manager --municipality 0153 --subject e.jansen)
  export OZJT_TOKEN=\$($(rel "$ADMIN") token --key $(rel "$KEYS")/signing.key --role toezichthouder --subject t.visser)
  (other roles: screening_officer, auditor, admin)
  $(rel "$CLI") providers list
  $(rel "$CLI") agenda
  $(rel "$CLI") health

Stop with Ctrl-C; the data stays in ${PGDIR:-the database} for the next run.
INFO

"$OZJT_BUILD/services/host/ozjt-host"
