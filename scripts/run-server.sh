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

"$SWIFT" build --product firebreak >&2
bin="$("$SWIFT" build --show-bin-path)/firebreak"
mkdir -p "$DATA_DIR"
options=(--config "$CONFIG" --data-dir "$DATA_DIR")

# The server keeps only hashes: a secret is printed once, when its token is created, and never again.
admin=$("$bin" token create "${options[@]}" --name make-run-admin --role admin --if-missing)
ingest=$("$bin" token create "${options[@]}" --name make-run-ingest --role ingest --if-missing)
if [[ -n "$admin$ingest" ]]; then
    echo "Created tokens (shown once; the server stores only their hashes):"
    if [[ -n "$admin" ]]; then echo "  admin:  $admin"; fi
    if [[ -n "$ingest" ]]; then echo "  ingest: $ingest"; fi
else
    echo "The make-run tokens exist from an earlier run (their secrets were shown then). For new ones:"
    echo "  $bin token create ${options[*]} --name NAME --role admin|responder|viewer|ingest"
fi

cat <<MSG

Firebreak on http://$LISTEN (Ctrl-C stops it). Post the example alert:

  curl -sS -H 'Authorization: Bearer ${ingest:-<ingest token>}' -H 'Content-Type: application/json' \\
       --data @examples/alertmanager-webhook.json http://$LISTEN/api/v1/alerts/alertmanager

and list incidents:

  curl -sS -H 'Authorization: Bearer ${admin:-<admin token>}' http://$LISTEN/api/v1/incidents

MSG
exec "$bin" serve "${options[@]}" --listen "$LISTEN"
