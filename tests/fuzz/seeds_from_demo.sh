#!/usr/bin/env bash
# Writes the seed corpus (tests/fuzz/corpus/<target>/) from a database with the demo data
# (`ozjt-admin seed-demo`) and a few hand-made inputs. Run once when a format changes, then
# commit the corpus:  PGHOST=... PGDATABASE=demo tests/fuzz/seeds_from_demo.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
corpus=$here/corpus
# seed TARGET NAME [SUFFIX_BYTE]: standard input as one seed; the suffix byte picks the request
# of targets that read their selector from the last byte (FuzzedDataProvider).
seed() {
  mkdir -p "$corpus/$1"
  if [ $# -ge 3 ]; then { cat; printf "\\x$3"; } >"$corpus/$1/$2"; else cat >"$corpus/$1/$2"; fi
}
rows() { psql -X -At -v ON_ERROR_STOP=1 -c "$1"; }
# seed_rows TARGET PREFIX SQL [SUFFIX_BYTE]: each row of the query as a seed PREFIX1, PREFIX2...
seed_rows() {
  local i=0 json
  while IFS= read -r json; do
    i=$((i + 1))
    printf '%s' "$json" | seed "$1" "$2$i" ${4:-}
  done < <(rows "$3")
}

seed_rows fuzz_registry_request provider "SELECT snapshot FROM registry.provider_version ORDER BY provider_id, version LIMIT 8"
seed_rows fuzz_contracts_request contract "SELECT snapshot FROM contracts.contract_version ORDER BY contract_id, version LIMIT 8" 00
seed_rows fuzz_contracts_request legal_step "SELECT body FROM contracts.legal_step ORDER BY id LIMIT 4" 01
printf 'name,end_date,options' | seed fuzz_contracts_request mask1 02
printf 'tariff_lines,municipalities,unknown' | seed fuzz_contracts_request mask2 02
printf '\x07\x00\x00\x00\x00\x00\x00\x00\x01\x01\x10\x27\x00\x00\x00\x00\x00\x00\x040153\x002026-10' |
  seed fuzz_contracts_request kpi1 03
printf '\x07\x00\x00\x00\x00\x00\x00\x00\x02\x03\xff\xff\xff\xff\xff\xff\xff\xff\x040164\x002026-Q3' |
  seed fuzz_contracts_request kpi2 03
# An investigation as the service reads it: its body with its finding rows (migration 0019).
seed_rows fuzz_supervision_request investigation "SELECT i.body || jsonb_build_object('findings',
  (SELECT coalesce(jsonb_agg(f.body ORDER BY f.number), '[]') FROM supervision.finding f
    WHERE f.investigation_id = i.id)) FROM supervision.investigation i ORDER BY i.id LIMIT 8"
seed_rows fuzz_screening_request items "SELECT items FROM screening.framework ORDER BY id" 00
seed_rows fuzz_screening_request case "SELECT body FROM screening.screening_case ORDER BY id LIMIT 6" 01

printf '\x01\x00\x00\x00\x00\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00Eerste afspraak\x00TWENTE' |
  seed fuzz_accountregion_request assignment 00
printf '\x01\x00\x00\x00\x00\x00\x00\x00\x00\x10\x00\x00\x00\x00\x00\x00\x00\x40\x00\x00\x00\x00\x00\x00\x00\x20\x00\x00\x00\x00\x00\x00\x00\x10\x00\x00\x00\x00\x00\x00\x00\x80\x00\x00\x00\x00\x00\x00\xff\xff\xff\xff\xff\xff\xff\xff2025' |
  seed fuzz_accountregion_request statement_year 01
printf '\x01\x00\x00\x00\x00\x00\x00\x00\x00\x10\x00\x00\x00\x00\x00\x00\x00\x40\x00\x00\x00\x00\x00\x00\x00\x20\x00\x00\x00\x00\x00\x00\x00\x10\x00\x00\x00\x00\x00\x00\x00\x80\x00\x00\x00\x00\x00\x00\x00\x01\x00\x00\x00\x00\x00\x002026-Q2' |
  seed fuzz_accountregion_request statement_quarter 01
printf '\x10\x27\x00\x00\x00\x00\x00\x00solvency:0,10,20,35;current_ratio:30,70,130;profitability:0,2,4' |
  seed fuzz_accountregion_request thresholds 02

# CSV imports as the README shows them, and the demo register's own rows.
printf '\xef\xbb\xbfkvk_nummer;naam;rechtsvorm;agb_codes;wetten;gemeenten;niveau;status\r\n90000097;"Jeugdhulp ""De"" Linde";stichting;98000131,98000262;jeugdwet,wmo;0153,0164;lokaal;gecontracteerd\r\n' |
  seed fuzz_provider_csv readme
rows "SELECT 'kvk_nummer;naam;rechtsvorm;wetten;gemeenten;niveau' UNION ALL
      (SELECT kvk_number || ';' || name || ';' || legal_form || ';jeugdwet;0153;' || tier
       FROM registry.provider ORDER BY id LIMIT 20)" | seed fuzz_provider_csv demo
printf 'kvk_nummer;jaar;regio;omzet_cent\n90000097;2024;TWENTE;150000000\n90000097;2024;ACHTERHOEK;50000000\n90000097;2025;TOTAAL;210000000\n' |
  seed fuzz_turnover_csv readme
printf 'jaar;kwartaal;gemeente;kvk_nummer;machtiging;plaatsingen;jeugdigen\n2025;1;0153;12345678;machtiging;4;4\n2025;2;0164;87654321;spoedmachtiging;12;11\n2026;3;0141;12345678;machtiging;0;0\n' |
  seed fuzz_inflow_csv readme
printf 'jaar;kwartaal;gemeente;kvk_nummer;machtiging;plaatsingen;jeugdigen\n2027;1;9999;1;x;-1;2\n' |
  seed fuzz_inflow_csv bad_rows

# Tokens: the first byte picks the mode (0: a token as sent; 1: claims signed with the trusted key).
claims() { printf '\x01{"sub":"%s","role":"%s","municipality":"%s","iss":"ozjt-local","aud":"ozjt-contracts","exp":1900000000,"iat":1795690000}' "$@"; }
claims anna gemeente_contract_manager 0153 | seed fuzz_token claims_municipal
claims bert ozjt_contract_manager "" | seed fuzz_token claims_ozjt
printf '\x01{"sub":"c","role":"auditor","iss":"ozjt-local","aud":["x","ozjt-contracts"],"exp":1795690000,"nbf":1795700000}' |
  seed fuzz_token claims_expired
printf '\x00eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJ4Iiwicm9sZSI6ImFkbWluIn0.x' | seed fuzz_token alg_none
printf '\x00eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln' | seed fuzz_token alg_hs256
printf '\x00eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4Iiwicm9sZSI6ImFkbWluIiwiZXhwIjoxOTAwMDAwMDAwfQ.AAAA' |
  seed fuzz_token es256_foreign
