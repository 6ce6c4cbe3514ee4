# shellcheck shell=bash
# Redis for the launcher: the configured server, the one on 127.0.0.1:6379, a private redis-server it starts
# itself, or none (the services then run in degraded mode). Sourced by ./secureconnect; sets REDIS_URL.

REDIS_HOME=$DATA_DIR/redis              # the append-only file and the remembered port
REDIS_PIDFILE=$RUN_DIR/redis.pid        # present while a redis-server this launcher started runs
DEFAULT_REDIS_URL=redis://127.0.0.1:6379

# redis_answers URL: true when a Redis server answers PING there
redis_answers() {
  local url=$1 hostport host port
  hostport=${url#*://}
  hostport=${hostport##*@}
  hostport=${hostport%%/*}
  host=${hostport%:*}
  port=6379
  [[ $hostport == *:* ]] && port=${hostport##*:}
  [[ $hostport == *:* ]] || host=$hostport
  if command -v redis-cli >/dev/null 2>&1 && command -v timeout >/dev/null 2>&1 && [[ $url == redis://* ]]; then
    [[ -n $(timeout 3 redis-cli -h "$host" -p "$port" ping 2>/dev/null) ]]
  else
    tcp_open "$host" "$port"
  fi
}

redis_pid() {
  local pid
  [[ -f $REDIS_PIDFILE ]] || return 1
  pid=$(tr -dc '0-9' <"$REDIS_PIDFILE")
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null && [[ $(ps -o args= -p "$pid" 2>/dev/null) == *redis-server* ]] &&
    echo "$pid"
}

# ensure_redis: sets REDIS_URL. Redis is optional: a configured one that does not answer, or no redis-server to
# start, means degraded mode, said in one line.
ensure_redis() {
  if [[ -n ${SC_REDIS_URL:-} ]]; then
    REDIS_URL=$SC_REDIS_URL
    redis_answers "$REDIS_URL" ||
      warn "Redis: nothing answers at $REDIS_URL (SC_REDIS_URL): the services start in degraded mode (rate limits in memory, presence/typing off)"
    return 0
  fi
  REDIS_URL=$DEFAULT_REDIS_URL
  redis_answers "$REDIS_URL" && return 0
  if ! command -v redis-server >/dev/null 2>&1; then
    warn "Redis: nothing answers on 127.0.0.1:6379 and redis-server is not installed: the services start in degraded mode (rate limits in memory, presence/typing off)"
    return 0
  fi
  start_private_redis
  REDIS_URL=redis://127.0.0.1:$REDIS_PORT
}

start_private_redis() {
  local pid
  mkdir -p "$REDIS_HOME"
  if pid=$(redis_pid); then
    REDIS_PORT=$(cat "$REDIS_HOME/port")
    info "Redis: the private redis-server under $REDIS_HOME is already running on 127.0.0.1:$REDIS_PORT"
    return 0
  fi
  REDIS_PORT=$(remembered_port "$REDIS_HOME/port" 16379)
  # AOF on, so what the services keep in Redis survives down/up like the database does
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$REDIS_HOME" --appendonly yes --save '' \
    --daemonize yes --pidfile "$REDIS_PIDFILE" --logfile "$LOG_DIR/redis.log" >/dev/null ||
    die "redis-server did not start (log: $LOG_DIR/redis.log)"
  local i
  for i in $(seq 1 50); do
    redis_answers "redis://127.0.0.1:$REDIS_PORT" && break
    sleep 0.1
  done
  STARTED_INFRA+=(redis)
  redis_answers "redis://127.0.0.1:$REDIS_PORT" || die "the private redis-server does not answer (log: $LOG_DIR/redis.log)"
  info "Redis: nothing answers on 127.0.0.1:6379, so a private redis-server was started on 127.0.0.1:$REDIS_PORT (data in $REDIS_HOME)"
}

# stop_private_redis: stops the redis-server this launcher started, and only that one
stop_private_redis() {
  local pid
  if pid=$(redis_pid); then stop_server redis "$pid" TERM; fi
  rm -f "$REDIS_PIDFILE"
}
