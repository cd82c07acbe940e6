# The users' flows of the end-to-end tests, shared by host_e2e.sh (every service in one host)
# and apart.sh (each service its own process behind the gRPC router): the demo data, the CLI's
# help, and a day of every role through the CLI against OZJT_ADDR. Source it; do not run it.
#
# The sourcing script provides: CLI and ADMIN (the binaries), WORK (a scratch directory with
# keys/signing.key), fail MESSAGE, step TITLE, token ARGS... (ozjt-admin token), OZJT_ADDR, and
#   REGISTRY_LOG  the log (stderr) of the process that serves the registry
#   METRICS       that process's HTTP port (metrics; empty or 0: not checked)
#   CALENDAR      the HTTP port of the process that serves the contracts (agenda.ics)
# e2e_day sets ID: the provider it creates (KvK 80000001).

# The demo data loads, once: a second run adds nothing.
e2e_seed_demo() {
"$ADMIN" seed-demo >"$WORK/seed" || fail "seed-demo: $(cat "$WORK/seed")"
grep -q "demo providers added: 400" "$WORK/seed" && grep -q "demo contracts added: 12" "$WORK/seed" &&
  grep -q "demo continuity data added" "$WORK/seed" && grep -q "demo screening data added" "$WORK/seed" &&
  grep -q "demo supervision data added" "$WORK/seed" && grep -q "demo Jeugdzorg Plus inflow added" "$WORK/seed" &&
  grep -q "demo iJw/iWmo messages added: " "$WORK/seed" ||
  fail "seed-demo: $(cat "$WORK/seed")"
"$ADMIN" seed-demo >"$WORK/seed"
grep -q "demo providers added: 0" "$WORK/seed" && grep -q "demo contracts added: 0" "$WORK/seed" || fail "seed-demo is not idempotent"
}

# The CLI speaks Dutch in its help.
e2e_help() {
step "the CLI's help is Dutch"
for args in "" "contracts" "contracts get"; do
  # shellcheck disable=SC2086  # the words of a command
  "$CLI" $args --help >"$WORK/help" || fail "ozjt $args --help: $(cat "$WORK/help")"
  grep -q "^Opties:" "$WORK/help" && grep -q "^Gebruik: " "$WORK/help" || fail "ozjt $args --help is not Dutch"
  if grep -q "Print this help message\|^Options:\|^Subcommands:\|REQUIRED" "$WORK/help"; then
    fail "ozjt $args --help has English: $(cat "$WORK/help")"
  fi
done
"$CLI" contracts --help >"$WORK/help"
grep -q "^Opdrachten:" "$WORK/help" || fail "ozjt contracts --help lists no Opdrachten"
}

# A day of every role: tokens, the registry, the audit log, metrics, contracts, continuity,
# screening, supervision, Jeugdzorg Plus, and the audit chain intact at the end.
e2e_day() {
step "without a token the call is refused"
if OZJT_TOKEN= "$CLI" providers list 2>"$WORK/err"; then fail "call without token succeeded"; fi
grep -q "^fout: " "$WORK/err" && grep -q "(UNAUTHENTICATED" "$WORK/err" || fail "expected UNAUTHENTICATED, got $(cat "$WORK/err")"

step "a token signed by another JWT implementation (PyJWT, as an identity provider would) is accepted"
PYTOKEN=$(/usr/bin/python3 -c '
import jwt, sys, time
now = int(time.time())
print(jwt.encode({"sub": "idp.user", "role": "auditor", "iss": "ozjt-local", "aud": "ozjt-contracts",
                  "iat": now, "exp": now + 600}, open(sys.argv[1]).read(), algorithm="RS256"))' "$WORK/keys/signing.key")
OZJT_TOKEN=$PYTOKEN "$CLI" reference municipalities | grep -c "Enschede" >/dev/null || fail "PyJWT token refused"

step "a municipal token lists only that municipality's providers"
export OZJT_TOKEN=$(token --role gemeente_contract_manager --municipality 0168 --subject m.losser)
"$CLI" providers list --all >"$WORK/losser"
rows=$(tail -n +2 "$WORK/losser" | wc -l)
[ "$rows" -gt 0 ] || fail "municipal user sees no providers"
[ "$rows" -lt 400 ] || fail "municipal user sees every provider"
if tail -n +2 "$WORK/losser" | grep -v "Losser\|alle 14 gemeenten" | grep -c . >/dev/null; then fail "a provider outside Losser is listed"; fi
if "$CLI" providers list --municipality 0153 2>"$WORK/err"; then fail "other municipality listed"; fi
grep -q "PERMISSION_DENIED" "$WORK/err" || fail "expected PERMISSION_DENIED"

step "the contract manager sees all 400, creates, updates, imports and exports"
export OZJT_TOKEN=$(token --role ozjt_contract_manager --subject anna.ozjt)
[ "$("$CLI" providers list --all | tail -n +2 | wc -l)" -eq 400 ] || fail "manager does not see 400"
if "$CLI" providers create --kvk 123 --name "X" --legal-form stichting --law jeugdwet --tier local 2>"$WORK/err"; then
  fail "bad KvK accepted"
fi
step "a field error reads in Dutch and names the flag the person typed, not the proto field"
grep -q "^fout: " "$WORK/err" && grep -q "(INVALID_ARGUMENT" "$WORK/err" && grep -q "^  --kvk: .*KvK-nummer" "$WORK/err" ||
  fail "bad input not reported per flag in Dutch: $(cat "$WORK/err")"
if grep -q "kvk_number\|must be" "$WORK/err"; then fail "the proto field or English shows: $(cat "$WORK/err")"; fi
REQUEST_ID=$(sed -n 's/.*verzoek-id: \([0-9a-zA-Z-]*\)).*/\1/p' "$WORK/err")
[ -n "$REQUEST_ID" ] || fail "no request id under the error: $(cat "$WORK/err")"
grep "\"request_id\":\"$REQUEST_ID\"" "$REGISTRY_LOG" | grep -c '"code":"INVALID_ARGUMENT"' >/dev/null ||
  fail "the request id of the error is not in the server's log line"
"$CLI" --json providers create --kvk 80000001 --name "E2E Zorg (fictief)" --legal-form stichting \
  --law jeugdwet --municipality 0153 --tier local >"$WORK/created"
ID=$(sed -n 's/.*"name": "providers\/\([0-9]*\)".*/\1/p' "$WORK/created")
[ -n "$ID" ] || fail "no id from create"
"$CLI" providers update "$ID" --version 1 --status contracted | grep -c "gecontracteerd\|contracted" >/dev/null || fail "update"
if "$CLI" providers update "$ID" --version 1 --status suspended 2>"$WORK/err"; then fail "stale version accepted"; fi
grep -q "(ABORTED" "$WORK/err" || fail "stale version not ABORTED"
"$CLI" providers export --municipality 0153 --out "$WORK/export.csv" 2>/dev/null
grep -q "E2E Zorg (fictief)" "$WORK/export.csv" || fail "export misses the new provider"
"$CLI" providers import "$WORK/export.csv" | grep -c "0 nieuw, 0 gewijzigd" >/dev/null || fail "re-import changed something"
sed -i 's/E2E Zorg (fictief)/E2E Zorg Twee (fictief)/' "$WORK/export.csv"
"$CLI" providers import "$WORK/export.csv" --dry-run | grep -c "niets vastgelegd: 0 nieuw, 1 gewijzigd" >/dev/null || fail "dry run"
"$CLI" providers import "$WORK/export.csv" | grep -c "^ingelezen: 0 nieuw, 1 gewijzigd" >/dev/null || fail "import"
"$CLI" providers history "$ID" | grep -c "E2E Zorg Twee" >/dev/null || fail "history"

step "a provider opened by KvK number and by AGB code; names instead of CBS codes"
"$CLI" providers get 80000001 >"$WORK/bykvk" || fail "provider by KvK: $(cat "$WORK/bykvk")"
grep -q "^naam: *E2E Zorg Twee (fictief)" "$WORK/bykvk" && grep -q "^gemeenten: *Enschede$" "$WORK/bykvk" ||
  fail "provider by KvK, with the municipality's name: $(cat "$WORK/bykvk")"
"$CLI" providers get 98000131 | grep -c "^kvk: *90000097" >/dev/null || fail "provider by AGB code"
if "$CLI" providers get 80009999 2>"$WORK/err"; then fail "unknown KvK number found a provider"; fi
grep -q "^fout: .*KvK-nummer" "$WORK/err" || fail "unknown KvK number: $(cat "$WORK/err")"

step "usage mistakes exit 2 in Dutch; a mistyped command names the nearest ones"
set +e
"$CLI" contrcts list 2>"$WORK/err"; rc=$?
set -e
[ "$rc" -eq 2 ] || fail "a mistyped command exits $rc, not 2"
grep -q "^fout: 'contrcts' is geen opdracht van ozjt; bedoelde u: contracts?" "$WORK/err" || fail "no suggestion: $(cat "$WORK/err")"
set +e
"$CLI" supervision staus 1 2>"$WORK/err"; rc=$?
set -e
[ "$rc" -eq 2 ] && grep -q "bedoelde u: status?" "$WORK/err" || fail "subcommand typo: rc $rc, $(cat "$WORK/err")"
set +e
"$CLI" providers get 2>"$WORK/err"; rc=$?
set -e
[ "$rc" -eq 2 ] && grep -q "^fout: provider is verplicht" "$WORK/err" || fail "missing argument: rc $rc, $(cat "$WORK/err")"
set +e
"$CLI" agenda --from 31-02-2026 2>"$WORK/err"; rc=$?
set -e
[ "$rc" -eq 2 ] && grep -q "^fout: --from: '31-02-2026' is geen geldige datum" "$WORK/err" || fail "bad date: rc $rc, $(cat "$WORK/err")"

step "audit log: auditors read it, contract managers may not"
if "$CLI" audit list 2>"$WORK/err"; then fail "manager read the audit log"; fi
grep -q "PERMISSION_DENIED" "$WORK/err" || fail "expected PERMISSION_DENIED for audit"
OZJT_TOKEN=$(token --role auditor) "$CLI" audit list --entity-type provider --entity-id "$ID" >"$WORK/audit"
[ "$(tail -n +2 "$WORK/audit" | wc -l)" -eq 3 ] || fail "expected 3 audit records: $(cat "$WORK/audit")"
# Days as dd-mm-jjjj for the audit log's period too.
OZJT_TOKEN=$(token --role auditor) "$CLI" audit list --entity-type provider --entity-id "$ID" \
  --since 01-01-2020 --until 01-01-2999 >"$WORK/audit-days" || fail "audit --since dd-mm-jjjj: $(cat "$WORK/audit-days")"
[ "$(tail -n +2 "$WORK/audit-days" | wc -l)" -eq 3 ] || fail "audit period in days: $(cat "$WORK/audit-days")"

step "metrics are served"
if [ -n "$METRICS" ] && [ "$METRICS" != 0 ]; then
  curl -sf "http://127.0.0.1:$METRICS/metrics" | grep -c 'ozjt_grpc_calls_total{code="OK",method="/ozjt.registry.v1.ProviderRegistry/ListProviders"}' >/dev/null ||
    fail "metrics lack the call counter"
fi
grep -q '"method":"/ozjt.registry.v1.ProviderRegistry/ListProviders","request_id"' "$REGISTRY_LOG" ||
  grep -q '"code":"OK"' "$REGISTRY_LOG" || fail "no per-call log line"

step "a contract manager's day: agenda, exercise an option, indexation, legal track, iCalendar"
export OZJT_TOKEN=$(token --role ozjt_contract_manager --subject anna.ozjt)
"$CLI" contracts list --all >"$WORK/contracts"
id_of() { awk -v ref="$1" '$2 == ref { print $1 }' "$WORK/contracts"; }
JZP=$(id_of JZP-2024); HO=$(id_of HO-2023); EA=$(id_of EA-2025-017)
[ -n "$JZP" ] && [ -n "$HO" ] && [ -n "$EA" ] || fail "demo contracts missing: $(cat "$WORK/contracts")"
"$CLI" agenda >"$WORK/agenda"
grep -q "^30-11-2026  JZP-2024" "$WORK/agenda" || fail "agenda lacks the JZP notice deadline: $(cat "$WORK/agenda")"
grep -q "^07-12-2026  EA-2025-017" "$WORK/agenda" || fail "agenda lacks the legal deadline"
"$CLI" contracts get JZP-2024 >"$WORK/jzp" || fail "contract by reference: $(cat "$WORK/jzp")"
grep -q "^id: *$JZP$" "$WORK/jzp" && grep -q "^kenmerk: *JZP-2024" "$WORK/jzp" || fail "contract by reference: $(cat "$WORK/jzp")"
grep -q "^aanbieders: .*(fictief)" "$WORK/jzp" && grep -q "^gemeenten: .*Enschede" "$WORK/jzp" ||
  fail "contract shows ids or codes instead of names: $(cat "$WORK/jzp")"
if grep -q "providers/\|0153" "$WORK/jzp"; then fail "contract shows ids or codes: $(cat "$WORK/jzp")"; fi
"$CLI" contracts list --all >"$WORK/all-contracts" || fail "contracts list: $(cat "$WORK/all-contracts")"
grep -q "^$JZP .*JZP-2024 .*(fictief)" "$WORK/all-contracts" || fail "contract table without provider names"
# A date as dd-mm-jjjj and the contract by its reference.
"$CLI" contracts exercise jzp-2024 --option 1 --version 1 --notice-date 25-11-2026 --receipt "aangetekend RR 1125" >"$WORK/exercised"
grep -q "nieuwe einddatum 31-05-2028" "$WORK/exercised" || fail "option not exercised: $(cat "$WORK/exercised")"
grep -q "gelicht op 25-11-2026" "$WORK/exercised" || fail "dd-mm-jjjj notice date not taken: $(cat "$WORK/exercised")"
if "$CLI" contracts exercise "$JZP" --option 1 --version 2 --notice-date 2026-11-25 --receipt x 2>"$WORK/err"; then
  fail "option exercised twice"
fi
grep -q "^fout: " "$WORK/err" && grep -q "(FAILED_PRECONDITION" "$WORK/err" || fail "second exercise not FAILED_PRECONDITION"
"$CLI" tariffs index-preview HO-2023 --year 2024 >"$WORK/preview"
grep -q "index 6.30%" "$WORK/preview" || fail "indexation 2024 is not 6.30%: $(cat "$WORK/preview")"
# A decimal comma.
"$CLI" tariffs index-apply "$HO" --year 2024 --expect 6,30 | grep -c "^toegepast" >/dev/null || fail "indexation not applied"
"$CLI" tariffs index-preview "$HO" --year 2025 | grep -c "index 4.91%" >/dev/null || fail "indexation 2025 is not 4.91%"
"$CLI" tariffs add-floor --category 01 --code 01HH1 --year 2027 --amount 1.234,50 | grep -c "^reële prijs € 1.234,50 vastgelegd" >/dev/null ||
  fail "an amount with a decimal comma not taken"
cat >"$WORK/step.json" <<JSON
{"contract": "contracts/$EA", "kind": "LEGAL_STEP_KIND_HERSTELSANCTIE", "date": {"year": 2026, "month": 11, "day": 25},
 "deadline": {"year": 2027, "month": 1, "day": 15}, "grounds": "Verbeterplan uitvoeren"}
JSON
"$CLI" legal add --json-file "$WORK/step.json" | grep -c "vastgelegd" >/dev/null || fail "legal step"
"$CLI" legal list "$EA" | grep -c "herstelsanctie" >/dev/null || fail "legal list"
curl -sf "http://127.0.0.1:$CALENDAR/agenda.ics?token=$OZJT_TOKEN" >"$WORK/agenda.ics" || fail "iCalendar feed"
grep -q "^BEGIN:VCALENDAR" "$WORK/agenda.ics" && grep -q "EA-2025-017" "$WORK/agenda.ics" || fail "iCalendar content"
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$CALENDAR/agenda.ics")" = 401 ] || fail "feed without token"
OZJT_TOKEN=$(token --role gemeente_contract_manager --municipality 1742) "$CLI" contracts list --all >"$WORK/rh"
if grep -q "HO-2023\|DGV-2023" "$WORK/rh"; then fail "Rijssen-Holten sees HO or vervoer contracts"; fi
grep -q "JH-2025" "$WORK/rh" || fail "Rijssen-Holten does not see the youth-care framework"
# A municipality reads who delivers its contracts by name, also providers it cannot open.
OZJT_TOKEN=$(token --role gemeente_contract_manager --municipality 0153) "$CLI" contracts get HO-2023 >"$WORK/ho" ||
  fail "Enschede contracts get HO-2023: $(cat "$WORK/ho")"
grep -q "^aanbieders: " "$WORK/ho" || fail "no providers line: $(cat "$WORK/ho")"
if grep -q "providers/" "$WORK/ho"; then fail "Enschede sees provider ids: $(grep aanbieders "$WORK/ho")"; fi

step "continuity: portfolio, early warnings, a case moved on, the municipal view"
export OZJT_TOKEN=$(token --role ozjt_contract_manager --subject anna.ozjt)
[ "$("$CLI" region portfolio | tail -n +2 | wc -l)" -eq 4 ] || fail "Twente's portfolio is not 4 providers"
"$CLI" warnings >"$WORK/warnings"
head -n 2 "$WORK/warnings" | grep -q "Gezinshuis Lemelerberg" || fail "early warnings: $(cat "$WORK/warnings")"
"$CLI" cases move 1 --step 4 --date 2026-11-25 --version 1 >"$WORK/case" || fail "case move: $(cat "$WORK/case")"
grep -q "trede 4" "$WORK/case" || fail "case not at step 4"
if "$CLI" cases move 1 --step 5 --date 2026-11-25 --version 1 2>"$WORK/err"; then fail "stale case version accepted"; fi
grep -q "(ABORTED" "$WORK/err" || fail "stale case version not ABORTED"
export OZJT_TOKEN=$(token --role gemeente_contract_manager --municipality 0153)
"$CLI" cases list >"$WORK/mcases"
grep -q "trede 4" "$WORK/mcases" || fail "municipal user does not see the step"
if grep -q "herstelplan\|actie\|geïnformeerd" "$WORK/mcases"; then fail "municipal user sees case details"; fi
if "$CLI" finance list 4 2>"$WORK/err"; then fail "municipal user read financial figures"; fi
grep -q "PERMISSION_DENIED" "$WORK/err" || fail "financial figures not PERMISSION_DENIED"

step "KIT screening: the demo's open case in the officer's agenda, a refusal after a hearing by a second officer, outcomes only for others, every read logged"
export OZJT_TOKEN=$(token --role screening_officer --subject ayse.screening)
"$CLI" screening list --status open >"$WORK/sc" || fail "screening list: $(cat "$WORK/sc")"
OPEN_CASE=$(awk 'NR == 2 { print $1 }' "$WORK/sc")
[ -n "$OPEN_CASE" ] || fail "no open demo case: $(cat "$WORK/sc")"
"$CLI" screening show "$OPEN_CASE" >"$WORK/case" || fail "screening show: $(cat "$WORK/case")"
grep -q "opgevraagd I2 op 20-11-2026, uiterlijk 04-12-2026" "$WORK/case" || fail "evidence request: $(cat "$WORK/case")"
"$CLI" agenda --kind evidence_due >"$WORK/agenda" || fail "agenda: $(cat "$WORK/agenda")"
grep -q "KIT-bewijsstuk I2" "$WORK/agenda" || fail "evidence deadline not in the officer's agenda: $(cat "$WORK/agenda")"
"$CLI" screening open "$ID" --occasion new_entrant --reference "E2E toetreding" >"$WORK/case" || fail "screening open: $(cat "$WORK/case")"
CASE=$(sed -n 's|^\(screeningCases/[0-9]*\) .*|\1|p' "$WORK/case" | head -n 1)
"$CLI" screening evidence "$CASE" --item I2 --document-date 2024-11-24 --received 2026-11-20 --reference DMS/1 >"$WORK/case" ||
  fail "evidence: $(cat "$WORK/case")"
grep -q "ouder dan 24 maanden" "$WORK/case" || fail "evidence past its age not flagged: $(cat "$WORK/case")"
"$CLI" screening assess "$CASE" --item I6 --result does_not_meet --finding "UBO op een sanctielijst" >/dev/null || fail "assess"
if "$CLI" screening decide "$CASE" --outcome refused --reasons "Uitsluitingsgrond" 2>"$WORK/err"; then fail "assessor decided"; fi
grep -q "vier-ogen" "$WORK/err" || fail "four eyes: $(cat "$WORK/err")"
export OZJT_TOKEN=$(token --role screening_officer --subject bram.screening)
if "$CLI" screening decide "$CASE" --outcome refused --reasons "Uitsluitingsgrond" 2>"$WORK/err"; then fail "refused without a hearing"; fi
grep -q "^fout: .*hoor en wederhoor" "$WORK/err" && grep -q "(FAILED_PRECONDITION" "$WORK/err" || fail "hearing: $(cat "$WORK/err")"
"$CLI" screening hearing "$CASE" --date 2026-11-24 --summary "Zienswijze ontvangen" >/dev/null || fail "hearing"
"$CLI" screening decide "$CASE" --outcome refused --reasons "Uitsluitingsgrond" >"$WORK/case" || fail "decide: $(cat "$WORK/case")"
grep -q "besluit 25-11-2026: geweigerd door bram.screening" "$WORK/case" || fail "decision: $(cat "$WORK/case")"
"$CLI" screening show "$CASE" | grep -c "hoor en wederhoor 24-11-2026" >/dev/null || fail "show after decision"
export OZJT_TOKEN=$(token --role ozjt_contract_manager --subject anna.ozjt)
"$CLI" screening outcomes --provider "$ID" | grep -c "geweigerd" >/dev/null || fail "manager does not see the outcome"
if "$CLI" screening show "$CASE" 2>"$WORK/err"; then fail "manager read case content"; fi
grep -q "PERMISSION_DENIED" "$WORK/err" || fail "case content not PERMISSION_DENIED for the manager"
export OZJT_TOKEN=$(token --role auditor --subject olga.audit)
"$CLI" audit list --entity-type screening_case.read >"$WORK/reads"
grep -c "bram.screening" "$WORK/reads" >/dev/null && grep -c "ayse.screening" "$WORK/reads" >/dev/null ||
  fail "reads not logged: $(cat "$WORK/reads")"

step "supervision: reviews from the day's contract mutations, a critical finding escalates, a municipal request followed, the period report as CSV"
export OZJT_TOKEN=$(token --role toezichthouder --subject tom.toezicht)
"$CLI" supervision sync >"$WORK/sync" || fail "sync: $(cat "$WORK/sync")"
grep -q "beoordelingen geopend: [1-9]" "$WORK/sync" || fail "no reviews from mutations: $(cat "$WORK/sync")"
"$CLI" supervision sync | grep -c "beoordelingen geopend: 0" >/dev/null || fail "events reviewed twice"
"$CLI" supervision open "$ID" --kind signal --subject "Signaal over dossiervoering" >"$WORK/inv" || fail "open: $(cat "$WORK/inv")"
INV=$(sed -n 's|^\(investigations/[0-9]*\) .*|\1|p' "$WORK/inv" | head -n 1)
"$CLI" supervision finding "$INV" --requirement tender_requirement --reference "Bestek 4.2.1" \
  --requirement-text "Actueel hulpverleningsplan" --observed "Geen plannen" --severity critical --date 2026-11-24 >/dev/null ||
  fail "finding"
"$CLI" supervision plan "$INV" --finding 1 --action "Plannen opstellen" --owner directie --due 2026-12-15 \
  --reinspection 2027-01-15 >/dev/null || fail "plan"
export OZJT_TOKEN=$(token --role ozjt_contract_manager --subject anna.ozjt)
"$CLI" supervision escalations >"$WORK/esc"
grep -c "E2E Zorg Twee.*Kritieke bevinding" "$WORK/esc" >/dev/null || fail "no escalation for the manager: $(cat "$WORK/esc")"
grep -c "Verbeteractie 1 van plan 1 is sinds 01-11-2026 over tijd" "$WORK/esc" >/dev/null || fail "demo overdue action not escalated"
"$CLI" agenda --kind supervision_signal --kind supervision_action | grep -c "E2E Zorg Twee" >/dev/null ||
  fail "supervision items not in the manager's agenda"
"$CLI" supervision report --from 2026-11-01 --to 2026-11-30 --csv "$WORK/report.csv" --providers-csv "$WORK/providers.csv" >/dev/null ||
  fail "report"
grep -c "bevindingen;kritiek;1" "$WORK/report.csv" >/dev/null || fail "report CSV: $(cat "$WORK/report.csv")"
grep -c "E2E Zorg Twee" "$WORK/providers.csv" >/dev/null || fail "providers CSV"
export OZJT_TOKEN=$(token --role gemeente_contract_manager --municipality 0153)
"$CLI" supervision request "$ID" --kind incident --description "Melding van ouders" --incident-date 2026-11-20 >"$WORK/req" ||
  fail "request: $(cat "$WORK/req")"
REQ=$(sed -n 's|^\(investigations/[0-9]*\) .*|\1|p' "$WORK/req" | head -n 1)
"$CLI" supervision list | grep "$REQ " | grep -c "Enschede$" >/dev/null || fail "municipality does not see its request by name"
if "$CLI" supervision show "$INV" 2>"$WORK/err"; then fail "municipality read an investigation it did not request"; fi
grep -q "NOT_FOUND" "$WORK/err" || fail "other investigation not NOT_FOUND: $(cat "$WORK/err")"
OZJT_TOKEN=$(token --role gemeente_contract_manager --municipality 0164) "$CLI" supervision list >"$WORK/hlist"
if grep -q "$REQ" "$WORK/hlist"; then fail "Hengelo sees Enschede's request"; fi

step "Jeugdzorg Plus: the region against the target, a municipality's suppressed view, the chart, a quarter re-imported"
export OZJT_TOKEN=$(token --role ozjt_contract_manager --subject anna.ozjt)
"$CLI" jzplus report >"$WORK/jz" || fail "jzplus report: $(cat "$WORK/jz")"
grep -Eq "^2022 +112 " "$WORK/jz" || fail "baseline 2022 is not 112: $(cat "$WORK/jz")"
grep -Eq "^2025 +80 +82.80 +ja +81.65 +-1.65 +ja" "$WORK/jz" || fail "2025 against target: $(cat "$WORK/jz")"
grep -Eq "^2024 +92 +89.10 +nee +90.72 +1.28 +nee" "$WORK/jz" || fail "2024 against target: $(cat "$WORK/jz")"
"$CLI" jzplus chart --out "$WORK/jz.svg" >/dev/null || fail "chart"
head -c 4 "$WORK/jz.svg" | grep -c "<svg" >/dev/null || fail "chart is not SVG"
export OZJT_TOKEN=$(token --role gemeente_contract_manager --municipality 0147)
"$CLI" jzplus report --quarters >"$WORK/jzm" || fail "municipal report: $(cat "$WORK/jzm")"
grep -c "<5" "$WORK/jzm" >/dev/null || fail "small counts not suppressed for Borne: $(cat "$WORK/jzm")"
if grep -q "fictief" "$WORK/jzm"; then fail "municipal user sees providers"; fi
if "$CLI" jzplus report --municipality 0164 2>"$WORK/err"; then fail "Borne read Hengelo's inflow"; fi
grep -q "PERMISSION_DENIED" "$WORK/err" || fail "other municipality not PERMISSION_DENIED"
export OZJT_TOKEN=$(token --role ozjt_contract_manager --subject anna.ozjt)
KVK=$("$CLI" providers list --all | awk 'NR == 2 { print $2 }')
printf 'jaar;kwartaal;gemeente;kvk_nummer;machtiging;plaatsingen;jeugdigen\n2025;4;0153;%s;machtiging;-1;0\n' "$KVK" >"$WORK/bad.csv"
if "$CLI" jzplus import "$WORK/bad.csv" 2>"$WORK/err" >/dev/null; then fail "negative count imported"; fi
grep -q "bad.csv: regel 2, kolom plaatsingen: Het aantal plaatsingen mag niet negatief zijn." "$WORK/err" || fail "row error not in Dutch with line and column: $(cat "$WORK/err")"
printf 'jaar;kwartaal;gemeente;kvk_nummer;machtiging;plaatsingen;jeugdigen\n2025;4;0153;%s;machtiging;5;5\n' "$KVK" >"$WORK/q4.csv"
"$CLI" jzplus import "$WORK/q4.csv" | grep -c "ingelezen: 1 regels, kwartalen 2025-Q4" >/dev/null || fail "re-import"
"$CLI" jzplus report --quarters | grep -Eq "^2025-Q4 +5 " || fail "2025-Q4 not replaced"

step "contract management information: the region's quarter, messages imported from a directory and a zip once, a bad one refused, a municipality's suppressed view"
export OZJT_TOKEN=$(token --role ozjt_contract_manager --subject anna.ozjt)
"$CLI" insight quarter --quarter 2026-K2 --municipality Enschede >"$WORK/kw" || fail "insight quarter: $(cat "$WORK/kw")"
grep -q "^Contractmanagementinformatie Enschede, 2026-K2$" "$WORK/kw" && grep -q "^Totaal " "$WORK/kw" &&
  grep -q "^JH-2025 · .*(fictief) · jw 45 45A01 " "$WORK/kw" && grep -q "^geen contract · .* · jw 54 54B02 " "$WORK/kw" &&
  grep -Eq "^Afwijkende tarieven: [1-9][0-9]* declaratieregels" "$WORK/kw" || fail "insight quarter: $(cat "$WORK/kw")"
"$CLI" insight quarter --quarter 2026-K2 --deviations >"$WORK/kwd" || fail "deviations: $(cat "$WORK/kwd")"
grep -Eq "^JH-2025 .* [0-9]+ x € [0-9.,]+ +€ [0-9.,]+ +€ [0-9.,]+ +(ja|nee)$" "$WORK/kwd" || fail "deviations: $(cat "$WORK/kwd")"
"$(dirname "$ADMIN")/../../tests/ozjt-datagen" --messages "$WORK/ijw" --clients 30 --seed 7 >"$WORK/gen" || fail "datagen --messages"
N=$(find "$WORK/ijw" -name '*.xml' | wc -l)
(cd "$WORK/ijw" && python3 -m zipfile -c "$WORK/wmo.zip" wmo*/ && rm -r wmo*/)
Z=$(python3 -c "import zipfile, sys; print(sum(n.endswith('.xml') for n in zipfile.ZipFile(sys.argv[1]).namelist()))" "$WORK/wmo.zip")
"$CLI" insight import "$WORK/ijw" "$WORK/wmo.zip" --dry-run >"$WORK/imp" || fail "dry run: $(cat "$WORK/imp")"
grep -q "gecontroleerd: $N bestanden, $N in orde, 0 geweigerd; niets vastgelegd" "$WORK/imp" || fail "dry run: $(cat "$WORK/imp") ($N files)"
"$CLI" insight import "$WORK/ijw" "$WORK/wmo.zip" >"$WORK/imp" || fail "import: $(cat "$WORK/imp")"
grep -q "ingelezen: $N, al eerder ingelezen: 0, geweigerd: 0" "$WORK/imp" || fail "import: $(cat "$WORK/imp") ($N files, $Z zipped)"
"$CLI" insight import "$WORK/ijw" "$WORK/wmo.zip" >"$WORK/imp" || fail "again: $(cat "$WORK/imp")"
grep -q "ingelezen: 0, al eerder ingelezen: $N, geweigerd: 0" "$WORK/imp" || fail "imported twice: $(cat "$WORK/imp")"
F=$(find "$WORK/ijw" -name '*.xml' -print -quit)
sed 's/<m:BerichtVersie>3</<m:BerichtVersie>2</' "$F" >"$WORK/oud.xml"
if "$CLI" insight import "$WORK/oud.xml" >/dev/null 2>"$WORK/err"; then fail "a release 2 message imported"; fi
grep -q "oud.xml: Bericht/Header/BerichtVersie: de berichtversie is 3 (release 3.2)" "$WORK/err" || fail "refusal: $(cat "$WORK/err")"
export OZJT_TOKEN=$(token --role gemeente_contract_manager --municipality 0147)
"$CLI" insight quarter --quarter 2026-K2 >"$WORK/kwm" || fail "municipal quarter: $(cat "$WORK/kwm")"
grep -q "^Contractmanagementinformatie Borne, 2026-K2 (kleine aantallen afgeschermd" "$WORK/kwm" &&
  grep -q "<5" "$WORK/kwm" || fail "Borne's quarter: $(cat "$WORK/kwm")"
if "$CLI" insight quarter --quarter 2026-K2 --municipality 0164 2>"$WORK/err"; then fail "Borne read Hengelo's figures"; fi
grep -q "PERMISSION_DENIED" "$WORK/err" || fail "other municipality's figures not PERMISSION_DENIED: $(cat "$WORK/err")"
if "$CLI" insight import "$WORK/oud.xml" 2>"$WORK/err"; then fail "a municipality imported messages"; fi
grep -q "PERMISSION_DENIED" "$WORK/err" || fail "municipal import not PERMISSION_DENIED: $(cat "$WORK/err")"

step "reports: the region's half year as PDF, a municipality's quarter for external use as CSV, suppressed"
export OZJT_TOKEN=$(token --role ozjt_contract_manager --subject anna.ozjt)
"$CLI" insight report --period 2026-H1 --output "$WORK/h1.pdf" | grep -q "^geschreven: $WORK/h1.pdf$" ||
  fail "the region's PDF"
[ "$(head -c 5 "$WORK/h1.pdf")" = "%PDF-" ] || fail "not a PDF"
(cd "$WORK" && "$CLI" insight report --period 2026-K3 --municipality Enschede --external --format csv) |
  grep -q "^geschreven: contractinformatie-enschede-2026-k3.csv (kleine aantallen afgeschermd)$" ||
  fail "the external CSV"
grep -q "<5" "$WORK/contractinformatie-enschede-2026-k3.csv" &&
  grep -q "^Totaal;;;x;" "$WORK/contractinformatie-enschede-2026-k3.csv" || fail "not suppressed"
if "$CLI" insight report --period 2026-K5 2>"$WORK/err"; then fail "2026-K5 reported"; fi
grep -q "\-\-period: '2026-K5' is geen kwartaal of halfjaar" "$WORK/err" || fail "period error: $(cat "$WORK/err")"

step "spending ceilings: the demo's past 70%, one set with a later start, its intention on the agenda, a step, a municipality's own"
export OZJT_TOKEN=$(token --role ozjt_contract_manager --subject anna.ozjt)
"$CLI" insight ceilings --year 2026 >"$WORK/br" || fail "ceilings: $(cat "$WORK/br")"
grep -Eq "^[0-9]+ +Enschede +JH-2025 +.*\(fictief\) +€ [0-9.,]+ +€ [0-9.,]+ +7[0-9]% .*70% besteed" "$WORK/br" ||
  fail "the demo ceiling: $(cat "$WORK/br")"
"$CLI" insight ceiling set --contract JH-2025 --provider 98000000 --municipality Borne --year 2027 \
  --amount 80.000,00 --starts 01-07-2027 >"$WORK/bs" || fail "ceiling set: $(cat "$WORK/bs")"
grep -q "^Bestedingsruimte [0-9]*: JH-2025 · Jeugdhulp Esrand (fictief) · Borne · 2027 (vanaf 01-07-2027)$" "$WORK/bs" &&
  grep -q "^  01-01-2027  Voornemen bestedingsruimte 2027" "$WORK/bs" || fail "ceiling set: $(cat "$WORK/bs")"
CEILING=$(sed -n 's/^Bestedingsruimte \([0-9]*\):.*/\1/p' "$WORK/bs")
"$CLI" agenda --from 01-12-2026 --to 31-01-2027 --municipality Borne | grep -q "^01-01-2027 .*JH-2025 .*Voornemen bestedingsruimte 2027" ||
  fail "the intention is not on Borne's agenda"
if "$CLI" insight ceiling step --id "$CEILING" --step besluit --date 01-12-2026 2>"$WORK/err"; then fail "a decision before the notice"; fi
grep -q "Leg eerst het overleg vast" "$WORK/err" || fail "step refusal: $(cat "$WORK/err")"
"$CLI" insight ceiling step --id "$CEILING" --step melding --date 01-12-2026 | grep -q "^  15-12-2026  Overleg met de aanbieder" ||
  fail "the consultation's clock"
export OZJT_TOKEN=$(token --role gemeente_contract_manager --municipality 0147)
"$CLI" insight ceilings --year 2027 | grep -Eq "^$CEILING +Borne +JH-2025 " || fail "Borne does not see its ceiling"
if "$CLI" insight ceilings --year 2026 --municipality Enschede 2>"$WORK/err"; then fail "Borne read Enschede's ceilings"; fi
grep -q "PERMISSION_DENIED" "$WORK/err" || fail "other municipality's ceilings: $(cat "$WORK/err")"

step "the audit log's hash chain is intact after the whole day"
"$ADMIN" verify-audit >"$WORK/chain" || fail "verify-audit: $(cat "$WORK/chain")"
grep -q "audit chain intact" "$WORK/chain" || fail "audit chain: $(cat "$WORK/chain")"
# The auditor checks the same chain through the service, without database access; the contract
# manager may not.
OZJT_TOKEN=$(token --role auditor) "$CLI" audit verify >"$WORK/chain-rpc" || fail "audit verify: $(cat "$WORK/chain-rpc")"
grep -q "^De auditketen is ongeschonden: " "$WORK/chain-rpc" || fail "audit verify: $(cat "$WORK/chain-rpc")"
HEAD=$(awk '/head/ {print $NF}' "$WORK/chain")
[ -n "$HEAD" ] && grep -q "^Laatste hash: $HEAD\$" "$WORK/chain-rpc" || fail "not the head $HEAD: $(cat "$WORK/chain-rpc")"
OZJT_TOKEN=$(token --role ozjt_contract_manager) "$CLI" audit verify 2>"$WORK/err" && fail "a contract manager verified the chain"
grep -q "PERMISSION_DENIED" "$WORK/err" || fail "audit verify as contract manager: $(cat "$WORK/err")"
}
