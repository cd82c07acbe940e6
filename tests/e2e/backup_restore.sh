#!/usr/bin/env bash
# Backup and restore (ops/backup.sh, ops/restore.sh): a database with the demo data and a day's
# changes is backed up, wiped and restored; every table's row count and checksum must match,
# and the audit chain must still verify. Needs the PostgreSQL of ops/test.sh (PGHOST etc.).
set -euo pipefail
BUILD=$1
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
ADMIN=$BUILD/clients/admin/ozjt-admin
WORK=$(mktemp -d /tmp/ozjt-backup.XXXXXX)
DB=backup_$$
cleanup() {
  psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# Every table of the product's schemas: name, row count and an order-independent checksum.
fingerprint() {
  psql -d "$DB" -tA -c "
    SELECT string_agg(format('SELECT %L || '' '' || count(*) || '' '' || coalesce(md5(string_agg(t::text, ''|'' ORDER BY t::text)), ''-'') FROM %I.%I t',
                             schemaname || '.' || tablename, schemaname, tablename), ' UNION ALL ' ORDER BY schemaname, tablename)
      FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')" |
    psql -d "$DB" -tA | sort
}

psql -q -d postgres -c "CREATE DATABASE $DB"
export OZJT_DATABASE_URL="dbname=$DB"
OZJT_TODAY=2026-11-25 "$ADMIN" seed-demo >/dev/null || fail "seed-demo"
fingerprint >"$WORK/before"
[ "$(wc -l <"$WORK/before")" -ge 30 ] || fail "expected every table: $(cat "$WORK/before")"
grep -q "^audit.audit_record [1-9]" "$WORK/before" || fail "no audit records: $(cat "$WORK/before")"

"$ROOT/ops/backup.sh" "$WORK/ozjt.dump"
psql -q -d postgres -c "DROP DATABASE $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
[ "$(psql -d "$DB" -tAc "SELECT count(*) FROM pg_tables WHERE schemaname = 'registry'")" = 0 ] ||
  fail "database not wiped"
"$ROOT/ops/restore.sh" "$WORK/ozjt.dump"
fingerprint >"$WORK/after"
diff "$WORK/before" "$WORK/after" || fail "restored data differs"
"$ADMIN" verify-audit | grep -c "audit chain intact" >/dev/null || fail "audit chain after restore"
# A restore into a database that is not empty is refused and changes nothing.
if "$ROOT/ops/restore.sh" "$WORK/ozjt.dump" 2>"$WORK/err"; then fail "restore over data accepted"; fi
grep -q "not empty" "$WORK/err" || fail "refusal: $(cat "$WORK/err")"
echo "backup and restore: $(wc -l <"$WORK/before") tables identical"
