#!/usr/bin/env bash
# The two YAML readers side by side (libyaml, tried first, and serde-saphyr) on synthetic
# department files, on tmpfs. Usage: bench/yaml.sh [DEPARTMENTS] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-500}
ROUNDS=${2:-3}
W=/dev/shm/gongkai-yaml-bench
cargo build --release --quiet --example yaml_bench
cargo build --release --quiet
rm -rf "$W"
./target/release/gongkai gen --out "$W" --departments "$N" >/dev/null
./target/release/examples/yaml_bench "$W" "$ROUNDS"
