#!/usr/bin/env bash
# schemathesis (PyPI) against `par-index serve` and its own /openapi.json, for a bounded time:
# no 5xx, every answer in its declared schema and media type, a problem for every bad request.
#
# Two checks do not apply, for reasons of the API, not of the tool:
# - positive_data_acceptance: a body of the right shape may rightly be refused (400 with its
#   problems): the schemas give the shape; the library also checks the meaning (a
#   submission's answers must be its methodology's items and measures; a scorecard must be one
#   the engine wrote).
# - negative_data_rejection, for /v1/validate and /v1/verify only: they answer 200 for a bad
#   submission or a tampered scorecard by design; the verdict is the answer.
# The coverage phase is left out: schemathesis 4.32 fails inside its own coverage walker on
# these schemas (a Python SystemError), before any request is sent.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${PAR_INDEX_BIN:-target/debug/par-index}
venv=${SCHEMATHESIS_VENV:-target/schemathesis-venv}
[ -x "$venv/bin/schemathesis" ] || { python3 -m venv "$venv" && "$venv/bin/pip" install -q schemathesis; }
log=$(mktemp)
"$bin" serve --listen 127.0.0.1:0 2>"$log" &
server=$!
trap 'kill $server 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 100); do grep -q "serving on" "$log" && break; sleep 0.1; done
url=$(sed -n 's/.*serving on \(http:[^ ]*\).*/\1/p' "$log" | head -1)
[ -n "$url" ] || { cat "$log"; echo "the server did not start" >&2; exit 1; }
common=(--checks all --phases examples,fuzzing,stateful -w 2 --request-timeout 30 --seed 1)
"$venv/bin/schemathesis" run "$url/openapi.json" "${common[@]}" -n 25 --max-time "${ST_TIME:-90}" \
    --exclude-checks positive_data_acceptance --exclude-path-regex '^/v1/(validate|verify)$'
"$venv/bin/schemathesis" run "$url/openapi.json" "${common[@]}" -n 25 --max-time "${ST_TIME_VERDICTS:-45}" \
    --exclude-checks positive_data_acceptance,negative_data_rejection --include-path-regex '^/v1/(validate|verify)$'
# No input may give a 500 (a 503 is the declared answer of a full server): the log is the witness.
if grep -q "status=500" "$log"; then grep "status=500" "$log" | head; echo "a 500 answer" >&2; exit 1; fi
echo "schemathesis: no failures, no 500"
