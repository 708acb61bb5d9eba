#!/usr/bin/env bash
# `grade --serve`'s round time beside a plain `grade`, for STUDENTS accounts
# on moto through the 50 ms delay proxy (--concurrency 16). Every third
# student has a mistake, so later rounds re-read only that third.
# Usage: bench/serve-latency.sh [LABCHECK_BINARY] [STUDENTS]
#   (default: target/release/labcheck, built if missing; 100 students)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/release/labcheck}
students=${2:-100}
[ -x "$bin" ] || cargo build --release --quiet
bin=$(realpath "$bin")
source bench/lib.sh

moto_port=$(free_port); proxy=$(free_port)
work=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; rm -rf "$work"' EXIT
start_moto "$moto_port"

echo "building $students student accounts in moto (every third with a mistake)…"
(cd tests/e2e && python3 workshop.py class "http://127.0.0.1:$moto_port" "$students" "$work/class.toml" 300000000000 wrong-partition-key 3)

python3 bench/delay_proxy.py "$proxy" "http://127.0.0.1:$moto_port" 0.05 "$work/proxy.log" & pids+=($!)
sleep 1
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION=ap-northeast-2 CI=1 LABCHECK_LANG=en

start=$(date +%s.%N)
"$bin" grade serverless --roster "$work/class.toml" --journal "$work/plain.jsonl" \
  --endpoint-url "http://127.0.0.1:$proxy" --concurrency 16 --output json >/dev/null || true
end=$(date +%s.%N)
echo "grade (no --serve):        $(python3 -c "print(f'{$end - $start:.1f}')") s for $students students"

"$bin" grade serverless --roster "$work/class.toml" --journal "$work/serve.jsonl" \
  --endpoint-url "http://127.0.0.1:$proxy" --concurrency 16 --serve 127.0.0.1:0 --every 1s \
  >/dev/null 2>"$work/serve.err" &
served=$!
pids+=($served)
for _ in $(seq 1 600); do grep -q "^round 3 " "$work/serve.err" && break; sleep 0.5; done
kill -INT "$served"; wait "$served" || true
grep "^round" "$work/serve.err" | head -3 | sed 's/^/grade --serve: /'
