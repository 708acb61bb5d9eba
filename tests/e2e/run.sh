#!/usr/bin/env bash
# The end-to-end tier: moto server on 127.0.0.1 (a free port) stands in for
# AWS; tests/e2e/scenarios.py builds the workshop in it, complete and broken,
# and runs labcheck against it. Moto is stopped when this exits, pass or fail.
#
# Usage: tests/e2e/run.sh [LABCHECK_BINARY]   (default: target/debug/labcheck,
# which `cargo test` has already built)
set -euo pipefail
cd "$(dirname "$0")/../.."
binary=${1:-target/debug/labcheck}
[ -x "$binary" ] || cargo build --quiet
# The scripts run from tests/e2e, so the binary's path is made absolute
# (a relative one, or $CARGO_TARGET_DIR/debug/labcheck, both work).
binary=$(realpath "$binary")

if ! python3 -c 'import moto.server, boto3' 2>/dev/null; then
  echo "installing moto[server] and boto3 with pip"
  python3 -m pip install --quiet 'moto[server]' boto3
fi

# docs/practice-without-aws.md is followed with the AWS CLI (practice_doc.py
# runs its commands as written); pip's `awscli`, as moto is installed.
if ! command -v aws >/dev/null 2>&1; then
  echo "installing awscli with pip"
  python3 -m pip install --quiet awscli
fi

# tmux is the terminal of the terminal tier; headless Chromium renders the
# HTML gradebook (both Debian's packages).
if ! command -v tmux >/dev/null 2>&1; then
  apt-get install -y -qq tmux >/dev/null 2>&1 || { apt-get update -qq >/dev/null && apt-get install -y -qq tmux >/dev/null; }
fi

if ! command -v chromium >/dev/null 2>&1; then
  echo "installing chromium from Debian"
  (apt-get install -y -qq chromium >/dev/null 2>&1) || {
    apt-get update -qq >/dev/null && apt-get install -y -qq chromium >/dev/null
  }
fi

# A Korean font for the Korean gradebook (gradebook_ko.py): without one,
# Chromium draws Hangul as tofu boxes. fonts-nanum is Debian's smallest
# (10 MB against fonts-noto-cjk's 56 MB).
if ! fc-list :lang=ko 2>/dev/null | grep -q .; then
  echo "installing fonts-nanum from Debian"
  (apt-get install -y -qq fonts-nanum >/dev/null 2>&1) || {
    apt-get update -qq >/dev/null && apt-get install -y -qq fonts-nanum >/dev/null
  }
fi

# The live view's browser test drives Chromium with playwright-core (npm).
if [ ! -d tests/e2e/browser/node_modules/playwright-core ]; then
  echo "installing playwright-core with npm"
  (cd tests/e2e/browser && npm ci --no-audit --no-fund --silent)
fi

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
log=$(mktemp)
# MOTO_ACM_VALIDATION_WAIT=0: DNS-validated certificates are issued at once
# (alb_autoscaling.py; a pending one is a fixture and a mock).
MOTO_IAM_LOAD_MANAGED_POLICIES=true MOTO_ACM_VALIDATION_WAIT=0 python3 -m moto.server -H 127.0.0.1 -p "$port" >"$log" 2>&1 &
moto=$!
trap 'kill "$moto" 2>/dev/null || true; wait "$moto" 2>/dev/null || true; rm -f "$log"' EXIT

for _ in $(seq 1 100); do
  if python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/moto-api/', timeout=1)" 2>/dev/null; then
    break
  fi
  if ! kill -0 "$moto" 2>/dev/null; then
    echo "moto did not start:"; cat "$log"; exit 1
  fi
  sleep 0.2
done

cd tests/e2e
status=0
python3 scenarios.py "http://127.0.0.1:$port" "$binary" || status=1
python3 grade.py "http://127.0.0.1:$port" "$binary" || status=1
python3 terminal.py "http://127.0.0.1:$port" "$binary" || status=1
python3 serve.py "http://127.0.0.1:$port" "$binary" || status=1
python3 template_check.py || status=1
python3 vpc_s3_endpoint.py "http://127.0.0.1:$port" "$binary" || status=1
python3 alb_autoscaling.py "http://127.0.0.1:$port" "$binary" || status=1
# Set E2E_ARTIFACTS to a folder to keep the Korean gradebook's screenshot.
python3 gradebook_ko.py "$binary" ${E2E_ARTIFACTS:+"$E2E_ARTIFACTS/gradebook-ko.png"} || status=1
# IAM enforcement on a moto of its own: refusals are error, never a verdict.
python3 enforced.py "$binary" || status=1
# The page for learners without an AWS account, run as written against the
# moto it starts itself (a port of its own from 5000 to 5999).
python3 practice_doc.py "$binary" || status=1
# serverless-backend (seed 001): its states live, snapshotted and replayed, and a class.
python3 backend.py "http://127.0.0.1:$port" "$binary" || status=1
python3 backend_enforced.py "$binary" || status=1
# The sns-notify lab: its states built with boto3, verified, snapshotted, graded.
python3 sns_notify.py "http://127.0.0.1:$port" "$binary" || status=1
exit $status
