#!/usr/bin/env bash
# Load on `par-index serve`: `POST /v1/score` of the bundled sample at 1, 16 and 64
# connections (wrk, from Debian), each for a few seconds; requests per second, p50 and p99,
# errors, the server's peak RSS; beside the in-process cost of the same work (read + score +
# write JSON, examples/inprocess.rs) measured in the same run, and the ceiling it gives
# (cores ÷ in-process cost). Not part of CI: a measurement, not a test.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)" >&2; exit 2; }
seconds=${LOAD_SECONDS:-10}
cargo build -q --release
cargo build -q --release --example inprocess
log=$(mktemp)
target/release/par-index serve --listen 127.0.0.1:0 2>"$log" &
server=$!
lua=$(mktemp --suffix=.lua)
trap 'kill $server 2>/dev/null || true; rm -f "$log" "$lua"' EXIT
for _ in $(seq 100); do grep -q "serving on" "$log" && break; sleep 0.1; done
url=$(sed -n 's/.*serving on \(http:[^ ]*\).*/\1/p' "$log" | head -1)
cat >"$lua" <<'LUA'
wrk.method = "POST"
wrk.headers["content-type"] = "application/json"
local f = io.open("examples/data/xa-dong-tam.json", "rb")
wrk.body = f:read("*a")
f:close()
done = function(summary, latency, requests)
  io.write(string.format("RESULT %.0f %.2f %.2f %d %d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
LUA
cores=$(nproc)
inproc=$(target/release/examples/inprocess 3000 | grep -o '[0-9]* µs' | grep -o '[0-9]*')
ceiling=$(( cores * 1000000 / inproc ))
echo "in-process read + score + JSON: ${inproc} µs per request; ceiling on ${cores} cores: ${ceiling} requests/s"
printf "%-12s %10s %10s %10s %8s\n" connections "req/s" "p50 ms" "p99 ms" errors
for c in 1 16 64; do
    threads=$(( c < 2 ? 1 : 2 ))
    line=$(wrk -t"$threads" -c"$c" -d"${seconds}s" --latency -s "$lua" "$url/v1/score" | grep '^RESULT')
    read -r _ rps p50 p99 errs non2xx <<<"$line"
    printf "%-12s %10s %10s %10s %8s\n" "$c" "$rps" "$p50" "$p99" "$((errs + non2xx))"
done
rss=$(grep VmHWM /proc/$server/status | awk '{print $2}')
echo "server peak RSS: $(( rss / 1024 )) MB"
