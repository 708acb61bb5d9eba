#!/usr/bin/env bash
# Clean build times of the README's two commands on this machine: a release
# build (`cargo run --release`) and a debug build (`cargo build`; `cargo test`
# builds the same dependencies), each in a fresh target folder, one after the
# other, with cargo's --timings report (per-crate times) kept beside the log.
# Run it on an otherwise idle machine; the load average is printed with each.
# Usage: bench/build-times.sh [OUT_DIR]      (default: target/build-times)
#        REV=80c2d71 bench/build-times.sh   (a commit to compare, built from a
#        temporary worktree)
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:-target/build-times}")
mkdir -p "$out"
src=$PWD
if [ -n "${REV:-}" ]; then
  src=$(mktemp -d)/labcheck
  git worktree add -q --detach "$src" "$REV"
  trap 'git worktree remove --force "$src"' EXIT
fi
for profile in release debug; do
  target=$(mktemp -d)
  flags=(); [ "$profile" = release ] && flags=(--release)
  start=$(date +%s)
  (cd "$src" && CARGO_TARGET_DIR=$target cargo build "${flags[@]}" --timings >"$out/$profile.log" 2>&1)
  end=$(date +%s)
  cp "$target/cargo-timings/cargo-timing.html" "$out/$profile-timing.html"
  echo "$profile: $((end - start)) s clean ($(cd "$src" && git rev-parse --short HEAD)); load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  rm -rf "$target"
done
