#!/usr/bin/env bash
# The benchmark command: in one run on one machine, measures the floor (an empty gRPC call, a
# primary-key SELECT and a single-row INSERT through the services' pool, a raw COPY with psql),
# then the product (reads, agenda, indexation preview, JZ+ report, a write with its audit
# record) at 16 calls in flight, and ozjt-host's memory at idle and under load. Writes a table
# with absolute numbers and ratios to the floor of the same run, and the machine it ran on.
#   ops/bench.sh                         10 s per scenario -> build/bench/results.md
#   OZJT_BENCH_SECONDS=30 ops/bench.sh   longer runs
# OZJT_BENCH_STRICT=1 fails when any call failed (the test command's smoke run: 1 s each).
# Uses the PostgreSQL at PGHOST when set (the test command's smoke run), else a throwaway
# cluster in /tmp with the default (durable) settings.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

SECS=${OZJT_BENCH_SECONDS:-10}
IN_FLIGHT=${OZJT_BENCH_IN_FLIGHT:-16}
COPY_ROWS=${OZJT_BENCH_COPY_ROWS:-500000}
OUT_DIR=${OZJT_BENCH_OUT:-$OZJT_BUILD/bench}

if [ "${OZJT_BENCH_SKIP_BUILD:-0}" != 1 ]; then
  ozjt_install
  ozjt_build
fi
HOST=$OZJT_BUILD/services/host/ozjt-host
ADMIN=$OZJT_BUILD/clients/admin/ozjt-admin
LOAD=$OZJT_BUILD/tests/ozjt-load

WORK=$(mktemp -d /tmp/ozjt-bench.XXXXXX)
PGDIR=""
PID=""
SAMPLER=""
DB=bench_$$
cleanup() {
  [ -n "$SAMPLER" ] && kill "$SAMPLER" 2>/dev/null || true
  [ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null || true
  psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
  if [ -n "$PGDIR" ]; then pg_stop "$PGDIR"; rm -rf "$PGDIR"; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

if [ -z "${PGHOST:-}" ]; then
  PGDIR=$(mktemp -d /tmp/ozjt-benchpg.XXXXXX)  # its own: the postgres user must reach it
  log "starting a throwaway PostgreSQL in $PGDIR"
  pg_create "$PGDIR"
  pg_start "$PGDIR" "-c max_connections=200"
  export PGHOST=$PGDIR PGUSER=postgres
fi
psql -q -d postgres -c "CREATE DATABASE $DB" >/dev/null
export OZJT_DATABASE_URL="dbname=$DB" OZJT_LISTEN=127.0.0.1:0 OZJT_HTTP_LISTEN=off
export OZJT_TODAY=2026-11-25 OZJT_LOG_LEVEL=${OZJT_LOG_LEVEL:-info}
"$ADMIN" keygen --dir "$WORK/keys" >/dev/null
export OZJT_JWT_PUBLIC_KEYS=$WORK/keys/signing.pub
"$ADMIN" migrate >/dev/null
log "loading the dataset (the Twente demo data)"
"$ADMIN" seed-demo >/dev/null
psql -q -d "$DB" -v ON_ERROR_STOP=1 <<'SQL'
CREATE SCHEMA bench_floor;
CREATE TABLE bench_floor.insert_probe (id bigserial PRIMARY KEY, payload text NOT NULL,
                                       at timestamptz NOT NULL DEFAULT now());
GRANT USAGE ON SCHEMA bench_floor TO ozjt_app;
GRANT SELECT, INSERT ON bench_floor.insert_probe TO ozjt_app;
GRANT USAGE ON SEQUENCE bench_floor.insert_probe_id_seq TO ozjt_app;
SQL

"$HOST" >"$WORK/server.out" 2>"$WORK/server.log" &
PID=$!
for _ in $(seq 1 100); do
  grep -q '"event":"serving"' "$WORK/server.out" 2>/dev/null && break
  kill -0 "$PID" 2>/dev/null || { tail "$WORK/server.log" >&2; exit 1; }
  sleep 0.1
done
PORT=$(sed -n 's/.*"port":\([0-9]*\).*/\1/p' "$WORK/server.out" | head -n 1)
rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$PID/status"; }
sleep 1
RSS_IDLE=$(rss_kib)
# The largest RSS while the scenarios run, sampled every 100 ms.
(peak=0; while kill -0 "$PID" 2>/dev/null; do
   r=$(rss_kib 2>/dev/null || echo 0); [ "${r:-0}" -gt "$peak" ] && peak=$r && echo "$peak" >"$WORK/rss_peak"
   sleep 0.1
 done) &
SAMPLER=$!

TOKEN=$("$ADMIN" token --key "$WORK/keys/signing.key" --role ozjt_contract_manager --subject bench)
SUPERVISOR=$("$ADMIN" token --key "$WORK/keys/signing.key" --role toezichthouder --subject bench)
q() { psql -At -d "$DB" -c "$1"; }
PROVIDERS="1-$(q "SELECT max(id) FROM registry.provider")"
CONTRACTS="1-$(q "SELECT max(id) FROM contracts.contract")"
INDEXED=$(q "SELECT id FROM contracts.contract WHERE reference = 'HO-2023'")  # indexable for 2025
INDEXED_LINES=$(q "SELECT count(*) FROM contracts.tariff_line WHERE contract_id = $INDEXED")
OPEN=$(q "SELECT string_agg(id::text, ',') FROM supervision.investigation WHERE status <> 'concluded'")
MUNICIPALITIES=$(q "SELECT string_agg(cbs_code, ',') FROM registry.municipality")

: >"$WORK/results.jsonl"
# scenario NAME KIND [ozjt-load args...]: one run, its JSON line tagged with its kind.
scenario() {
  local name=$1 kind=$2
  shift 2
  log "$name ($SECS s, $IN_FLIGHT in flight)"
  "$LOAD" --addr "127.0.0.1:$PORT" --scenario "$name" --in-flight "$IN_FLIGHT" --duration "$SECS" \
    "$@" | python3 -c 'import json,sys; r=json.loads(sys.stdin.read()); r["kind"]=sys.argv[1]; print(json.dumps(r))' "$kind" \
    >>"$WORK/results.jsonl"
}
DBURL="host=$PGHOST dbname=$DB user=${PGUSER:-postgres}"
scenario health floor_grpc --token "$TOKEN"
scenario pool_select floor_read --database-url "$DBURL" --ids "$PROVIDERS"
scenario pool_insert floor_write --database-url "$DBURL"
scenario get_provider read --token "$TOKEN" --ids "$PROVIDERS"
scenario list_providers read --token "$TOKEN" --municipalities "$MUNICIPALITIES"
scenario get_contract read --token "$TOKEN" --ids "$CONTRACTS"
scenario agenda_municipality read --token "$TOKEN" --municipalities "$MUNICIPALITIES"
scenario agenda_region read --token "$TOKEN"
scenario indexation_preview read --token "$TOKEN" --ids "$INDEXED" --year 2025
scenario jzplus_report read --token "$TOKEN"
scenario create_finding write --token "$SUPERVISOR" --ids "$OPEN"
RSS_PEAK=$(cat "$WORK/rss_peak" 2>/dev/null || echo "$RSS_IDLE")

# The raw COPY floor: COPY_ROWS tariff-line-shaped rows written to a file, then read back into
# an empty table of the same shape with psql's \copy; rows per second.
log "raw COPY of $COPY_ROWS rows"
psql -q -d "$DB" -v ON_ERROR_STOP=1 -c "CREATE TABLE bench_floor.copy_probe
  (LIKE contracts.tariff_line INCLUDING DEFAULTS)" >/dev/null
psql -q -d "$DB" -v ON_ERROR_STOP=1 -c "\\copy (SELECT g, 1 + g % 12, 'wmo', 'standard', '07',
  lpad((g % 99999)::text, 5, '0'), 'Product ' || g, 'uur', 3000 + g % 5000, '{0153}',
  date '2025-01-01', NULL, 2025, NULL, 'bench', now() FROM generate_series(1, $COPY_ROWS) g)
  TO '$WORK/copy.tsv'" >/dev/null
COPY_START=$(date +%s.%N)
psql -q -d "$DB" -v ON_ERROR_STOP=1 -c "\\copy bench_floor.copy_probe FROM '$WORK/copy.tsv'" >/dev/null
COPY_END=$(date +%s.%N)

mkdir -p "$OUT_DIR"
python3 - "$WORK/results.jsonl" "$OUT_DIR" "$RSS_IDLE" "$RSS_PEAK" "$COPY_ROWS" "$COPY_START" \
  "$COPY_END" "$INDEXED_LINES" "$SECS" "$IN_FLIGHT" <<'PY'
import json, os, platform, subprocess, sys, datetime
(results, out_dir, rss_idle, rss_peak, copy_rows, copy_start, copy_end, indexed_lines, secs,
 in_flight) = sys.argv[1:]
rows = [json.loads(l) for l in open(results)]
by = {r["scenario"]: r for r in rows}
copy_rate = int(copy_rows) / max(1e-9, float(copy_end) - float(copy_start))
read_floor, write_floor, grpc_floor = by["pool_select"], by["pool_insert"], by["health"]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
mem = next((l.split()[1] for l in open("/proc/meminfo") if l.startswith("MemTotal")), "0")
pg = subprocess.run(["psql", "-At", "-d", "postgres", "-c", "SHOW server_version"],
                    capture_output=True, text=True).stdout.strip()
def ok(b): return "yes" if b else "**no**"
lines = [
    "# Benchmark results",
    "",
    f"Run {datetime.datetime.now().astimezone().isoformat(timespec='seconds')} on "
    f"{platform.node()}: {os.cpu_count()} cores ({cpu}), {int(mem) // 1024} MiB, "
    f"{platform.system()} {platform.release()}, PostgreSQL {pg}.",
    f"Dataset: the Twente demo data (400 providers, 12 contracts); the indexation preview's "
    f"contract has {indexed_lines} tariff lines. {in_flight} calls in flight, {secs} s per scenario; "
    "client, server and database on this machine.",
    "",
    "| scenario | kind | calls/s | p50 ms | p90 ms | p99 ms | max ms | errors | x floor calls/s | x floor p99 | target met |",
    "|---|---|---:|---:|---:|---:|---:|---|---:|---:|---|",
]
for r in rows:
    kind = r["kind"]
    floor = read_floor if kind == "read" else write_floor if kind == "write" else None
    tp = r["calls_per_s"] / floor["calls_per_s"] if floor and floor["calls_per_s"] else None
    p99 = r["p99_ms"] / floor["p99_ms"] if floor and floor["p99_ms"] else None
    if kind == "read":
        met = ok(tp >= 0.7 and p99 <= 2.0)
    elif kind == "write":
        met = ok(tp >= 0.5)
    else:
        met = "(floor)"
    errs = ", ".join(f"{k} {v}" for k, v in r["errors"].items()) or "-"
    lines.append(f"| {r['scenario']} | {kind} | {r['calls_per_s']:.0f} | {r['p50_ms']:.2f} | "
                 f"{r['p90_ms']:.2f} | {r['p99_ms']:.2f} | {r['max_ms']:.2f} | {errs} | "
                 f"{'%.2f' % tp if tp else ''} | {'%.2f' % p99 if p99 else ''} | {met} |")
idle_mb, peak_mb = int(rss_idle) / 1024, int(rss_peak) / 1024
lines += [
    "",
    f"- Raw COPY floor: {int(copy_rows):,} rows in {float(copy_end) - float(copy_start):.2f} s = "
    f"{copy_rate:,.0f} rows/s (psql `\\copy`, tariff-line-shaped rows).",
    f"- ozjt-host RSS: {idle_mb:.1f} MiB at idle (target < 64: {ok(idle_mb < 64)}), "
    f"{peak_mb:.1f} MiB at most under load (target < 256: {ok(peak_mb < 256)}).",
    f"- The gRPC floor (empty unary call): {grpc_floor['calls_per_s']:.0f} calls/s, "
    f"p99 {grpc_floor['p99_ms']:.2f} ms.",
    "- Reads are compared with the read floor (pool_select), the write with the write floor "
    "(pool_insert). Not measured yet: the national dataset (agenda targets, bulk import against "
    "the COPY floor) awaits the dataset generator.",
]
text = "\n".join(lines) + "\n"
open(os.path.join(out_dir, "results.md"), "w").write(text)
open(os.path.join(out_dir, "results.jsonl"), "w").write("".join(json.dumps(r) + "\n" for r in rows))
print(text)
PY
log "results in $OUT_DIR/results.md"
if [ "${OZJT_BENCH_STRICT:-0}" = 1 ]; then
  python3 - "$OUT_DIR/results.jsonl" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
bad = [f"{r['scenario']}: {r['errors']}" for r in rows if r["errors"] or r["calls"] == 0]
assert len(rows) == 11, f"{len(rows)} scenarios ran, not 11"
assert not bad, "calls failed: " + "; ".join(bad)
PY
fi
