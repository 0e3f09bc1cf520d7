#!/usr/bin/env bash
# Ends what start.sh started (nginx, sogod, Dovecot, memcached), by the PIDs it recorded. The shared
# PostgreSQL cluster is left running: others use it.
set -uo pipefail
STATE="${TIEOUT_REALAPPS_STATE:-/var/tmp/tieout-realapps}/sogo"

stop_pid() {
  local name=$1 file="$STATE/run/$1.pid"
  [ -f "$file" ] || return 0
  local pid
  pid=$(cat "$file")
  if kill -0 "$pid" 2>/dev/null; then
    # sogod's watchdog takes ~25 s to reap its workers after TERM: its direct children get KILL
    # after 3 s, as the master does.
    local children
    children=$(pgrep -P "$pid" 2>/dev/null || true)
    kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
      kill -KILL "$pid" 2>/dev/null
    fi
    for c in $children; do kill -KILL "$c" 2>/dev/null; done
    echo "sogo: stopped $name ($pid)" >&2
  fi
  rm -f "$file"
}

stop_pid nginx
stop_pid sogod
stop_pid dovecot
stop_pid memcached
exit 0
