#!/usr/bin/env bash
# Test OZJT contracts: installs what is missing, builds, starts a throwaway PostgreSQL, runs
# every test with ctest, stops the cluster, and exits non-zero on any failure.
# Then every libFuzzer target runs OZJT_FUZZ_SECONDS (default 10) over its seed corpus.
# The concurrency tests run under ThreadSanitizer too (build-tsan/, the `tsan` presets of
# CMakePresets.json). The rest of the tooling gate is built but not yet enforced here (issue 20
# is open): clang-tidy (ops/lint.sh) still has findings and takes ~17 min on 2 cores from cold,
# and warnings are not yet errors; OZJT_LINT=1 and OZJT_WERROR=ON run them.
#   OZJT_SANITIZE=1 ops/test.sh   the same with AddressSanitizer and UBSan (build-asan/), without
#                                 the clang-tidy and ThreadSanitizer steps (the plain run has them)
#   OZJT_LINT=1                   runs clang-tidy over every .cc (ops/lint.sh) after the build
#   OZJT_SKIP_TSAN=1              skips the ThreadSanitizer run (locally; CI runs it)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

if [ "${OZJT_SANITIZE:-0}" = 1 ]; then
  OZJT_BUILD=$OZJT_ROOT/build-asan
  OZJT_CMAKE_ARGS="-DOZJT_SANITIZE=ON"
  export LSAN_OPTIONS="suppressions=$OZJT_ROOT/ops/lsan.supp" UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
  OZJT_SKIP_TSAN=${OZJT_SKIP_TSAN:-1}
fi

# Warnings become errors by default once every file builds clean with -Wshadow.
OZJT_WERROR=${OZJT_WERROR:-OFF}
OZJT_CMAKE_ARGS="${OZJT_CMAKE_ARGS:-} -DOZJT_WERROR=$OZJT_WERROR"

ozjt_install test
ozjt_install_web_tests
# An existing build directory gets the setting too (a no-op when it has it already).
if [ -f "$OZJT_BUILD/CMakeCache.txt" ] &&
   ! grep -qx "OZJT_WERROR:BOOL=$OZJT_WERROR" "$OZJT_BUILD/CMakeCache.txt"; then
  cmake "$OZJT_BUILD" -DOZJT_WERROR="$OZJT_WERROR" >/dev/null
fi
ozjt_build
ozjt_build_fuzz

if [ "${OZJT_LINT:-0}" = 1 ]; then
  started=$SECONDS
  log "clang-tidy over services/, clients/ and tests/"
  OZJT_BUILD=$OZJT_BUILD "$OZJT_ROOT/ops/lint.sh"
  log "clang-tidy: clean in $((SECONDS - started)) s"
fi

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

# The concurrency tests under ThreadSanitizer: any race report fails the run (exit code 66).
if [ "${OZJT_SKIP_TSAN:-0}" != 1 ]; then
  started=$SECONDS
  cd "$OZJT_ROOT"
  if [ ! -f build-tsan/build.ninja ] ||
     ! grep -qx "OZJT_WERROR:BOOL=$OZJT_WERROR" build-tsan/CMakeCache.txt; then
    cmake --preset tsan -DOZJT_WERROR="$OZJT_WERROR" >/dev/null
  fi
  log "building the concurrency tests with ThreadSanitizer in build-tsan"
  cmake --build --preset tsan -j "$(nproc)"
  log "running the concurrency tests with ThreadSanitizer"
  ctest --preset tsan -j "$(nproc)"
  log "ThreadSanitizer: no races in $((SECONDS - started)) s"
fi

"$OZJT_ROOT/tests/fuzz/run.sh" "$OZJT_ROOT/build-fuzz" "${OZJT_FUZZ_SECONDS:-10}"
