#!/usr/bin/env bash
# Provincial-scale build benchmark: gongkai and Hugo building the same pages, side by side,
# alternating runs, on tmpfs. gongkai builds the whole site (comparisons with the bundled
# catalogue, search, downloads); each tool's output is removed after it is counted, so the
# other tool's run has the machine's memory. Usage: bench/site.sh [DEPARTMENTS] [RUNS]
# gongkai builds with --clean: its build cache (in the site folder) must not make a run incremental.
# WORK (default /dev/shm/gongkai-bench) holds both sites; OUT (default WORK) holds both tools'
# output, for a run whose outputs do not fit on tmpfs beside Hugo's memory (10,000 departments).
# GONGKAI names the binary to measure (default: this tree's release build).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
RUNS=${2:-2}
W=${WORK:-/dev/shm/gongkai-bench}
O=${OUT:-$W}
G=${GONGKAI:-./target/release/gongkai}
command -v hugo >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hugo >/dev/null; }
# The example is built in a target folder of its own: built beside the tool, it unifies the
# dev-dependencies' features into the library's and rebuilds it (and back again at the next
# plain build), about 25 minutes each way on a loaded 2-core machine.
CARGO_TARGET_DIR=target/bench-example cargo build --release --quiet --example hugo_site
[ -n "${GONGKAI:-}" ] || cargo build --release --quiet
rm -rf "$W" && mkdir -p "$W/gongkai" "$O"
cp -r site.toml themes "$W/gongkai/"
"$G" gen --out "$W/gongkai/content" --departments "$N"
cp -r content/pages content/metrics.yaml "$W/gongkai/content/"
./target/bench-example/release/examples/hugo_site "$W/gongkai/content" "$W/hugo"
t() { /usr/bin/time -f "%e %M" "$@" 2>&1 >/dev/null | tail -1; }
echo "tool    run  seconds  peak_MiB  pages"
for i in $(seq 1 "$RUNS"); do
  read -r s m < <(t "$G" build "$W/gongkai" -o "$O/gongkai-public" --clean)
  pages=$(find "$O/gongkai-public" -name index.html | wc -l)
  rm -rf "$O/gongkai-public"
  printf "gongkai %3d  %7s  %8d  %d\n" "$i" "$s" "$((m / 1024))" "$pages"
  read -r s m < <(t hugo --quiet --source "$W/hugo" --destination "$O/hugo-public")
  pages=$(find "$O/hugo-public" -name index.html | wc -l)
  rm -rf "$O/hugo-public" "$W/hugo/resources"
  printf "hugo    %3d  %7s  %8d  %d\n" "$i" "$s" "$((m / 1024))" "$pages"
done
