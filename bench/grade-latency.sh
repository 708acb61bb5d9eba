#!/usr/bin/env bash
# Grading 100 students on moto through the 50 ms delay proxy, at
# --concurrency 1 and 16. Goal: 16 at least 8 times faster than 1, unless
# moto's own CPU is the limit; then within 1.3 times of moto's capacity
# (calls per second, measured by a raw load test in the same run).
# Usage: bench/grade-latency.sh [STUDENTS]   (needs python3; installs moto)
set -euo pipefail
cd "$(dirname "$0")/.."
students=${1:-100}
source bench/lib.sh
cargo build --release --quiet
bin=$PWD/target/release/labcheck

moto_port=$(free_port); proxy=$(free_port)
work=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; rm -rf "$work"' EXIT
start_moto "$moto_port"

echo "building $students student accounts in moto…"
(cd tests/e2e && python3 workshop.py class "http://127.0.0.1:$moto_port" "$students" "$work/class.toml" 200000000000)

echo "raw load test of moto (10 s, 4 processes x 4 threads)…"
capacity=$(python3 bench/moto_load.py "http://127.0.0.1:$moto_port" 10 4 4 | awk '{print $2}')

python3 bench/delay_proxy.py "$proxy" "http://127.0.0.1:$moto_port" 0.05 "$work/proxy.log" & pids+=($!)
sleep 1
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION=ap-northeast-2 CI=1
run() {
  : >"$work/proxy.log"
  local start end
  start=$(date +%s.%N)
  "$bin" grade serverless --roster "$work/class.toml" --journal "$work/j$1.jsonl" \
    --endpoint-url "http://127.0.0.1:$proxy" --concurrency "$1" --output json >"$work/book$1.json" || true
  end=$(date +%s.%N)
  echo "$1 $(python3 -c "print($end - $start)") $(wc -l <"$work/proxy.log")"
}
one=$(run 1); sixteen=$(run 16)
python3 - "$one" "$sixteen" "$capacity" "$students" "$work/book16.json" <<'PY'
import json, sys
(_, t1, c1), (_, t16, c16) = (a.split() for a in sys.argv[1:3])
t1, t16, calls = float(t1), float(t16), int(c16)
capacity, n = float(sys.argv[3]), int(sys.argv[4])
graded = sum(1 for s in json.load(open(sys.argv[5]))["students"] if s["status"] == "graded")
print(f"--concurrency 1:  {t1:.1f} s, {n / t1:.2f} students/s")
print(f"--concurrency 16: {t16:.1f} s, {n / t16:.2f} students/s ({graded}/{n} graded, {calls} calls, {calls / t16:.0f} calls/s)")
print(f"speed-up {t1 / t16:.1f}x (goal 8x)")
print(f"moto's raw capacity: {capacity:.0f} calls/s")
if t1 / t16 >= 8:
    print("bound: latency; the 8x goal is met")
else:
    limit = calls / capacity
    print(f"bound: moto's CPU; at capacity the calls take {limit:.1f} s, the run took {t16:.1f} s "
          f"= {t16 / limit:.2f}x capacity (goal within 1.3x): {'met' if t16 <= 1.3 * limit else 'MISSED'}")
PY
