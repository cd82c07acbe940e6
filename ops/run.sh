#!/usr/bin/env bash
# Run OZJT contracts locally: installs what is missing, builds, starts a PostgreSQL cluster
# in .data/pg (kept between runs) unless OZJT_DATABASE_URL is set, applies migrations, loads
# the demo data, and serves every service on loopback until Ctrl-C.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

ozjt_install
ozjt_build

DATA=$OZJT_ROOT/.data
KEYS=$OZJT_ROOT/.keys
ADMIN=$OZJT_BUILD/clients/admin/ozjt-admin
CLI=$OZJT_BUILD/clients/cli/ozjt
export OZJT_LISTEN=${OZJT_LISTEN:-127.0.0.1:50051}
export OZJT_HTTP_LISTEN=${OZJT_HTTP_LISTEN:-127.0.0.1:9464}
export OZJT_WEB_LISTEN=${OZJT_WEB_LISTEN:-127.0.0.1:8080}

started_cluster=""
if [ -z "${OZJT_DATABASE_URL:-}" ]; then
  PGDIR=$DATA/pg
  if [ ! -f "$PGDIR/PG_VERSION" ]; then
    log "creating PostgreSQL cluster in $PGDIR"
    pg_create "$PGDIR"
    # The cluster's parent must be reachable for the postgres user.
    chmod 755 "$DATA"
  fi
  if ! as_pg "$(pg_bindir)/pg_ctl" -D "$PGDIR" status >/dev/null 2>&1; then
    log "starting PostgreSQL"
    pg_start "$PGDIR"
    started_cluster=$PGDIR
  fi
  as_pg "$(pg_bindir)/psql" -h "$PGDIR" -U postgres -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = 'ozjt'" | grep -q 1 ||
    as_pg "$(pg_bindir)/psql" -h "$PGDIR" -U postgres -d postgres -qc "CREATE DATABASE ozjt"
  export OZJT_DATABASE_URL="host=$PGDIR user=postgres dbname=ozjt"
fi
stop_cluster() { [ -n "$started_cluster" ] && pg_stop "$started_cluster"; }
trap stop_cluster EXIT

"$ADMIN" keygen --dir "$KEYS" >/dev/null
export OZJT_JWT_PUBLIC_KEYS=${OZJT_JWT_PUBLIC_KEYS:-$KEYS/signing.pub}
# The web page's demo login (a municipality and role of your choice) signs with the local key;
# OZJT_WEB_DEV_LOGIN=0 ops/run.sh turns it off.
export OZJT_WEB_DEV_LOGIN=${OZJT_WEB_DEV_LOGIN:-1}
export OZJT_WEB_DEV_SIGNING_KEY=${OZJT_WEB_DEV_SIGNING_KEY:-$KEYS/signing.key}
"$ADMIN" migrate >/dev/null
"$ADMIN" seed-demo

rel() { realpath --relative-to="$PWD" "$1"; }
cat <<INFO

OZJT contracts
  web       http://$OZJT_WEB_LISTEN/  (the page for municipal contract managers; demo login)
  gRPC      $OZJT_LISTEN (plaintext on loopback; set OZJT_TLS_CERT/OZJT_TLS_KEY for TLS)
  metrics   http://$OZJT_HTTP_LISTEN/metrics
  agenda    http://$OZJT_HTTP_LISTEN/agenda.ics?token=<token>  (subscribe in Outlook)
  database  $OZJT_DATABASE_URL

A token per role (valid 8 hours), then use the CLI:
  export OZJT_TOKEN=\$($(rel "$ADMIN") token --key $(rel "$KEYS")/signing.key --role ozjt_contract_manager --subject anna.ozjt)
  export OZJT_TOKEN=\$($(rel "$ADMIN") token --key $(rel "$KEYS")/signing.key --role gemeente_contract_manager --municipality 0153 --subject e.jansen)
  export OZJT_TOKEN=\$($(rel "$ADMIN") token --key $(rel "$KEYS")/signing.key --role toezichthouder --subject t.visser)
  (other roles: screening_officer, auditor, admin)
  $(rel "$CLI") providers list
  $(rel "$CLI") agenda
  $(rel "$CLI") health

Stop with Ctrl-C; the data stays in .data/pg for the next run.
INFO

"$OZJT_BUILD/services/host/ozjt-host"
