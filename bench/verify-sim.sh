#!/usr/bin/env bash
# Whole-process time of `labcheck verify serverless --sim` (goal: median under
# 20 ms), measured with hyperfine on the release binary.
# Usage: bench/verify-sim.sh   (installs hyperfine from Debian if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine; }
cargo build --release --quiet
hyperfine --warmup 20 --runs 200 -N -i \
  --export-markdown bench/verify-sim.md --export-json bench/verify-sim.json \
  'target/release/labcheck verify serverless --sim --output json' \
  'target/release/labcheck verify serverless --sim' \
  'target/release/labcheck verify serverless --sim table-underscore'
# Medians, which the goal is stated in:
python3 -c "import json; [print(f\"median {r['median']*1000:.2f} ms  {r['command']}\") for r in json.load(open('bench/verify-sim.json'))['results']]"
