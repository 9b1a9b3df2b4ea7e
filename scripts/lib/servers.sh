# Shell functions that start Firebreak and Alertmanager on 127.0.0.1 for the proof scripts
# (bench/ingest.sh, scripts/fuzz-api.sh). Source it; every function dies with a message that says
# what to look at. Callers kill what they started (`stop_pid`), also on failure, with a trap.

servers_die() {
    printf '%s: %s\n' "${0##*/}" "$*" >&2
    exit 1
}

# A TCP port that was free on 127.0.0.1 a moment ago.
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# The firebreak executable: $FIREBREAK, else the one `swift build` (CONFIGURATION: debug or
# release) left in .build.
firebreak_binary() {
    local configuration=${1:-debug}
    if [[ -n ${FIREBREAK:-} ]]; then
        printf '%s\n' "$FIREBREAK"
    else
        printf '%s/firebreak\n' "$("${SWIFT:-swift}" build -c "$configuration" --show-bin-path)"
    fi
}

# wait_for_http URL SECONDS PID: waits until URL answers 2xx, while PID lives.
wait_for_http() {
    local url=$1 seconds=$2 pid=$3 deadline=$((SECONDS + $2))
    while ((SECONDS < deadline)); do
        curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null && return 0
        kill -0 "$pid" 2>/dev/null || return 1
        sleep 0.2
    done
    return 1
}

# start_firebreak BINARY DATA_DIR PORT LOG [serve options…]: starts `firebreak serve` with the example
# config, sets FIREBREAK_PID and waits until /health/ready answers.
start_firebreak() {
    local binary=$1 data_dir=$2 port=$3 log=$4
    shift 4
    "$binary" serve --config "${FIREBREAK_CONFIG:-examples/firebreak.yml}" --data-dir "$data_dir" \
        --listen "127.0.0.1:$port" "$@" >"$log" 2>&1 &
    FIREBREAK_PID=$!
    wait_for_http "http://127.0.0.1:$port/health/ready" 60 "$FIREBREAK_PID" ||
        servers_die "firebreak serve did not become ready on port $port; see $log."
}

# start_alertmanager CONFIG DIR PORT LOG: starts Debian's prometheus-alertmanager (gossip off,
# storage in DIR), sets ALERTMANAGER_PID and waits until it is ready.
start_alertmanager() {
    local config=$1 dir=$2 port=$3 log=$4
    command -v prometheus-alertmanager >/dev/null ||
        servers_die "prometheus-alertmanager is not installed; run scripts/install-deps.sh."
    prometheus-alertmanager --config.file="$config" --storage.path="$dir" \
        --web.listen-address="127.0.0.1:$port" --cluster.listen-address= >"$log" 2>&1 &
    ALERTMANAGER_PID=$!
    wait_for_http "http://127.0.0.1:$port/-/ready" 30 "$ALERTMANAGER_PID" ||
        servers_die "Alertmanager did not become ready on port $port; see $log."
}

# Kills PID (TERM, then KILL after 10 s) and reaps it; quiet when it is already gone.
stop_pid() {
    local pid=$1
    [[ -n $pid ]] || return 0
    kill "$pid" 2>/dev/null || return 0
    for _ in $(seq 50); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.2
    done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}
