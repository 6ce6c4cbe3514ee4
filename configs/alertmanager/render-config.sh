#!/bin/sh
# Fills the ${NAME} placeholders of the Alertmanager template from the environment, refuses to start when one is
# unset (an empty webhook URL would silently drop every notification), then runs Alertmanager on the result.
# Usage (container entrypoint): render-config.sh TEMPLATE [alertmanager flags...]
set -eu
template=$1
shift
rendered=${ALERTMANAGER_RENDERED_CONFIG:-/tmp/alertmanager.yml}

# placeholders outside comment lines
for name in $(grep -v '^[[:space:]]*#' "$template" | grep -o '\${[A-Z_][A-Z0-9_]*}' | sort -u | tr -d '${}'); do
  eval "value=\${$name:-}"
  if [ -z "$value" ]; then
    echo "render-config: environment variable $name is not set" >&2
    exit 1
  fi
done

# awk reads the values from ENVIRON, so URLs containing & | / or \ are copied verbatim
awk '/^[[:space:]]*#/ { print; next }
{
  line = $0; out = ""
  while (match(line, /\$\{[A-Z_][A-Z0-9_]*\}/)) {
    out = out substr(line, 1, RSTART - 1) ENVIRON[substr(line, RSTART + 2, RLENGTH - 3)]
    line = substr(line, RSTART + RLENGTH)
  }
  print out line
}' "$template" > "$rendered"

exec "${ALERTMANAGER_BIN:-/bin/alertmanager}" --config.file="$rendered" "$@"
