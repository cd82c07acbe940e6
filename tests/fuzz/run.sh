#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each over its committed seed corpus (new inputs go to a
# scratch folder, never into the corpus). Exits non-zero on the first crash, leak, timeout or
# sanitizer report, leaving the input in ARTIFACTS (default: BUILD/fuzz-artifacts).
#   tests/fuzz/run.sh build-fuzz 10            # the test command's short run
#   tests/fuzz/run.sh build-fuzz 3600          # a release run: an hour per target
set -euo pipefail
build=$(cd "$1" && pwd)
seconds=${2:-10}
here=$(cd "$(dirname "$0")" && pwd)
artifacts=${ARTIFACTS:-$build/fuzz-artifacts}
mkdir -p "$artifacts"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
for corpus in "$here"/corpus/*/; do
  target=$(basename "$corpus")
  scratch=$(mktemp -d)
  printf '== fuzzing %s for %ss\n' "$target" "$seconds" >&2
  if ! "$build/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -max_len=65536 -print_final_stats=1 -artifact_prefix="$artifacts/$target-" \
      "$scratch" "$corpus" >"$artifacts/$target.log" 2>&1; then
    grep -v -E "^#[0-9]+|NEW_FUNC" "$artifacts/$target.log" | tail -n 40 >&2
    printf '== %s FAILED; the input is in %s\n' "$target" "$artifacts" >&2
    rm -rf "$scratch"
    exit 1
  fi
  grep -E '^stat::number_of_executed_units|^Done' "$artifacts/$target.log" >&2 || true
  rm -rf "$scratch"
done
