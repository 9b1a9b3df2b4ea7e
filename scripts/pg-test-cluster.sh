#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests: data, socket and log inside DIR, listening on
# 127.0.0.1 only, on a free port, trust authentication for the `firebreak` user.
#
#   scripts/pg-test-cluster.sh start DIR       # initdb when needed, start, print the URL
#   scripts/pg-test-cluster.sh start DIR PID   # the same, and stop it and delete DIR once PID is gone
#   scripts/pg-test-cluster.sh url DIR         # print the URL of the running cluster
#   scripts/pg-test-cluster.sh stop DIR        # stop it (DIR stays; delete it yourself)
#
# A test process that crashes cannot stop its cluster; with PID (the test process's), a watcher
# does it, so no server outlives the tests that started it.
#
# When run as root, the server runs as the `postgres` user (initdb refuses root) and DIR is
# handed to that user. Set PG_BIN to use other binaries than Debian's PostgreSQL 15.
set -euo pipefail

die() {
    printf 'pg-test-cluster: %s\n' "$*" >&2
    exit 1
}

(($# == 2 || $# == 3)) || die "usage: $0 start|stop|url DIR [OWNER_PID]"
action=$1
dir=$2
owner=${3:-}
[[ -z $owner || $owner =~ ^[1-9][0-9]*$ ]] || die "OWNER_PID must be a process id, got '$owner'."
pg_bin=${PG_BIN:-}
if [[ -z $pg_bin ]]; then
    for candidate in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
        [[ -x $candidate/pg_ctl ]] && { pg_bin=$candidate; break; }
    done
fi
[[ -n $pg_bin && -x $pg_bin/pg_ctl ]] ||
    die "PostgreSQL server binaries not found (looked in /usr/lib/postgresql/15/bin); run scripts/install-deps.sh or set PG_BIN."

as_owner() {
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

url() {
    [[ -f $dir/port ]] || die "no cluster was started in $dir; run '$0 start $dir' first."
    printf 'postgres://firebreak@127.0.0.1:%s/postgres?sslmode=disable\n' "$(cat "$dir/port")"
}

start() {
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    if [[ $(id -u) -eq 0 ]]; then chown postgres: "$dir"; fi
    if [[ ! -f $dir/data/PG_VERSION ]]; then
        as_owner "$pg_bin/initdb" -D "$dir/data" -U firebreak --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
            >"$dir/initdb.log" 2>&1 || die "initdb failed; see $dir/initdb.log:
$(tail -20 "$dir/initdb.log")"
    fi
    mkdir -p "$dir/socket"
    if [[ $(id -u) -eq 0 ]]; then chown postgres: "$dir/socket"; fi
    local attempt port
    for attempt in 1 2 3 4 5; do
        port=$(free_port)
        if as_owner "$pg_bin/pg_ctl" start -w -t 60 -D "$dir/data" -l "$dir/server.log" \
            -o "-c listen_addresses=127.0.0.1 -p $port -k $dir/socket -c fsync=on -c max_connections=100" \
            >"$dir/pg_ctl.log" 2>&1; then
            printf '%s\n' "$port" >"$dir/port"
            [[ -z $owner ]] || watch_owner
            url
            return 0
        fi
    done
    die "the server did not start after $attempt attempts; see $dir/server.log:
$(tail -20 "$dir/server.log" 2>/dev/null)"
}

# Starts a detached watcher that stops the cluster and deletes DIR once $owner has exited.
watch_owner() {
    local script
    script=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")
    # shellcheck disable=SC2016 # the inner script expands its own arguments
    setsid bash -c 'while kill -0 "$1" 2>/dev/null; do sleep 1; done; "$2" stop "$3"; rm -rf "$3"' \
        watch "$owner" "$script" "$dir" </dev/null >/dev/null 2>&1 &
}

stop() {
    [[ -f $dir/data/PG_VERSION ]] || return 0
    as_owner "$pg_bin/pg_ctl" stop -w -t 60 -m fast -D "$dir/data" >"$dir/pg_ctl-stop.log" 2>&1 || true
    rm -f "$dir/port"
}

case $action in
start) start ;;
stop) stop ;;
url) url ;;
*) die "unknown action '$action'; use start, stop or url." ;;
esac
