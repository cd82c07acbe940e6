#!/usr/bin/env bash
# Test OZJT contracts: installs what is missing, builds, starts a throwaway PostgreSQL, runs
# every test with ctest, stops the cluster, and exits non-zero on any failure.
# Then every libFuzzer target runs OZJT_FUZZ_SECONDS (default 10) over its seed corpus.
#   OZJT_SANITIZE=1 ops/test.sh   the same with AddressSanitizer and UBSan (build-asan/)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

if [ "${OZJT_SANITIZE:-0}" = 1 ]; then
  OZJT_BUILD=$OZJT_ROOT/build-asan
  OZJT_CMAKE_ARGS="-DOZJT_SANITIZE=ON"
  export LSAN_OPTIONS="suppressions=$OZJT_ROOT/ops/lsan.supp" UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
fi

ozjt_install test
ozjt_install_web_tests
ozjt_build

# A short path: the socket path must stay under ~107 bytes.
PGDIR=$(mktemp -d /tmp/ozjt-test.XXXXXX)
cleanup() {
  pg_stop "$PGDIR"
  rm -rf "$PGDIR"
}
trap cleanup EXIT
log "starting throwaway PostgreSQL in $PGDIR"
pg_create "$PGDIR"
pg_start "$PGDIR" "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"

export PGHOST=$PGDIR PGUSER=postgres PGDATABASE=postgres
cd "$OZJT_BUILD"
ctest --output-on-failure -j "$(nproc)" --timeout 300

ozjt_build_fuzz
"$OZJT_ROOT/tests/fuzz/run.sh" "$OZJT_ROOT/build-fuzz" "${OZJT_FUZZ_SECONDS:-10}"
