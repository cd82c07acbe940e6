#!/usr/bin/env bash
# The benchmark command: in one run on one machine, generates the dataset (national scale by
# default), measures the floor (an empty gRPC call; a gRPC call doing one primary-key SELECT,
# and one doing a single-row INSERT in a transaction, through the services' pool; raw COPY of
# the dataset with psql), then the product: bulk import of the same dataset, reads, the agenda
# (also one call at a time, for its latency targets), indexation preview, JZ+ report, a write
# with its audit record, at 16 calls in flight; and ozjt-host's memory at idle and under load.
# Writes a table with absolute numbers and ratios to the floor of the same run, and the machine.
#   ops/bench.sh                         10 s per scenario -> build/bench/results.md
#   OZJT_BENCH_SECONDS=30 ops/bench.sh   longer runs; OZJT_BENCH_SCALE=twente a smaller dataset
# OZJT_BENCH_STRICT=1 fails when any call failed (the test command's smoke run: tiny, 1 s each).
# Uses the PostgreSQL at PGHOST when set (the test command's smoke run), else a throwaway
# cluster in /tmp with the default (durable) settings.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

SECS=${OZJT_BENCH_SECONDS:-10}
IN_FLIGHT=${OZJT_BENCH_IN_FLIGHT:-16}
SCALE=${OZJT_BENCH_SCALE:-national}
OUT_DIR=${OZJT_BENCH_OUT:-$OZJT_BUILD/bench}

if [ "${OZJT_BENCH_SKIP_BUILD:-0}" != 1 ]; then
  ozjt_install
  ozjt_build
fi
HOST=$OZJT_BUILD/services/host/ozjt-host
ADMIN=$OZJT_BUILD/clients/admin/ozjt-admin
LOAD=$OZJT_BUILD/tests/ozjt-load
DATAGEN=$OZJT_BUILD/tests/ozjt-datagen
CLI=$OZJT_BUILD/clients/cli/ozjt
INGEST_FLOOR=$OZJT_BUILD/tests/ozjt-ingest-floor
FLOOR=$OZJT_BUILD/tests/ozjt-floor

WORK=$(mktemp -d /tmp/ozjt-bench.XXXXXX)
PGDIR=""
PID=""
FLOOR_PID=""
SAMPLER=""
DB=bench_$$
cleanup() {
  [ -n "$SAMPLER" ] && kill "$SAMPLER" 2>/dev/null || true
  [ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null || true
  [ -n "$FLOOR_PID" ] && kill "$FLOOR_PID" 2>/dev/null && wait "$FLOOR_PID" 2>/dev/null || true
  for d in "$DB" "${DB}_raw"; do
    psql -q -d postgres -c "DROP DATABASE IF EXISTS $d WITH (FORCE)" >/dev/null 2>&1 || true
  done
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
ozjt_scratch_database "$DB" "$WORK" "$ADMIN"
export OZJT_LISTEN=127.0.0.1:0 OZJT_HTTP_LISTEN=off
export OZJT_TODAY=2026-11-25 OZJT_LOG_LEVEL=${OZJT_LOG_LEVEL:-info}
# The benchmark measures capacity with IN_FLIGHT calls at once, not the refusals of the call
# budget: every class may run that many (README, Security and limits).
export OZJT_MAX_HEAVY_READ_CALLS=$((IN_FLIGHT > 4 ? IN_FLIGHT : 4))
"$ADMIN" migrate >/dev/null
"$ADMIN" seed-demo >/dev/null
psql -q -d "$DB" -v ON_ERROR_STOP=1 <<'SQL'
CREATE SCHEMA bench_floor;
CREATE TABLE bench_floor.insert_probe (id bigserial PRIMARY KEY, payload text NOT NULL,
                                       at timestamptz NOT NULL DEFAULT now());
GRANT USAGE ON SCHEMA bench_floor TO ozjt_app;
GRANT SELECT, INSERT ON bench_floor.insert_probe TO ozjt_app;
GRANT USAGE ON SEQUENCE bench_floor.insert_probe_id_seq TO ozjt_app;
SQL
log "generating the $SCALE dataset"
"$DATAGEN" --scale "$SCALE" --seed 1 --id-base 1000000 --out "$WORK/dataset" >"$WORK/dataset.json"
# The raw COPY floor: the same files into an identical database (a copy of this one, demo data
# and all) with psql's \copy, in one transaction; then the product's import into this one.
psql -q -d postgres -c "CREATE DATABASE ${DB}_raw TEMPLATE $DB" >/dev/null
log "raw COPY of the dataset"
COPY_START=$(date +%s.%N)
psql -q -d "${DB}_raw" -v ON_ERROR_STOP=1 -f "$WORK/dataset/psql-copy.sql" >/dev/null
COPY_END=$(date +%s.%N)
psql -q -d postgres -c "DROP DATABASE ${DB}_raw" >/dev/null
log "bulk import of the dataset (ozjt-admin import-dataset)"
IMPORT_START=$(date +%s.%N)
"$ADMIN" import-dataset "$WORK/dataset" >"$WORK/import.out"
IMPORT_END=$(date +%s.%N)

ozjt_start_server "$HOST" "$WORK"
PID=$SERVER_PID PORT=$SERVER_PORT
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

# The iJw/iWmo message import: a year of the scale's traffic (Twente: 10,000 clients, about
# 100,000 messages; national: 10x, about 1,000,000 messages and 1.4 GiB, the rest of the country
# in the national dataset's municipalities; tiny: 100 clients), its floor libxml2's reader alone
# over the same files, then `ozjt insight import` of the directory into the running host, its
# RSS sampled.
log "iJw/iWmo traffic ($SCALE)"
"$DATAGEN" --scale "$SCALE" --messages "$WORK/ijw" --seed 3 >"$WORK/traffic.out"
cat "$WORK/traffic.out"
"$INGEST_FLOOR" "$WORK/ijw" >"$WORK/ingest_floor.json"
log "import of the messages (ozjt insight import)"
RSS_BEFORE_IMPORT=$(rss_kib)
(peak=0; while kill -0 "$PID" 2>/dev/null; do
   r=$(rss_kib 2>/dev/null || echo 0); [ "${r:-0}" -gt "$peak" ] && peak=$r && echo "$peak" >"$WORK/rss_import"
   sleep 0.05
 done) &
IMPORT_SAMPLER=$!
INGEST_START=$(date +%s.%N)
OZJT_ADDR=127.0.0.1:$PORT OZJT_TOKEN=$TOKEN "$CLI" insight import "$WORK/ijw" >"$WORK/ingest.out"
INGEST_END=$(date +%s.%N)
kill "$IMPORT_SAMPLER" 2>/dev/null || true
wait "$IMPORT_SAMPLER" 2>/dev/null || true
# What autovacuum and the checkpointer do after such a load (visibility map, statistics, the
# dirty pages written out), done now, so that the reads after it are measured in the steady
# state, not against a vacuum of a million rows or a checkpoint of 1.4 GiB.
psql -q -d "$DB" -c "VACUUM (ANALYZE) insight.message, insight.allocation, insight.care_line,
  insight.request, insight.claim, insight.claim_line, insight.claim_answer, insight.rejected_line"
psql -q -d "$DB" -c "CHECKPOINT"
RSS_IMPORT=$(cat "$WORK/rss_import" 2>/dev/null || echo "$RSS_BEFORE_IMPORT")
INGESTED=$(sed -n 's/^ingelezen: \([0-9]*\),.*/\1/p' "$WORK/ingest.out")
python3 - "$WORK/ingest_floor.json" "$INGESTED" "$INGEST_START" "$INGEST_END" "$RSS_BEFORE_IMPORT" \
  "$RSS_IMPORT" >"$WORK/ingest.json" <<'PY'
import json, sys
floor = json.load(open(sys.argv[1]))
n, start, end, before, peak = int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
print(json.dumps({"floor": floor, "messages": n, "seconds": end - start,
                  "messages_per_s": n / max(1e-9, end - start),
                  "rss_before_kib": before, "rss_peak_kib": peak}))
PY
SUPERVISOR=$("$ADMIN" token --key "$WORK/keys/signing.key" --role toezichthouder --subject bench)
SCREENER=$("$ADMIN" token --key "$WORK/keys/signing.key" --role screening_officer --subject bench)
q() { psql -At -d "$DB" -c "$1"; }
# The generated dataset's ids start after 1,000,000 (ozjt-datagen --id-base).
PROVIDERS="1000001-$(q "SELECT max(id) FROM registry.provider")"
CONTRACTS="1000001-$(q "SELECT max(id) FROM contracts.contract")"
INDEXED=$(q "SELECT id FROM contracts.contract WHERE reference = 'TWENTE-IDX-2023'")
INDEXED_LINES=$(q "SELECT count(*) FROM contracts.tariff_line WHERE contract_id = $INDEXED")
OPEN=$(q "SELECT string_agg(id::text, ',') FROM supervision.investigation WHERE status <> 'concluded'")
# The investigations with the most findings (the heaviest to open), and the demo's KIT cases.
HEAVY=$(q "SELECT string_agg(investigation_id::text, ',') FROM (SELECT investigation_id FROM supervision.finding GROUP BY investigation_id ORDER BY count(*) DESC, investigation_id LIMIT 100) t")
CASES=$(q "SELECT string_agg(id::text, ',') FROM screening.screening_case")
MUNICIPALITIES=$(q "SELECT string_agg(cbs_code, ',') FROM registry.municipality")
TWENTE=$(q "SELECT string_agg(cbs_code, ',') FROM registry.municipality WHERE region_code = 'TWENTE'")
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
# The floor server in a process of its own (the same database, a bare pool of 8 connections),
# so that the floors and the product are measured alike: by this client, from outside. Each
# floor at its best: gRPC's default pollers for the empty call, 20 for the database floors.
# floor POLLERS NAME KIND [ozjt-load args...]
floor() {
  local pollers=$1
  shift
  mkdir -p "$WORK/floor"
  export OZJT_FLOOR_MAX_POLLERS=$pollers
  ozjt_start_server "$FLOOR" "$WORK/floor"
  FLOOR_PID=$SERVER_PID
  PORT=$SERVER_PORT scenario "$@"
  kill "$FLOOR_PID" && wait "$FLOOR_PID" 2>/dev/null || true
  FLOOR_PID=""
}
floor 0 health floor_grpc
floor 20 floor_select floor_read --ids "$PROVIDERS"
floor 20 floor_insert floor_write
floor 20 floor_list floor_list --municipalities "$MUNICIPALITIES"
scenario get_provider read --token "$TOKEN" --ids "$PROVIDERS"
scenario list_providers list --token "$TOKEN" --municipalities "$MUNICIPALITIES"
scenario get_contract read --token "$TOKEN" --ids "$CONTRACTS"
scenario agenda_municipality agenda --token "$TOKEN" --municipalities "$MUNICIPALITIES"
scenario agenda_region read --token "$TOKEN" --region TWENTE
scenario indexation_preview read --token "$TOKEN" --ids "$INDEXED" --year 2025
scenario jzplus_report read --token "$TOKEN"
# A municipality's quarter of contract management information, one call at a time (its
# latency targets: p50 <= 50 ms, p99 <= 150 ms).
IN_FLIGHT=1 scenario insight_quarter report --token "$TOKEN" --municipalities "$TWENTE" --warmup 1
# The agenda's latency targets: one contract manager's call at a time.
IN_FLIGHT=1 scenario agenda_municipality latency --token "$TOKEN" --municipalities "$TWENTE"
IN_FLIGHT=1 scenario agenda_region latency --token "$TOKEN" --region TWENTE
# The web page's screens, one user at a time: every call a screen makes (target p99 300 ms),
# after one unmeasured call (the first after the start fills the caches: reported apart).
IN_FLIGHT=1 scenario screen_supervision_inbox screen --token "$SUPERVISOR" --warmup 1
IN_FLIGHT=1 scenario screen_investigation screen --token "$SUPERVISOR" --ids "$HEAVY" --warmup 1
IN_FLIGHT=1 scenario screen_period_report screen --token "$SUPERVISOR" --warmup 1
IN_FLIGHT=1 scenario screen_screening_start screen --token "$SCREENER" --warmup 1
IN_FLIGHT=1 scenario screen_screening_case screen --token "$SCREENER" --ids "$CASES" --warmup 1
IN_FLIGHT=1 scenario screen_kit_outcomes screen --token "$TOKEN" --warmup 1
# The writes last, so every read sees the dataset as it was loaded.
scenario create_note write --token "$TOKEN" --ids "$CONTRACTS"
scenario create_finding write --token "$SUPERVISOR" --ids "$OPEN"
# The audit chain's lag (migration 0018): the records still unchained when the last write
# returned, the age of the oldest, and how long the host's chainer took to chain them all.
unchained() { q "SELECT count(*) FROM audit.audit_record WHERE chain_seq IS NULL"; }
CHAIN_TAIL=$(q "SELECT count(*) || ' ' || coalesce(extract(epoch FROM now() - min(recorded_at)), 0)
                  FROM audit.audit_record WHERE chain_seq IS NULL")
CHAIN_START=$(date +%s.%N)
for _ in $(seq 600); do [ "$(unchained)" = 0 ] && break; sleep 0.1; done
CHAIN_END=$(date +%s.%N)
echo "$CHAIN_TAIL $CHAIN_START $CHAIN_END $(unchained)" >"$WORK/chain_lag"
RSS_PEAK=$(cat "$WORK/rss_peak" 2>/dev/null || echo "$RSS_IDLE")

mkdir -p "$OUT_DIR"
python3 - "$WORK/results.jsonl" "$OUT_DIR" "$RSS_IDLE" "$RSS_PEAK" "$WORK/dataset.json" \
  "$COPY_START" "$COPY_END" "$IMPORT_START" "$IMPORT_END" "$INDEXED_LINES" "$SECS" "$IN_FLIGHT" \
  "$WORK/ingest.json" "$WORK/chain_lag" <<'PY'
import json, os, platform, subprocess, sys, datetime
(results, out_dir, rss_idle, rss_peak, dataset, copy_start, copy_end, import_start, import_end,
 indexed_lines, secs, in_flight, ingest_file, chain_lag_file) = sys.argv[1:]
chain_tail, chain_oldest_s, chain_start, chain_end, chain_left = open(chain_lag_file).read().split()
rows = [json.loads(l) for l in open(results)]
ingest = json.load(open(ingest_file))
by = {r["scenario"]: r for r in rows if r["kind"] not in ("latency", "screen", "report")}
data = json.loads(open(dataset).read())
n_rows = data["total_rows"]
copy_s = max(1e-9, float(copy_end) - float(copy_start))
import_s = max(1e-9, float(import_end) - float(import_start))
read_floor, write_floor, grpc_floor = by["floor_select"], by["floor_insert"], by["health"]
list_floor = by["floor_list"]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
mem = next((l.split()[1] for l in open("/proc/meminfo") if l.startswith("MemTotal")), "0")
pg = subprocess.run(["psql", "-At", "-d", "postgres", "-c", "SHOW server_version"],
                    capture_output=True, text=True).stdout.strip()
def ok(b): return "yes" if b else "**no**"
counts = ", ".join(f"{n:,} {t.split('.')[1]}" for t, n in sorted(data["rows"].items()))
lines = [
    "# Benchmark results",
    "",
    f"Run {datetime.datetime.now().astimezone().isoformat(timespec='seconds')} on "
    f"{platform.node()}: {os.cpu_count()} cores ({cpu}), {int(mem) // 1024} MiB, "
    f"{platform.system()} {platform.release()}, PostgreSQL {pg}; client, server and database "
    "on this machine.",
    f"Dataset: ozjt-datagen --scale {data['scale']} --seed {data['seed']} ({n_rows:,} rows: "
    f"{counts}) next to the Twente demo data; the indexation preview's contract has "
    f"{indexed_lines} tariff lines. {in_flight} calls in flight (latency rows: 1), {secs} s per "
    "scenario.",
    "",
    "| scenario | kind | in flight | calls/s | p50 ms | p90 ms | p99 ms | max ms | errors | x floor calls/s | x floor p99 | target met |",
    "|---|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---|",
]
for r in rows:
    kind = r["kind"]
    floor = {"read": read_floor, "write": write_floor, "list": list_floor}.get(kind)
    tp = r["calls_per_s"] / floor["calls_per_s"] if floor and floor["calls_per_s"] else None
    p99 = r["p99_ms"] / floor["p99_ms"] if floor and floor["p99_ms"] else None
    if kind == "read":
        met = ok(tp >= 0.7 and p99 <= 2.0)
    elif kind == "write":
        met = ok(tp >= 0.5)
    elif kind == "list":
        met = ok(tp >= 0.5) + " (>= 0.5x the list floor)"
    elif kind == "agenda":
        met = ok(r["calls_per_s"] >= 1500) + " (>= 1,500/s)"
    elif kind == "screen":
        met = (ok(r["calls"] > 0 and r["p99_ms"] <= 300) + " (p99 <= 300 ms; first call "
               f"{r.get('first_calls_max_ms', 0):.0f} ms)")
    elif kind == "latency":
        met = ok(r["calls"] > 0 and r["p50_ms"] <= 20 and r["p99_ms"] <= 50) + " (p50 <= 20, p99 <= 50 ms)"
    elif kind == "report":
        met = (ok(r["calls"] > 0 and r["p50_ms"] <= 50 and r["p99_ms"] <= 150) +
               f" (p50 <= 50, p99 <= 150 ms; first call {r.get('first_calls_max_ms', 0):.0f} ms)")
    else:
        met = "(floor)"
    errs = ", ".join(f"{k} {v}" for k, v in r["errors"].items()) or "-"
    lines.append(f"| {r['scenario']} | {kind} | {r['in_flight']} | {r['calls_per_s']:.0f} | "
                 f"{r['p50_ms']:.2f} | {r['p90_ms']:.2f} | {r['p99_ms']:.2f} | {r['max_ms']:.2f} | "
                 f"{errs} | {'%.2f' % tp if tp else ''} | {'%.2f' % p99 if p99 else ''} | {met} |")
idle_mb, peak_mb = int(rss_idle) / 1024, int(rss_peak) / 1024
copy_rate, import_rate = n_rows / copy_s, n_rows / import_s
lines += [
    "",
    f"- Raw COPY floor: the dataset's {n_rows:,} rows with psql `\\copy` in one transaction: "
    f"{copy_s:.2f} s = {copy_rate:,.0f} rows/s.",
    f"- Bulk import (`ozjt-admin import-dataset`, every row checked by the domain rules, one "
    f"transaction, audited): {import_s:.2f} s = {import_rate:,.0f} rows/s = "
    f"{import_rate / copy_rate:.2f}x the raw COPY (target >= 0.5: {ok(import_rate / copy_rate >= 0.5)}).",
    f"- iJw/iWmo message import (`ozjt insight import` of a directory into the host: parsed, "
    f"checked, pseudonymised, stored in groups of 1,000, audited): {ingest['messages']:,} "
    f"messages ({ingest['floor']['bytes'] / 2**20:.0f} MiB) in {ingest['seconds']:.2f} s = "
    f"{ingest['messages_per_s']:,.0f} messages/s = "
    f"{ingest['messages_per_s'] / max(1e-9, ingest['floor']['messages_per_s']):.2f}x the floor of "
    f"reading the same files with libxml2's reader alone ({ingest['floor']['messages_per_s']:,.0f} "
    f"messages/s; target >= 0.5: "
    f"{ok(ingest['messages_per_s'] >= 0.5 * ingest['floor']['messages_per_s'])}); host RSS "
    f"{ingest['rss_before_kib'] / 1024:.1f} MiB before, at most "
    f"{ingest['rss_peak_kib'] / 1024:.1f} MiB during the import.",
    f"- ozjt-host RSS: {idle_mb:.1f} MiB at idle (target < 64: {ok(idle_mb < 64)}), "
    f"{peak_mb:.1f} MiB at most under load (target < 256: {ok(peak_mb < 256)}).",
    f"- Audit chain lag: {int(chain_tail):,} records unchained when the last write returned "
    f"(the oldest {float(chain_oldest_s):.1f} s old), all chained "
    f"{float(chain_end) - float(chain_start):.1f} s later"
    f"{'' if chain_left == '0' else f' (**{chain_left} still unchained after 60 s**)'}; the "
    "chainer runs every 200 ms, and while the writes keep the machine's cores busy it shares "
    "them with the writers.",
    f"- The gRPC floor (empty unary call): {grpc_floor['calls_per_s']:.0f} calls/s, "
    f"p99 {grpc_floor['p99_ms']:.2f} ms.",
    "- Reads are compared with the read floor (floor_select: a gRPC call doing one primary-key "
    "SELECT on a bare pool, served by ozjt-floor in a process of its own), the write with the "
    "write floor (floor_insert), ListProviders with the list floor (floor_list: ozjt-floor's "
    "bare ListProviders, 50 providers of a municipality by one index range scan). The agenda's "
    "rows have absolute targets.",
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
assert len(rows) == 22, f"{len(rows)} scenarios ran, not 22"
assert not bad, "calls failed: " + "; ".join(bad)
PY
fi
