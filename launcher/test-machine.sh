# shellcheck shell=bash
# `./secureconnect test`: prepares a machine for the test suite, then runs ./mvnw verify. Sourced by ./secureconnect.
# On Debian as root it installs what is missing with apt; elsewhere it says exactly what to install.

# command:Debian package, for every program the tests (and this preparation) run
TEST_PACKAGES=(
  redis-server:redis-server redis-cli:redis-tools          # the shared Redis, and the private ones of fault tests
  pg_isready:postgresql-client pg_dump:postgresql-client   # deploy/backup's test
  curl:curl unzip:unzip xz:xz-utils ss:iproute2 unshare:util-linux
  promtool:prometheus amtool:prometheus-alertmanager       # ops-tests check the rules and the Alertmanager config
  chromium:chromium node:nodejs npm:npm                    # the web client's end-to-end tests (WebClientIT)
)

# install_test_packages: installs (or names) the packages whose commands are missing
install_test_packages() {
  local entry missing=()
  for entry in "${TEST_PACKAGES[@]}"; do
    command -v "${entry%%:*}" >/dev/null 2>&1 || missing+=("${entry#*:}")
  done
  [[ ${#missing[@]} -gt 0 ]] || return 0
  mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
  if [[ -f /etc/debian_version && $EUID -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    info "Installing ${missing[*]} (apt-get)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    return 0
  fi
  err "the tests need programs this machine lacks. Install these packages (Debian names):"
  info "  ${missing[*]}" >&2
  if [[ -f /etc/debian_version ]]; then
    info "  with: sudo apt-get install ${missing[*]}" >&2
  fi
  exit 1
}

# test_postgres: the server the tests use (SC_TEST_PG_URL): as given, else 127.0.0.1:5432, else the local one
test_postgres() {
  if [[ -n ${SC_TEST_PG_URL:-} ]]; then
    info "PostgreSQL for the tests: $SC_TEST_PG_URL (SC_TEST_PG_URL)"
    return 0
  fi
  if postgres_answers 127.0.0.1 5432; then
    raise_max_connections
    return 0
  fi
  start_local_postgres
  export SC_TEST_PG_URL=jdbc:postgresql://127.0.0.1:$PG_PORT/
}

# The system tests run five services beside the integration tests' databases: 100 connections (PostgreSQL's
# default) are too few for one full run. Raised only on a cluster of this machine that pg_ctlcluster manages.
raise_max_connections() {
  local max version
  max=$(psql -h 127.0.0.1 -U postgres -tAc 'show max_connections' 2>/dev/null || echo 0)
  [[ $max -lt 300 ]] || return 0
  version=$(ls /etc/postgresql 2>/dev/null | head -n 1)
  if [[ -n $version && $EUID -eq 0 ]] && command -v pg_ctlcluster >/dev/null 2>&1; then
    info "Raising PostgreSQL max_connections to 300 (was $max)"
    psql -h 127.0.0.1 -U postgres -qc "ALTER SYSTEM SET max_connections = 300"
    pg_ctlcluster --skip-systemctl-redirect "$version" main restart
    local i
    for i in $(seq 1 30); do postgres_answers 127.0.0.1 5432 && return 0; sleep 1; done
    die "PostgreSQL did not come back after raising max_connections"
  fi
  warn "PostgreSQL on 127.0.0.1:5432 allows $max connections: the system tests need about 300"
}

# test_redis: the server the tests share (SC_TEST_REDIS_URL): as given, else 127.0.0.1:6379, else a private one
test_redis() {
  if [[ -n ${SC_TEST_REDIS_URL:-} ]]; then
    info "Redis for the tests: $SC_TEST_REDIS_URL (SC_TEST_REDIS_URL)"
    return 0
  fi
  redis_answers "$DEFAULT_REDIS_URL" && return 0
  start_private_redis
  export SC_TEST_REDIS_URL=redis://127.0.0.1:$REDIS_PORT
}

# The web client's end-to-end tests drive Debian's Chromium with playwright-core from web-client/e2e
install_e2e_packages() {
  local e2e=$ROOT/web-client/e2e
  if [[ ! -f $e2e/node_modules/.package-lock.json || $e2e/package-lock.json -nt $e2e/node_modules/.package-lock.json ]]; then
    info "Installing the web client's test packages (npm ci)"
    npm ci --prefix "$e2e" --no-audit --no-fund >/dev/null
  fi
  # the linters of the API descriptions (ops-tests), from the npm registry, pinned by their lockfile
  local lint=$ROOT/ops-tests/api-lint
  if [[ ! -f $lint/node_modules/.package-lock.json || $lint/package-lock.json -nt $lint/node_modules/.package-lock.json ]]; then
    info "Installing the API linters (npm ci)"
    npm ci --prefix "$lint" --no-audit --no-fund >/dev/null
  fi
}

cmd_test() {
  setup_java
  prepare_dirs
  install_test_packages
  trap 'stop_infrastructure_started_here' EXIT
  test_postgres
  test_redis
  install_e2e_packages
  info "Running the tests: ./mvnw -B verify $*"
  local rc=0
  (cd "$ROOT" && ./mvnw -B verify "$@") || rc=$?
  return "$rc"
}
