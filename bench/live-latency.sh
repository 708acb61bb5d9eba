#!/usr/bin/env bash
# How much reading the account concurrently saves when every AWS call costs
# 50 ms of distance: moto on 127.0.0.1 with the complete workshop, behind a
# proxy that adds 50 ms to each request, once concurrent and once one request
# at a time. Goals: at most 1.5 x (longest chain x 50 ms), and at least 4x
# faster than the same calls one after another.
# Usage: bench/live-latency.sh [RUNS]   (needs python3; installs moto, hyperfine)
#        LABCHECK_BIN=/path/to/labcheck bench/live-latency.sh   (another build,
#        to compare two commits on one machine at one time)
#        LAB=sns-notify bench/live-latency.sh   (another lab: its complete state,
#        built by the lab's e2e script)
#        COMPARE=/path/to/other/labcheck bench/live-latency.sh   (also time that
#        build, concurrent, in the same hyperfine run against the same moto)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
lab=${LAB:-serverless}
extra=()
case "$lab" in
  serverless) builder=workshop ;;
  serverless-backend) builder=backend ;;
  sns-notify) builder=sns_notify ;;
  vpc-s3-endpoint) builder=vpc_s3_endpoint ;;
  alb-autoscaling) builder=alb_autoscaling
    extra=(--set "domain=$(cd tests/e2e && python3 -c 'import alb_autoscaling; print(alb_autoscaling.DOMAIN)')") ;;
  *) echo "no e2e builder for lab $lab" >&2; exit 2 ;;
esac
source bench/lib.sh
command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine; }
if [ -n "${LABCHECK_BIN:-}" ]; then
  bin=$(realpath "$LABCHECK_BIN")
else
  cargo build --release --quiet
  bin=$PWD/target/release/labcheck
fi

moto_port=$(free_port); near=$(free_port); far=$(free_port)
work=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; rm -rf "$work"' EXIT
start_moto "$moto_port"
(cd tests/e2e && python3 -c "import $builder; $builder.build('http://127.0.0.1:$moto_port')")

python3 bench/delay_proxy.py "$near" "http://127.0.0.1:$moto_port" 0.05 "$work/concurrent.log" & pids+=($!)
python3 bench/delay_proxy.py "$far" "http://127.0.0.1:$moto_port" 0.05 "$work/serial.log" --serial & pids+=($!)
sleep 1

export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION=ap-northeast-2
cmd() { echo "$bin verify $lab --endpoint-url http://127.0.0.1:$1 --output json ${extra[*]}"; }
compare=()
if [ -n "${COMPARE:-}" ]; then
  compare=(-n compare "$(realpath "$COMPARE") $(cmd "$near" | cut -d' ' -f2-)")
fi
hyperfine --warmup 1 --runs "$runs" -N --export-json "$work/times.json" \
  -n concurrent "$(cmd "$near")" "${compare[@]}" -n one-at-a-time "$(cmd "$far")"

# One more run of each, alone, to count calls and measure the chain.
: >"$work/concurrent.log"; : >"$work/serial.log"
$(cmd "$near") --verbose >/dev/null 2>"$work/calls.txt" || true
$(cmd "$far") >/dev/null || true
echo "concurrent run: $(python3 bench/chain.py "$work/concurrent.log")"
echo "serial run:     $(python3 bench/chain.py "$work/serial.log")"
head -1 "$work/calls.txt"
python3 - "$work/times.json" "$work/concurrent.log" <<'PY'
import json, subprocess, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
concurrent, serial = results["concurrent"]["median"], results["one-at-a-time"]["median"]
chain = int(subprocess.check_output(["python3", "bench/chain.py", sys.argv[2]], text=True).split()[-1])
bound = 1.5 * chain * 0.05
print(f"median concurrent {concurrent*1000:.0f} ms, one at a time {serial*1000:.0f} ms: {serial/concurrent:.1f}x faster")
print(f"longest chain {chain} calls -> bound 1.5 x {chain} x 50 ms = {bound*1000:.0f} ms: {'met' if concurrent <= bound else 'MISSED'}")
print(f"speed-up goal 4x: {'met' if serial / concurrent >= 4 else 'MISSED'}")
if "compare" in results:
    other = results["compare"]["median"]
    print(f"COMPARE build, concurrent: median {other*1000:.0f} ms ({(other/concurrent-1)*100:+.1f}% against this build)")
PY
