#!/usr/bin/env bash
# Incremental builds at provincial scale, on tmpfs: a rebuild after one department file is
# edited, and a rebuild with nothing changed, each paired with a clean build (--clean) of the
# same site in the same call (farm-bench --vs: A B A B …, the ratio taken pair by pair, so the
# machine's drift cancels out). Each edited run flips one project's name between two
# spellings, so every run has one department to redo.
# Usage: bench/incremental.sh [DEPARTMENTS] [RUNS]
# GONGKAI=/path/to/gongkai measures that binary instead of building this tree's (a saved
# build of another commit, for a before-and-after).
# EDIT=first|middle|last picks the department file edited, in sorted path order (default
# first: the worst case for bundles, whose bytes before the first changed file are copied
# and their hash resumed; middle is an edit at random on average). WORK=/dev/shm/NAME puts
# the site there instead of /dev/shm/gongkai-incremental-bench-PID (removed at the end).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-2000}
RUNS=${2:-3}
W=${WORK:-/dev/shm/gongkai-incremental-bench-$$}
if [ -n "${GONGKAI:-}" ]; then G=$GONGKAI
else cargo build --release --quiet; G=$(pwd)/target/release/gongkai; fi
rm -rf "$W" && mkdir -p "$W/site"
trap 'rm -rf "$W"' EXIT
cp -r site.toml themes "$W/site/"
"$G" gen --out "$W/site/content" --departments "$N" >/dev/null
cp -r content/pages content/metrics.yaml "$W/site/content/"
ALL=$(find "$W/site/content" -name '*.yaml' -path '*/20*/*' | sort)
COUNT=$(printf '%s\n' "$ALL" | wc -l)
case ${EDIT:-first} in
  first) AT=1 ;;
  middle) AT=$(((COUNT + 1) / 2)) ;;
  last) AT=$COUNT ;;
  *) echo "EDIT must be first, middle or last" >&2; exit 2 ;;
esac
FILE=$(printf '%s\n' "$ALL" | sed -n "${AT}p")
echo "== editing department file $AT of $COUNT: ${FILE#"$W/site/content/"}"
cat >"$W/edit.sh" <<SH
#!/bin/sh
if grep -q '（修订）' "$FILE"; then sed -i 's/（修订）//' "$FILE"
else sed -i '0,/^    name: "/s//    name: "（修订）/' "$FILE"; fi
exec "$G" build "$W/site" -o "$W/site/public" "\$@"
SH
chmod +x "$W/edit.sh"
CLEAN="$G build $W/site -o $W/site/public --clean"
"$G" build "$W/site" -o "$W/site/public" --timings
echo "== one department edited (A) against a clean build (B)"
farm-bench -n "$RUNS" --timeout 3600 --vs "$CLEAN" -- "$W/edit.sh"
# After a clean build the site swapped out shares no file with the live one, so the edited
# rebuild above links every unchanged file anew. Edit after edit (as under `serve`), the
# recycled staging folder already holds the live files: A edits and rebuilds one site again
# and again, B builds a copy of it clean, so B leaves A's folders alone.
mkdir -p "$W/copy" && cp -r "$W/site/content" "$W/site/site.toml" "$W/site/themes" "$W/copy/"
"$W/edit.sh" >/dev/null
echo "== one department edited after another edit (A) against a clean build of a copy (B)"
farm-bench -n "$RUNS" --timeout 3600 --vs "$G build $W/copy -o $W/copy/public --clean" -- "$W/edit.sh"
echo "== nothing changed (A) against a clean build (B)"
farm-bench -n "$RUNS" --timeout 3600 --vs "$CLEAN" -- "$G" build "$W/site" -o "$W/site/public"
echo "== the edited rebuild's steps, after a clean build and after an edit"
"$G" build "$W/site" -o "$W/site/public" --clean >/dev/null
"$W/edit.sh" --timings
"$W/edit.sh" --timings
