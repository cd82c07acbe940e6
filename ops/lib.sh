# Shared by run.sh and test.sh: installing what is missing, building, and local PostgreSQL
# clusters. Source it; do not run it.

OZJT_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OZJT_BUILD=${OZJT_BUILD:-$OZJT_ROOT/build}

# Debian 12 packages the build, the tests and a local run need.
OZJT_PACKAGES=(
  cmake ninja-build g++ pkg-config git openssl
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler grpc-proto
  golang-github-gogo-googleapis-dev
  libpqxx-dev libabsl-dev libgtest-dev libgmock-dev
  libjwt-dev libssl-dev libcpp-httplib-dev nlohmann-json3-dev libcli11-dev prometheus-cpp-dev libspdlog-dev
  postgresql postgresql-contrib curl python3-jwt python3-cryptography python3-yaml tzdata
  libcairo2-dev libpango1.0-dev fonts-dejavu-core libxml2-dev libzip-dev
)
# Only the test command needs these: clang for the fuzz targets, clang-tidy for ops/lint.sh, a
# browser for the web tests, nginx (and envsubst from gettext-base, which fills in its routes) for
# the services apart behind the gRPC router
# (tests/e2e/apart.sh), poppler-utils for pdftotext and pdfinfo, which check the text and
# pages of the PDFs in tests. ThreadSanitizer's runtime (libtsan2) comes with g++.
OZJT_TEST_PACKAGES=(clang-14 clang-tidy-14 libclang-rt-14-dev chromium nginx-light gettext-base
  poppler-utils)

log() { printf '== %s\n' "$*" >&2; }

# Installs the packages that are not installed yet (apt-get update only when needed): those
# to build and run, and with `ozjt_install test` also those only the tests need.
ozjt_install() {
  local missing=() wanted=("${OZJT_PACKAGES[@]}")
  if [ "${1:-}" = test ]; then
    wanted+=("${OZJT_TEST_PACKAGES[@]}")
    # Node.js and npm for the browser tests: Debian's, unless the machine has its own already.
    command -v npm >/dev/null || wanted+=(nodejs npm)
  fi
  for p in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then return 0; fi
  log "installing: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Configures (once) and builds with Ninja: the targets named (`ozjt_build ozjt-host ozjt`), or
# everything, tests included, when none is named.
ozjt_build() {
  local type=${OZJT_BUILD_TYPE:-RelWithDebInfo} targets=()
  if [ ! -f "$OZJT_BUILD/build.ninja" ]; then
    cmake -S "$OZJT_ROOT" -B "$OZJT_BUILD" -G Ninja -DCMAKE_BUILD_TYPE="$type" ${OZJT_CMAKE_ARGS:-} >/dev/null
  fi
  [ $# -eq 0 ] || targets=(--target "$@")
  log "building ${*:-everything} in $OZJT_BUILD"
  cmake --build "$OZJT_BUILD" -j "$(nproc)" "${targets[@]}"
}

# Installs the browser tests' npm packages (playwright-core) from tests/web/package-lock.json.
ozjt_install_web_tests() {
  local dir=$OZJT_ROOT/tests/web
  if [ ! -f "$dir/node_modules/.package-lock.json" ] ||
     ! cmp -s "$dir/package-lock.json" "$dir/node_modules/.package-lock.json.ozjt" 2>/dev/null; then
    log "installing the browser tests' npm packages"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
    cp "$dir/package-lock.json" "$dir/node_modules/.package-lock.json.ozjt"
  fi
}

# Configures (once) and builds the libFuzzer targets with clang-14 in $OZJT_ROOT/build-fuzz.
ozjt_build_fuzz() {
  local dir=$OZJT_ROOT/build-fuzz
  if [ ! -f "$dir/build.ninja" ]; then
    cmake -S "$OZJT_ROOT/tests/fuzz" -B "$dir" -G Ninja -DCMAKE_CXX_COMPILER=clang++-14 >/dev/null
  fi
  log "building the fuzz targets in $dir"
  cmake --build "$dir" -j "$(nproc)"
}

# The directory of PostgreSQL's server binaries (initdb, pg_ctl).
pg_bindir() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$d" ] || { echo "PostgreSQL server binaries not found" >&2; return 1; }
  echo "$d"
}

# Runs a command as the postgres user when we are root (initdb refuses root).
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# Where ops/run.sh keeps its cluster: .data/pg in the checkout, unless the server would run as
# the postgres user (we are root) and that user cannot reach the checkout (a clone in /root,
# mode 0700): then under the postgres user's home, one cluster per checkout.
ozjt_run_pgdir() {
  local own=$OZJT_ROOT/.data/pg
  if [ "$(id -u)" -ne 0 ] || [ -f "$own/PG_VERSION" ] || runuser -u postgres -- test -x "$OZJT_ROOT" 2>/dev/null; then
    echo "$own"
  else
    echo "/var/lib/postgresql/ozjt-$(basename "$OZJT_ROOT" | tr -c 'A-Za-z0-9._\n-' '_')-$(printf '%s' "$OZJT_ROOT" | sha256sum | cut -c1-8)"
  fi
}

# pg_create DIR: a new cluster in DIR listening on a Unix socket in DIR only.
pg_create() {
  local dir=$1 bin
  bin=$(pg_bindir) || return 1
  mkdir -p "$dir"
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir"
  chmod 700 "$dir"
  as_pg "$bin/initdb" -D "$dir" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
}

# pg_start DIR [extra server options]
pg_start() {
  local dir=$1 bin
  shift
  bin=$(pg_bindir) || return 1
  as_pg "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses='' -c unix_socket_directories='$dir' $*" start >/dev/null
}

pg_stop() {
  local dir=$1 bin
  bin=$(pg_bindir) || return 1
  as_pg "$bin/pg_ctl" -D "$dir" -m fast -w stop >/dev/null 2>&1 || true
}

# A scratch database for a test run: creates DB, a signing key pair in WORK/keys, and exports
# OZJT_DATABASE_URL, OZJT_JWT_PUBLIC_KEYS and OZJT_PAGE_TOKEN_KEYS for the services and ADMIN
# (ozjt-admin) to use.
ozjt_scratch_database() {
  local db=$1 work=$2 admin=$3
  psql -q -d postgres -c "CREATE DATABASE $db" >/dev/null
  export OZJT_DATABASE_URL="dbname=$db"
  "$admin" keygen --dir "$work/keys" >/dev/null
  export OZJT_JWT_PUBLIC_KEYS=$work/keys/signing.pub
  export OZJT_PAGE_TOKEN_KEYS=$work/keys/page-token.key
  export OZJT_INSIGHT_KEY_FILE=$work/keys/insight.key
}

# Runs a server binary in the background (output in WORK/server.out and WORK/server.err) and
# waits for its serving line; sets SERVER_PID and SERVER_PORT. Returns 1, with the server's
# last words on stderr, when it exits first or names no port.
ozjt_start_server() {
  local binary=$1 work=$2
  "$binary" >"$work/server.out" 2>"$work/server.err" &
  SERVER_PID=$!
  for _ in $(seq 1 100); do
    grep -q '"event":"serving"' "$work/server.out" 2>/dev/null && break
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      echo "$binary exited: $(tail -n 20 "$work/server.err")" >&2
      return 1
    fi
    sleep 0.1
  done
  SERVER_PORT=$(sed -n 's/.*"port":\([0-9]*\).*/\1/p' "$work/server.out" | head -n 1)
  [ -n "$SERVER_PORT" ] || { echo "no port from $binary" >&2; return 1; }
}
