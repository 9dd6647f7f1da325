#!/usr/bin/env bash
# Loading after one edit, two builds of the tool side by side: the same synthetic site of
# DEPARTMENTS departments (tmpfs) is built once by each (each has its own copy, since a cache
# written by one build of the tool is never trusted by another), then one department file is
# edited in both copies and each tool rebuilds, in turn A B A B … RUNS times. Each pair's
# ratio A/B of the `load and check` step and of the whole rebuild (both from --timings) is
# printed, then their medians: pairing keeps a ratio meaningful on a loaded machine.
# A is this worktree's release build; B is BASELINE, a binary of the tool built from another
# commit (for example `git worktree add /tmp/base <commit> && cargo build --release` there).
# Usage: bench/load.sh BASELINE [DEPARTMENTS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
B=$(realpath "$1")
N=${2:-2000}
RUNS=${3:-5}
W=/dev/shm/gongkai-load-bench
cargo build --release --quiet
rm -rf "$W" && mkdir -p "$W/a" "$W/b"
trap 'rm -rf "$W"' EXIT
# Each binary is copied, so that a rebuild in the worktree during the run changes neither.
cp target/release/gongkai "$W/gongkai-a"
cp "$B" "$W/gongkai-b"
cp -r site.toml themes "$W/a/"
"$W/gongkai-a" gen --out "$W/a/content" --departments "$N" >/dev/null
cp -r content/pages content/metrics.yaml "$W/a/content/"
cp -r "$W/a/." "$W/b/"
for s in a b; do "$W/gongkai-$s" build "$W/$s" -o "$W/$s/public" >/dev/null; done
FILE=$(cd "$W/a" && find content -name '*.yaml' -path '*/20*/*' | sort | sed -n 1p)
# One rebuild of copy $1 after flipping a project's name in its edited file; prints the
# seconds of `load and check` and of the whole build.
rebuild() {
    local f="$W/$1/$FILE"
    if grep -q '（修订）' "$f"; then sed -i 's/（修订）//' "$f"
    else sed -i '0,/^    name: "/s//    name: "（修订）/' "$f"; fi
    local start end
    start=$(date +%s.%N)
    "$W/gongkai-$1" build "$W/$1" -o "$W/$1/public" --timings >"$W/$1.out" 2>&1
    end=$(date +%s.%N)
    local load
    load=$(grep 'load and check' "$W/$1.out" | awk '{print $1}' | tr -d s)
    echo "$load $(echo "$end - $start" | bc)"
}
echo "pair  load A  load B  load A/B  whole A  whole B  whole A/B"
: >"$W/ratios"
for i in $(seq "$RUNS"); do
    read -r la wa < <(rebuild a)
    read -r lb wb < <(rebuild b)
    rl=$(echo "scale=3; $la / $lb" | bc)
    rw=$(echo "scale=3; $wa / $wb" | bc)
    echo "$rl $rw" >>"$W/ratios"
    printf '%4d  %6.2f  %6.2f  %8s  %7.2f  %7.2f  %9s\n' "$i" "$la" "$lb" "$rl" "$wa" "$wb" "$rw"
done
median() { sort -n | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }
echo "median load A/B: $(cut -d' ' -f1 "$W/ratios" | median)"
echo "median whole A/B: $(cut -d' ' -f2 "$W/ratios" | median)"
