#!/bin/sh
# The shared PostgreSQL 15 cluster of the real apps (main, 127.0.0.1:5432 only).
#   postgres.sh start   starts it if it is not running, listening on loopback only
#   postgres.sh stop    stops it, but only if `start` started it (its PID is recorded), never
#                       a cluster someone else started
#   postgres.sh status
# Databases and roles belong to the app that made them: this script never drops any.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
STATE="$ROOT/.tmp/realapps/postgres"
mkdir -p "$STATE"
running() { pg_lsclusters -h 2>/dev/null | awk '$1=="15" && $2=="main" {print $4}' | grep -q online; }
case "${1:-status}" in
  start)
    if running; then echo "postgres 15/main already running"; exit 0; fi
    pg_ctlcluster 15 main start -o "-c listen_addresses=127.0.0.1"
    head -1 /var/lib/postgresql/15/main/postmaster.pid > "$STATE/started.pid"
    echo "postgres 15/main started (pid $(cat "$STATE/started.pid"))"
    ;;
  stop)
    if [ ! -f "$STATE/started.pid" ]; then echo "postgres 15/main was not started here: left running"; exit 0; fi
    pid=$(cat "$STATE/started.pid"); rm -f "$STATE/started.pid"
    if running && [ "$(head -1 /var/lib/postgresql/15/main/postmaster.pid)" = "$pid" ]; then
      pg_ctlcluster 15 main stop -m fast
      echo "postgres 15/main stopped"
    fi
    ;;
  status)
    if running; then echo online; else echo down; fi
    ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
