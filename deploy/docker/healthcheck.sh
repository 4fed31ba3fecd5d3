#!/usr/bin/env bash
# Docker HEALTHCHECK of a Loupe service: exit 0 when GET /q/health/ready answers 200. Bash's /dev/tcp,
# so that the image needs no curl.
set -euo pipefail
port="${QUARKUS_HTTP_PORT:-8080}"
exec 3<>"/dev/tcp/127.0.0.1/${port}"
printf 'GET /q/health/ready HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
read -r -t 4 _ status _ <&3
[[ "${status}" == 200 ]]
