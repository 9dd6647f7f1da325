#!/usr/bin/env bash
# Search benchmark on the synthetic provincial site: 10,000 department files a year for three
# years (tmpfs). Prints the build's time and peak memory, the index's file count and size, and
# the bytes the browser downloads per query (first visit and a further query), measured in
# headless Chromium. Usage: bench/search.sh [DEPARTMENTS] [YEARS]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
Y=${2:-3}
W=/dev/shm/gongkai-search-bench
command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
cargo build --release --quiet
cargo build --release --quiet --example search_bench
rm -rf "$W" && mkdir -p "$W/site"
cp -r site.toml themes "$W/site/"
./target/release/gongkai gen --out "$W/site/content" --departments "$N" --years "$Y"
cp -r content/pages "$W/site/content/"
/usr/bin/time -f "build: %e s, peak %M KiB" ./target/release/gongkai build "$W/site" -o "$W/public"
echo "search files: $(find "$W/public/search" -type f | wc -l), $(du -s --apparent-size --block-size=1M "$W/public/search" | cut -f1) MiB; all files: $(find "$W/public" -type f | wc -l)"
code=$(find "$W/site/content" -name '*.yaml' -print -quit | xargs grep -m1 -E '^    code: [0-9A-Z]{15,}' | awk '{print $2}')
./target/release/examples/search_bench "$W/public" 满意度 食品 食品抽检 电梯 特种设备 曹妃甸区 曹妃甸区民政局 1145 3500 "$code" 监督管理 火星探测器
