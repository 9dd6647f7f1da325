#!/usr/bin/env bash
# `gongkai serve` at provincial scale: after one department file is edited, how long until the
# served department page shows the change, and until the open pages are told to reload (the
# status version moves). Every rebuild under `serve` is the ordinary incremental build
# (`pipeline::build` into .gongkai-serve/ with the reload script): the edited department's
# pages, the totals, comparisons and search parts that hold it are made anew, every other page
# is linked from the last build. Each edit starts from a settled server. The page is polled
# every 0.05 s (a tighter loop of curl processes takes CPU from the build it times). Then, for
# reference in the same run, `serve` is stopped and a plain `gongkai build` times the same kind
# of edit (after a first build that fills its own cache). On tmpfs.
# Usage: bench/serve.sh [DEPARTMENTS] [EDITS]    (PORT=… to pick the port)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
EDITS=${2:-3}
PORT=${PORT:-18111}
W=/dev/shm/gongkai-serve-bench-$$
cargo build --release --quiet
rm -rf "$W" && mkdir -p "$W"
cp -r site.toml themes "$W/"
./target/release/gongkai gen --out "$W/content" --departments "$N" >/dev/null
cp -r content/pages content/metrics.yaml "$W/content/"
./target/release/gongkai serve "$W" --port "$PORT" --lang en 2>"$W/serve.log" &
PID=$!
trap 'kill $PID 2>/dev/null || true; rm -rf "$W"' EXIT
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
status() { curl -s "http://127.0.0.1:$PORT/__gongkai/status"; }
version() { status | sed -n 's/.*"version":\([0-9]*\).*/\1/p'; }
until [ "$(version)" = "1" ]; do sleep 1; done
echo "first build: $(grep -m1 rebuilt "$W/serve.log")"
FILE=$(find "$W/content/2024" -name '*.yaml' | sort | sed -n "$((N / 2))p")
REL=${FILE#"$W/content/"}
PAGE="http://127.0.0.1:$PORT/${REL%.yaml}/"
for e in $(seq 1 "$EDITS"); do
  MARK="编辑标记${e}号"
  before=$(version)
  t0=$(date +%s.%N)
  sed -i "0,/^    name: /s//    name: ${MARK}/" "$FILE"
  until curl -s "$PAGE" | grep -q "$MARK"; do sleep 0.05; done
  t1=$(date +%s.%N)
  until [ "$(version)" -gt "$before" ]; do sleep 0.05; done
  t2=$(date +%s.%N)
  printf "edit %d: the department page shows it after %.3f s, open pages reload after %.3f s\n" \
    "$e" "$(echo "$t1 - $t0" | bc)" "$(echo "$t2 - $t0" | bc)"
  until [ "$(grep -c rebuilt "$W/serve.log")" -gt "$e" ]; do sleep 0.1; done
  echo "        $(grep rebuilt "$W/serve.log" | tail -1)"
done
kill $PID
wait $PID 2>/dev/null || true
./target/release/gongkai build "$W" --lang en >/dev/null 2>&1
sed -i "0,/^    name: /s//    name: 参照编辑/" "$FILE"
t0=$(date +%s.%N)
./target/release/gongkai build "$W" --lang en >/dev/null 2>&1
t1=$(date +%s.%N)
printf "reference: a plain gongkai build after one edit took %.3f s\n" "$(echo "$t1 - $t0" | bc)"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
