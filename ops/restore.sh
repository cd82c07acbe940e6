#!/usr/bin/env bash
# Restore an OZJT backup: ops/restore.sh FILE
# Into the database in OZJT_DATABASE_URL, which must exist and be empty (create it with
# `createdb`, or drop the old one first: stop the services before). The role ozjt_app is
# cluster-wide; it is created when missing. One transaction: a failed restore leaves nothing.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
[ $# -eq 1 ] || { echo "usage: $0 FILE" >&2; exit 2; }
: "${OZJT_DATABASE_URL:?set OZJT_DATABASE_URL}"
tables=$("$(pg_bindir)/psql" -d "$OZJT_DATABASE_URL" -tAc \
  "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")
[ "$tables" = 0 ] || { echo "restore: the database is not empty ($tables tables)" >&2; exit 1; }
"$(pg_bindir)/psql" -d "$OZJT_DATABASE_URL" -qc \
  "DO \$\$ BEGIN CREATE ROLE ozjt_app NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END \$\$"
"$(pg_bindir)/pg_restore" --single-transaction --exit-on-error --no-owner \
  --dbname="$OZJT_DATABASE_URL" "$1"
log "restored $1"
