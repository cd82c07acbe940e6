#!/usr/bin/env bash
# Lints every .cc of services/, clients/ and tests/ with clang-tidy 14 and the checks of
# .clang-tidy (the headers they include come with them), in parallel, and exits non-zero on any
# finding. Uses the compile commands of build/ (and build-fuzz/ for tests/fuzz): build first
# (ops/test.sh does). A .cc that no build compiles is a finding too.
#   ops/lint.sh                    every file (results of unchanged files reused, see below)
#   ops/lint.sh services/web/*.cc  only these files
#   OZJT_LINT_JOBS=4               parallel clang-tidy runs (default: the number of cores)
#   OZJT_LINT_FRESH=1              ignore the reused results
# Like ccache, a file that passed is not linted again while nothing it is linted from changed:
# the key is a hash of clang-tidy's version, every .clang-tidy, the file's compile command and
# the content of the file and of every header it includes (the build's dependency list, system
# headers and generated protos included), with the checkout's and build's paths left out, so
# another clone on the same machine reuses the passes. Only passes are kept, in
# OZJT_LINT_CACHE (default ~/.cache/ozjt-lint; unused for 30 days: removed); findings never.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

TIDY=${OZJT_CLANG_TIDY:-clang-tidy-14}
JOBS=${OZJT_LINT_JOBS:-$(nproc)}
FUZZ_BUILD=$OZJT_ROOT/build-fuzz
PASSED=${OZJT_LINT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ozjt-lint}
command -v "$TIDY" >/dev/null || { echo "$TIDY not found (Debian: clang-tidy-14)" >&2; exit 2; }
[ -f "$OZJT_BUILD/compile_commands.json" ] || { echo "no $OZJT_BUILD/compile_commands.json: build first" >&2; exit 2; }
[ "${OZJT_LINT_FRESH:-0}" = 1 ] && rm -rf "$PASSED"
mkdir -p "$PASSED"
find "$PASSED" -type f -mtime +30 -delete 2>/dev/null || true

cd "$OZJT_ROOT"
if [ $# -gt 0 ]; then
  files=("$@")
else
  mapfile -t files < <(find services clients tests -name '*.cc' -not -path '*/corpus/*' \
    -not -path '*/node_modules/*' | sort)
fi

# One line per file to lint: "<build dir> <key> <file>", or "MISSING - <file>". Files whose key
# has a pass are left out.
plan=$(python3 - "$OZJT_BUILD" "$FUZZ_BUILD" "$PASSED" "$TIDY" "${files[@]}" <<'EOF'
import hashlib, json, os, subprocess, sys
build, fuzz_build, passed, tidy, files = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:]
root = os.getcwd()
def portable(text, d):
    # The same inputs in another clone or build directory give the same key.
    return text.replace(d, "<build>").replace(root, "<root>")
def sha(data): return hashlib.sha256(data).hexdigest()
# Every .clang-tidy of the tree (the root one and those of subdirectories, e.g. tests/).
configs = []
for d, subdirs, names in os.walk("."):
    subdirs[:] = [s for s in subdirs if not s.startswith((".", "build")) and s != "node_modules"]
    if ".clang-tidy" in names: configs.append(os.path.join(d, ".clang-tidy"))
configs.sort()
common = sha(subprocess.run([tidy, "--version"], capture_output=True).stdout +
             b"".join(c.encode() + open(c, "rb").read() for c in configs))
file_hashes = {}
def file_hash(path):
    if path not in file_hashes:
        try:
            with open(path, "rb") as f: file_hashes[path] = sha(f.read())
        except OSError:
            file_hashes[path] = "missing"
    return file_hashes[path]
def database(d):
    db_path = os.path.join(d, "compile_commands.json")
    if not os.path.exists(db_path): return {}, {}
    commands = {os.path.normpath(os.path.join(e["directory"], e["file"])): e
                for e in json.load(open(db_path))}
    # ninja's dependency list of every object: "<object>: #deps ..." then one path per line.
    deps, current = {}, None
    out = subprocess.run(["ninja", "-C", d, "-t", "deps"], capture_output=True, text=True).stdout
    for line in out.splitlines():
        if line and not line.startswith(" "):
            current = deps.setdefault(line.split(":")[0], []) if "(VALID)" in line else None
        elif current is not None and line.strip():
            current.append(os.path.normpath(os.path.join(d, line.strip())))
    by_source = {}
    for obj, paths in deps.items():
        if paths: by_source[paths[0]] = paths
    return commands, by_source
dbs = [(build, *database(build)), (fuzz_build, *database(fuzz_build))]
for f in files:
    path = os.path.normpath(os.path.join(root, f))
    for d, commands, by_source in dbs:
        entry = commands.get(path)
        if entry is None: continue
        key = [common, portable(entry["command"], d), f]
        # Without a dependency list (never built) the key is unique: the file is linted.
        for p in sorted(by_source.get(path, [path, "/nonexistent"]), key=lambda p: portable(p, d)):
            key += [portable(p, d), file_hash(p)]
        k = sha("\n".join(key).encode())
        stamp = os.path.join(passed, k)
        if os.path.exists(stamp):
            os.utime(stamp)
        else:
            print(d, k, f)
        break
    else:
        print("MISSING", "-", f)
EOF
)

missing=$(grep '^MISSING ' <<<"$plan" | cut -d' ' -f3- || true)
todo=$(grep -v '^MISSING ' <<<"$plan" || true)
status=0
if [ -n "$missing" ]; then
  printf 'not in any compile database (no CMake target compiles it, or not built yet):\n%s\n' "$missing" >&2
  status=1
fi
log "clang-tidy: $(grep -c . <<<"$todo" || true) of ${#files[@]} files to lint ($JOBS at a time)"

# Lints one file; on a pass records its key.
lint_one() {
  local dir=$1 key=$2 file=$3 out
  if out=$("$TIDY" -p "$dir" --quiet "$file" 2>&1); then
    touch "$PASSED/$key"
  else
    # clang-tidy's "N warnings generated." lines are noise; the findings are what remains.
    grep -v -E '^[0-9]+ warnings? (and [0-9]+ errors? )?generated\.$|^Suppressed [0-9]+ warnings|^Use -header-filter|^Error while processing' <<<"$out" >&2 || true
    echo "lint: findings in $file" >&2
    return 1
  fi
}
export -f lint_one
export TIDY PASSED
if [ -n "$todo" ]; then
  xargs -P "$JOBS" -L 1 bash -c 'lint_one "$@"' _ <<<"$todo" || status=1
fi
[ $status -eq 0 ] && log "clang-tidy: no findings"
exit $status
