#!/bin/bash
# healthcheck [PATH]: succeeds when the service in this container answers PATH (default /health/readiness) with
# HTTP 200 on its management port ($MANAGEMENT_SERVER_PORT), or on $SERVER_PORT when management shares it.
# Plain bash (/dev/tcp), so the runtime image needs neither curl nor wget.
path=${1:-/health/readiness}
port=${MANAGEMENT_SERVER_PORT:-${SERVER_PORT:?SERVER_PORT is not set}}
exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
printf 'GET %s HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$path" >&3
IFS= read -r -t 5 status <&3 || exit 1
[[ $status == HTTP/1.?" 200"* ]]
