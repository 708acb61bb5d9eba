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
python3 -c 'import moto.server, boto3' 2>/dev/null || python3 -m pip install --quiet 'moto[server]' boto3

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
moto_port=$(free_port); proxy=$(free_port)
work=$(mktemp -d)
MOTO_IAM_LOAD_MANAGED_POLICIES=true python3 -m moto.server -H 127.0.0.1 -p "$moto_port" >"$work/moto.log" 2>&1 &
pids=($!)
trap 'kill "${pids[@]}" 2>/dev/null || true; rm -rf "$work"' EXIT
until python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$moto_port/moto-api/', timeout=1)" 2>/dev/null; do sleep 0.2; done

echo "building $students student accounts in moto…"
(cd tests/e2e && python3 - "http://127.0.0.1:$moto_port" "$students" "$work/class.toml" <<'PY'
import json, sys
import boto3, workshop
endpoint, n, roster = sys.argv[1], int(sys.argv[2]), sys.argv[3]
sts = boto3.client("sts", region_name=workshop.REGION, endpoint_url=endpoint,
                   aws_access_key_id="testing", aws_secret_access_key="testing")
lines = []
for i in range(1, n + 1):
    account = f"{300000000000 + i:012d}"
    c = sts.assume_role(RoleArn=f"arn:aws:iam::{account}:role/setup", RoleSessionName="setup")["Credentials"]
    creds = {"aws_access_key_id": c["AccessKeyId"], "aws_secret_access_key": c["SecretAccessKey"],
             "aws_session_token": c["SessionToken"]}
    mistake = "wrong-partition-key" if i % 3 == 0 else None
    workshop.build(endpoint, mistake, creds, account=account, bucket=f"my-bucket-{account}")
    lines += ["[[student]]", f'id = "s{i:03d}"', f'role_arn = "arn:aws:iam::{account}:role/labcheck-audit"', ""]
open(roster, "w").write("\n".join(lines))
PY
)

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
