#!/usr/bin/env bash
# Test OZJT contracts: installs what is missing, builds, starts a throwaway PostgreSQL, runs
# every test with ctest, stops the cluster, and exits non-zero on any failure.
# Then every libFuzzer target runs OZJT_FUZZ_SECONDS (default 10) over its seed corpus.
# The tooling gate runs with it: the build treats warnings (-Wall -Wextra -Wshadow) as errors,
# the concurrency tests run under ThreadSanitizer too (build-tsan/, the `tsan` presets of
# CMakePresets.json), and clang-tidy (ops/lint.sh, the checks of .clang-tidy) must find nothing
# in any .cc of services/, clients/ and tests/. clang-tidy reuses the passes of unchanged files
# on this machine (~/.cache/ozjt-lint, like ccache); from cold it takes about 16 min on 2 cores.
#   OZJT_SANITIZE=1 ops/test.sh   the same with AddressSanitizer and UBSan (build-asan/), without
#                                 the clang-tidy and ThreadSanitizer steps (the plain run has them)
#   OZJT_LINT=0                   skips clang-tidy (locally, while iterating; CI runs it)
#   OZJT_SKIP_TSAN=1              skips the ThreadSanitizer run (locally; CI runs it)
#   OZJT_WERROR=OFF               warnings stay warnings (locally, while iterating)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

if [ "${OZJT_SANITIZE:-0}" = 1 ]; then
  OZJT_BUILD=$OZJT_ROOT/build-asan
  OZJT_CMAKE_ARGS="-DOZJT_SANITIZE=ON"
  export LSAN_OPTIONS="suppressions=$OZJT_ROOT/ops/lsan.supp" UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
  OZJT_SKIP_TSAN=${OZJT_SKIP_TSAN:-1}
  OZJT_LINT=${OZJT_LINT:-0}
fi

OZJT_WERROR=${OZJT_WERROR:-ON}
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

if [ "${OZJT_LINT:-1}" = 1 ]; then
  started=$SECONDS
  log "clang-tidy over services/, clients/ and tests/"
  OZJT_BUILD=$OZJT_BUILD "$OZJT_ROOT/ops/lint.sh"
  log "clang-tidy: clean in $((SECONDS - started)) s"
fi
