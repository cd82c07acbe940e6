#!/usr/bin/env bash
# Back up the OZJT database: ops/backup.sh FILE
# A pg_dump in custom format (compressed, restorable table by table) of the database in
# OZJT_DATABASE_URL, taken in one snapshot while the services keep running. Verify the audit
# chain of a backup by restoring it (ops/restore.sh) and running ozjt-admin verify-audit.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
[ $# -eq 1 ] || { echo "usage: $0 FILE" >&2; exit 2; }
: "${OZJT_DATABASE_URL:?set OZJT_DATABASE_URL}"
"$(pg_bindir)/pg_dump" --format=custom --compress=6 --file="$1" --dbname="$OZJT_DATABASE_URL"
log "backup written to $1 ($(du -h "$1" | cut -f1))"
