#!/usr/bin/env bash
# Peak memory and wall time of a clean build, two builds of the tool side by side: the same
# synthetic site (`gongkai gen`, DEPARTMENTS a year over YEARS years) is built clean by each,
# in turn A B A B … RUNS times, each into its own output folder, and /usr/bin/time gives
# each build's wall seconds and maximum resident set. Each pair's ratios A/B are printed,
# then their medians: pairing keeps a ratio meaningful on a loaded machine (peak memory does
# not depend on load; wall time does).
# A is this worktree's release build; B is BASELINE, a binary of the tool built from another
# commit (for example `git worktree add /tmp/base <commit> && cargo build --release` there).
# Usage: bench/memory.sh BASELINE [DEPARTMENTS] [YEARS] [RUNS]
# WORK=DIR puts the site elsewhere than tmpfs (30,000 departments write ≈ 16 GB per build):
#   WORK=/tmp/gongkai-mem bench/memory.sh /path/to/baseline 10000 3 1
set -euo pipefail
cd "$(dirname "$0")/.."
B=$(realpath "$1")
N=${2:-2000}
YEARS=${3:-1}
RUNS=${4:-3}
W=${WORK:-/dev/shm/gongkai-memory-bench}
cargo build --release --quiet
rm -rf "$W" && mkdir -p "$W/s/content"
trap 'rm -rf "$W"' EXIT
# Each binary is copied, so that a rebuild in the worktree during the run changes neither.
cp target/release/gongkai "$W/gongkai-a"
cp "$B" "$W/gongkai-b"
cp -r site.toml themes "$W/s/"
cp -r content/pages content/metrics.yaml "$W/s/content/"
"$W/gongkai-a" gen --out "$W/s/content" --departments "$N" --years "$YEARS" >/dev/null
# One clean build by tool $1; prints its wall seconds and peak MiB.
build() {
    rm -rf "$W/out-$1"
    /usr/bin/time -f "%e %M" -o "$W/time-$1" \
        "$W/gongkai-$1" build "$W/s" -o "$W/out-$1" --clean --timings >"$W/$1.out" 2>&1
    read -r s kb <"$W/time-$1"
    echo "$s $((kb / 1024))"
    rm -rf "$W/out-$1"
}
echo "$((N * YEARS)) departments ($N × $YEARS years), $(date -u +%FT%TZ), load $(cut -d' ' -f1 /proc/loadavg)"
echo "pair  wall A  wall B  wall A/B  peak A MiB  peak B MiB  peak A/B"
: >"$W/ratios"
for i in $(seq "$RUNS"); do
    read -r wa ma < <(build a)
    read -r wb mb < <(build b)
    rw=$(echo "scale=3; $wa / $wb" | bc)
    rm_=$(echo "scale=3; $ma / $mb" | bc)
    echo "$rw $rm_" >>"$W/ratios"
    printf '%4d  %6.1f  %6.1f  %8s  %10d  %10d  %8s\n' "$i" "$wa" "$wb" "$rw" "$ma" "$mb" "$rm_"
done
echo "A's steps (last run):"
grep -E '^ *[0-9.]+ ?s' "$W/a.out" || cat "$W/a.out"
median() { sort -n | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }
echo "median wall A/B: $(cut -d' ' -f1 "$W/ratios" | median)"
echo "median peak A/B: $(cut -d' ' -f2 "$W/ratios" | median)"
