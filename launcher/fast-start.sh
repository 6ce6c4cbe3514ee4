# shellcheck shell=bash
# Fast start for the launcher: each service runs from its extracted jar (classes on the plain class path instead of
# nested jars, which the JVM can cache) with a JDK 25 AOT cache (JEP 483/514/515: classes loaded and linked,
# method profiles) made once per build by a training run that stops right after the Spring context refreshed.
# Sourced by ./secureconnect. SC_FAST_START=off runs the fat jars as they are.

# Both live beside the jar they come from (<module>/target/fast-start/), as part of the build: every data folder run
# from this checkout shares them, and `./mvnw clean` removes them with the jar.
FAST_START=${SC_FAST_START:-on}

fast_start_on() { [[ $FAST_START != off && $FAST_START != false && $FAST_START != 0 ]]; }

fast_start_dir_of() { echo "$ROOT/$1/target/fast-start"; }

extracted_jar_of() { echo "$(fast_start_dir_of "$1")/app/$1.jar"; }

# aot_cache_of SERVICE: the cache file; its name carries a digest of the JVM options, since a cache made with other
# options (another GC, another heap) is refused by the JVM
aot_cache_of() {
  local digest
  digest=$(printf '%s' "$JAVA_OPTS_STRING" | cksum | cut -d' ' -f1)
  echo "$(fast_start_dir_of "$1")/$1-$digest.aot"
}

# run_jar_of SERVICE: the jar the service runs from
run_jar_of() {
  if fast_start_on; then extracted_jar_of "$1"; else jar_of "$1"; fi
}

# cache_options_of SERVICE: the JVM options that use the service's AOT cache, when there is one
cache_options_of() {
  local cache
  cache=$(aot_cache_of "$1")
  if fast_start_on && [[ -f $cache ]]; then echo "-XX:AOTCache=$cache"; fi
}

# prepare_fast_start SERVICE...: extracts what was rebuilt, then makes the missing caches, all training runs at once.
# A training run that fails costs speed, not correctness: the service then starts without a cache.
prepare_fast_start() {
  fast_start_on || return 0
  local svc jar extracted dir
  local -a train=()
  for svc in "$@"; do
    jar=$(jar_of "$svc")
    extracted=$(extracted_jar_of "$svc")
    dir=$(fast_start_dir_of "$svc")
    if [[ ! -f $extracted || $jar -nt $extracted ]]; then
      rm -rf "$dir"
      mkdir -p "$dir"
      "$JAVA" -Djarmode=tools -jar "$jar" extract --destination "$dir/app" >"$LOG_DIR/$svc-extract.out" 2>&1 ||
        { cat "$LOG_DIR/$svc-extract.out" >&2; die "could not extract $jar"; }
      touch "$extracted"              # newer than the jar it came from, so the next start sees it is current
    fi
    [[ -f $(aot_cache_of "$svc") ]] || train+=("$svc")
  done
  [[ ${#train[@]} -gt 0 ]] || return 0

  info "Preparing the start-up caches of ${train[*]} (once per build; a training run each)..."
  local start pids=() out cache
  start=$(now_ms)
  for svc in "${train[@]}"; do
    cache=$(aot_cache_of "$svc")
    out=$LOG_DIR/$svc-training.out
    (
      service_environment "$svc"
      export SERVER_PORT=0    # the context stops before the web server starts; a free port in case it does
      exec "$JAVA" "${JAVA_OPTS[@]}" -XX:AOTCacheOutput="$cache" -Dspring.context.exit=onRefresh \
        -jar "$(extracted_jar_of "$svc")" </dev/null >"$out" 2>&1
    ) &
    pids+=($!)
  done
  local i failed=()
  for i in "${!train[@]}"; do
    if ! wait "${pids[$i]}" || [[ ! -f $(aot_cache_of "${train[$i]}") ]]; then
      failed+=("${train[$i]}")
      rm -f "$(aot_cache_of "${train[$i]}")"
    fi
  done
  if [[ ${#failed[@]} -gt 0 ]]; then
    warn "no start-up cache for ${failed[*]} (see $LOG_DIR/<service>-training.out): they start without one"
  fi
  ok "Start-up caches ready in $(fmt_secs $(($(now_ms) - start))) s"
}
