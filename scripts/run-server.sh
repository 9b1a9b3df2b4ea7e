#!/usr/bin/env bash
# `make run`: builds firebreak, creates an admin and an ingest token the first time (printed once),
# and starts `firebreak serve` on 127.0.0.1 with the example runbooks and SQLite in .firebreak/.
#
#   scripts/run-server.sh                 # listen on 127.0.0.1:8080
#   LISTEN=127.0.0.1:9090 scripts/run-server.sh
set -euo pipefail

cd "$(dirname "$0")/.."
SWIFT=${SWIFT:-swift}
LISTEN=${LISTEN:-127.0.0.1:8080}
CONFIG=examples/firebreak.yml
DATA_DIR=.firebreak
TOKENS="$DATA_DIR/run-tokens.txt"

"$SWIFT" build --product firebreak >&2
bin="$("$SWIFT" build --show-bin-path)/firebreak"
mkdir -p "$DATA_DIR"
options=(--config "$CONFIG" --data-dir "$DATA_DIR")

# The secrets are shown once; keep them for this checkout's later `make run`s (git ignores .firebreak/).
admin=$("$bin" token create "${options[@]}" --name make-run-admin --role admin --if-missing)
ingest=$("$bin" token create "${options[@]}" --name make-run-ingest --role ingest --if-missing)
if [[ -n "$admin$ingest" ]]; then
    umask 077
    printf 'admin %s\ningest %s\n' "$admin" "$ingest" >"$TOKENS"
    echo "Created tokens (shown once, also saved in $TOKENS):"
    echo "  admin:  $admin"
    echo "  ingest: $ingest"
fi
[[ -z "$ingest" && -f "$TOKENS" ]] && ingest=$(awk '$1 == "ingest" {print $2}' "$TOKENS")
[[ -z "$admin" && -f "$TOKENS" ]] && admin=$(awk '$1 == "admin" {print $2}' "$TOKENS")

cat <<MSG

Firebreak on http://$LISTEN (Ctrl-C stops it). Post the example alert:

  curl -sS -H 'Authorization: Bearer ${ingest:-<ingest token>}' -H 'Content-Type: application/json' \\
       --data @examples/alertmanager-webhook.json http://$LISTEN/api/v1/alerts/alertmanager

and list incidents:

  curl -sS -H 'Authorization: Bearer ${admin:-<admin token>}' http://$LISTEN/api/v1/incidents

MSG
exec "$bin" serve "${options[@]}" --listen "$LISTEN"
