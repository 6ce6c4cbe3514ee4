# shellcheck shell=bash
# PostgreSQL for the launcher: the configured server, the one on 127.0.0.1:5432, or a local one it starts itself.
# Sourced by ./secureconnect; uses its helpers (info, warn, die, tcp_open, free_port, ...) and sets DB_HOST, DB_PORT,
# DB_PARAMS for the services.

PG_HOME=$DATA_DIR/postgres              # data/ (the cluster), server-<version>/ (binaries), port
PG_PIDFILE=$RUN_DIR/postgres.pid        # present while a server this launcher started runs

db_configured() { [[ -n ${SC_DB_URL:-}${SC_DB_HOST:-}${SC_DB_PORT:-} ]]; }

# Host, port and parameters of the database server: from SC_DB_URL when set (each service still gets its own
# database), else SC_DB_HOST / SC_DB_PORT, else 127.0.0.1:5432
parse_db() {
  DB_HOST=${SC_DB_HOST:-127.0.0.1}
  DB_PORT=${SC_DB_PORT:-5432}
  DB_PARAMS=''
  if [[ -n ${SC_DB_URL:-} ]]; then
    local rest=${SC_DB_URL#jdbc:postgresql://} hostport
    [[ $rest != "$SC_DB_URL" ]] || die "SC_DB_URL must look like jdbc:postgresql://host:port/db (got: $SC_DB_URL)"
    [[ $rest == *\?* ]] && DB_PARAMS="?${rest#*\?}"
    hostport=${rest%%[/?]*}
    hostport=${hostport%%,*}                    # first host of a multi-host URL
    if [[ $hostport == \[* ]]; then             # [ipv6]:port
      DB_HOST=${hostport%%]*}; DB_HOST=${DB_HOST#[}
      [[ $hostport == *]:* ]] && DB_PORT=${hostport##*]:} || DB_PORT=5432
    elif [[ $hostport == *:* ]]; then
      DB_HOST=${hostport%:*}; DB_PORT=${hostport##*:}
    else
      DB_HOST=${hostport:-localhost}; DB_PORT=5432
    fi
  fi
}

# jdbc_url DATABASE: the URL of one database on the chosen server
jdbc_url() {
  local host=$DB_HOST
  [[ $host == *:* ]] && host="[$host]"
  echo "jdbc:postgresql://$host:$DB_PORT/$1$DB_PARAMS"
}

# postgres_answers HOST PORT: 0 when the server accepts connections, 1 when it rejects them (starting up), 2 when
# nothing answers
postgres_answers() {
  if command -v pg_isready >/dev/null 2>&1; then
    local rc=0
    pg_isready -q -h "$1" -p "$2" -t 3 || rc=$?
    return "$rc"
  fi
  tcp_open "$1" "$2" || return 2
}

# ensure_postgres: picks the server the services use (sets DB_HOST/DB_PORT/DB_PARAMS), starting the local one if
# that is the choice. A configured server that does not answer is an error, never silently replaced.
ensure_postgres() {
  parse_db
  local rc=0
  postgres_answers "$DB_HOST" "$DB_PORT" || rc=$?
  [[ $rc -eq 0 ]] && return 0
  if db_configured || [[ $rc -eq 1 ]]; then
    local state='does not answer'
    [[ $rc -eq 1 ]] && state='rejects connections (still starting up?)'
    err "PostgreSQL at $DB_HOST:$DB_PORT $state."
    {
      if db_configured; then
        info "  It is the server SC_DB_URL / SC_DB_HOST / SC_DB_PORT name: start it, or unset them and $PROG"
        info "  starts a local PostgreSQL of its own under $PG_HOME."
      else
        info "  Wait for it to finish starting, or stop it and $PROG starts a local PostgreSQL of its own."
      fi
    } >&2
    exit 1
  fi
  start_local_postgres
  DB_HOST=127.0.0.1
  DB_PORT=$PG_PORT
  DB_PARAMS=''
}

# The archive of server binaries built by the local-postgres module (Zonky's relocatable builds)
postgres_archive() { find "$ROOT/local-postgres/target/postgres" -name 'postgres-*.txz' -print -quit 2>/dev/null; }

postgres_version() { sed -n 's:.*<local-postgres.version>\(.*\)</local-postgres.version>.*:\1:p' "$ROOT/pom.xml"; }

# as_unprivileged CMD...: PostgreSQL refuses to run as root. For root, run it in a user namespace where it is an
# ordinary user: the files stay root's, nothing is chown-ed, and no account is needed.
as_unprivileged() {
  if [[ $EUID -ne 0 ]]; then "$@"; return; fi
  command -v unshare >/dev/null 2>&1 ||
    die "PostgreSQL does not run as root and 'unshare' (util-linux) is missing: run $PROG as another user or set SC_DB_URL"
  unshare --user --map-user=65534 --map-group=65534 -- "$@"
}

# postgres_pid: the pid of the local server when it runs (from its postmaster.pid, checked against the process)
postgres_pid() {
  local pid
  [[ -f $PG_HOME/data/postmaster.pid ]] || return 1
  pid=$(head -n 1 "$PG_HOME/data/postmaster.pid" | tr -dc '0-9')
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null && [[ $(ps -o args= -p "$pid" 2>/dev/null) == *postgres* ]] &&
    echo "$pid"
}

start_local_postgres() {
  local pid
  if pid=$(postgres_pid); then
    PG_PORT=$(cat "$PG_HOME/port")
    echo "$pid" >"$PG_PIDFILE"
    info "PostgreSQL: the local server under $PG_HOME is already running on 127.0.0.1:$PG_PORT"
    return 0
  fi
  local version bin
  version=$(postgres_version)
  bin=$PG_HOME/server-$version/bin
  if [[ ! -x $bin/postgres ]]; then
    [[ -n $(postgres_archive) ]] || build_modules_quietly local-postgres
    local archive
    archive=$(postgres_archive)
    [[ -n $archive ]] || die "the local-postgres build produced no server archive under $ROOT/local-postgres/target"
    command -v xz >/dev/null 2>&1 || die "unpacking PostgreSQL needs xz (Debian: apt-get install xz-utils)"
    mkdir -p "$PG_HOME/server-$version"
    tar -xJf "$archive" -C "$PG_HOME/server-$version"
  fi
  local fresh=0
  if [[ ! -f $PG_HOME/data/PG_VERSION ]]; then
    fresh=1
    rm -rf "$PG_HOME/data"
    as_unprivileged "$bin/initdb" -D "$PG_HOME/data" -U postgres --auth=trust -E UTF8 --locale=C \
      >"$LOG_DIR/postgres-initdb.out" 2>&1 ||
      { cat "$LOG_DIR/postgres-initdb.out" >&2; die "initdb failed (output above)"; }
    # The test suite runs five services beside its own databases: the default of 100 connections is too few
    printf '%s\n' "max_connections = 300" "listen_addresses = '127.0.0.1'" "unix_socket_directories = ''" \
      >>"$PG_HOME/data/postgresql.conf"
  fi
  PG_PORT=$(remembered_port "$PG_HOME/port" 15432)
  if ! as_unprivileged "$bin/pg_ctl" -D "$PG_HOME/data" -l "$LOG_DIR/postgres.log" -o "-p $PG_PORT" -w -t 60 start \
       >"$LOG_DIR/postgres-start.out" 2>&1; then
    tail -n 20 "$LOG_DIR/postgres.log" >&2 || true
    die "the local PostgreSQL did not start (log: $LOG_DIR/postgres.log)"
  fi
  postgres_pid >"$PG_PIDFILE" || die "the local PostgreSQL started but its pid is unknown (log: $LOG_DIR/postgres.log)"
  STARTED_INFRA+=(postgres)
  local what='started'
  [[ $fresh -eq 1 ]] && what='created and started'
  info "PostgreSQL: nothing answers on 127.0.0.1:5432 and none is configured, so a local PostgreSQL $version was $what on 127.0.0.1:$PG_PORT (data in $PG_HOME/data)"
}

# stop_local_postgres: stops the server this launcher started (fast shutdown), and only that one
stop_local_postgres() {
  [[ -f $PG_PIDFILE ]] || return 0
  local pid
  if pid=$(postgres_pid); then stop_server postgres "$pid" INT; fi   # SIGINT: PostgreSQL's fast shutdown
  rm -f "$PG_PIDFILE"
}
