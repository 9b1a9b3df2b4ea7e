#!/usr/bin/env bash
# Fuzzes Firebreak's HTTP API with schemathesis against the server's own /openapi.json: every
# operation with an admin token, then the ingest operations again with an ingest token. Checks: no
# 5xx (not_a_server_error), and no status code, content type or body that the document does not
# describe (status_code_conformance, content_type_conformance, response_schema_conformance).
# Exits non-zero on any finding; schemathesis prints each with a curl line that reproduces it.
#
# schemathesis (pinned, PyPI) lives in a virtualenv under .venv, created on the first run. One worker:
# with several threads, Python 3.11 can fail inside hypothesis ("AST constructor recursion depth
# mismatch"), a runtime error of the tool rather than a finding.
#
#   scripts/fuzz-api.sh                      # 50 examples per operation and phase
#   MAX_EXAMPLES=200 scripts/fuzz-api.sh     # more
#   FUZZ_SEED=1234 scripts/fuzz-api.sh       # replay a run (the seed is printed)
#   FIREBREAK=.build/release/firebreak scripts/fuzz-api.sh
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
# shellcheck source=lib/servers.sh
source scripts/lib/servers.sh

version=${SCHEMATHESIS_VERSION:-4.32.5}
max_examples=${MAX_EXAMPLES:-50}
seed=${FUZZ_SEED:-$RANDOM$RANDOM}
venv=$root/.venv
[[ $max_examples =~ ^[1-9][0-9]*$ ]] || servers_die "MAX_EXAMPLES must be a positive number, got '$max_examples'."
[[ $seed =~ ^[0-9]+$ ]] || servers_die "FUZZ_SEED must be a number, got '$seed'."

if ! "$venv/bin/schemathesis" --version 2>/dev/null | grep -qF "$version"; then
    printf 'fuzz-api: installing schemathesis==%s into %s\n' "$version" "$venv"
    python3 -m venv "$venv" || servers_die "python3 -m venv failed; install python3-venv."
    "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$version" ||
        servers_die "pip could not install schemathesis==$version; set SCHEMATHESIS_VERSION to another release."
fi

binary=$(firebreak_binary debug)
[[ -x $binary ]] || servers_die "no executable at $binary; run swift build first."
work=$(mktemp -d "${TMPDIR:-/tmp}/firebreak-fuzz.XXXXXX")
FIREBREAK_PID=
cleanup() {
    stop_pid "$FIREBREAK_PID"
    rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/data"
admin=$("$binary" token create --name fuzz-admin --role admin --data-dir "$work/data" | tail -n 1)
ingest=$("$binary" token create --name fuzz-ingest --role ingest --data-dir "$work/data" | tail -n 1)
port=$(free_port)
start_firebreak "$binary" "$work/data" "$port" "$work/firebreak.log"
# One incident (id 1), so that the operations on /api/v1/incidents/{id} reach more than a 404.
curl -fsS -o /dev/null -H "Authorization: Bearer $ingest" -H 'Content-Type: application/json' \
    --data @examples/alertmanager-webhook.json "http://127.0.0.1:$port/api/v1/alerts/alertmanager" ||
    servers_die "posting examples/alertmanager-webhook.json failed; see $work/firebreak.log."

# run LABEL TOKEN [schemathesis filters…]
run() {
    local label=$1 token=$2
    shift 2
    echo "fuzz-api: $label (seed $seed, $max_examples examples per operation)"
    # From the scratch directory: schemathesis keeps a cache in the current directory.
    (cd "$work" && "$venv/bin/schemathesis" run "http://127.0.0.1:$port/openapi.json" \
        --header "Authorization: Bearer $token" \
        --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
        --phases examples,coverage,fuzzing --max-examples "$max_examples" --seed "$seed" --workers 1 \
        --generation-database none --request-timeout 20 --no-color --report-dir "$work/report" "$@")
}

# Revoking tokens comes last: the fuzzer picks small ids, and these tokens are ids 1 and 2.
status=0
run "every operation as admin, but revoking tokens" "$admin" --exclude-path '/api/v1/tokens/{id}' || status=1
run "ingest operations with an ingest token" "$ingest" \
    --include-path-regex '^/(api/v1/alerts/|v2/enqueue)' || status=1
run "revoking tokens as admin" "$admin" --include-path '/api/v1/tokens/{id}' || status=1
if ! kill -0 "$FIREBREAK_PID" 2>/dev/null; then
    tail -n 50 "$work/firebreak.log" >&2
    servers_die "the server died during the fuzzing (last log lines above)."
fi
exit "$status"
