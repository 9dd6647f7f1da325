#!/usr/bin/env bash
# One project with many indicator rows: the build must grow linearly in rows (issue 17,
# case 7: 40,000 rows took 48 s, 10,000 took 3 s). Writes a one-department site with ROWS
# rows for each size on tmpfs and times `gongkai build` with farm-bench, each size paired
# with the smallest, so the ratio says how time grows (linear: 2× and 4×).
# Usage: bench/rows.sh [RUNS] [SIZES...]   (default: 3 runs; 10000 20000 40000)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
shift || true
SIZES=("${@:-10000 20000 40000}")
read -r -a SIZES <<<"${SIZES[*]}"
W=/dev/shm/gongkai-rows-bench
cargo build --release --quiet
BIN=$PWD/target/release/gongkai
rm -rf "$W"
for n in "${SIZES[@]}"; do
  site="$W/$n"
  mkdir -p "$site/content/2024/130529"
  cp -r themes "$site/"
  cp site.toml "$site/"
  cp content/metrics.yaml "$site/content/"
  python3 - "$n" >"$site/content/2024/130529/414.yaml" <<'PY'
import sys
n = int(sys.argv[1])
sys.stdout.write(open("tests/fixtures/one-project.yaml", encoding="utf-8").read())
rows = [
    ("产出指标", "数量指标", "食品抽检批次{i}", "≥{v}批次"),
    ("产出指标", "质量指标", "抽检覆盖率{i}", "≥{p}%"),
    ("产出指标", "时效指标", "完成时限{i}", "2024年12月底前"),
    ("效益指标", "社会效益指标", "群众满意度{i}", "≥{p}%"),
]
for i in range(n):
    l1, l2, name, value = rows[i % len(rows)]
    print(f"""      - level1: {l1}
        level2: {l2}
        name: {name.format(i=i)}
        description: {name.format(i=i)}
        value: "{value.format(v=600 + i, p=80 + i % 20)}\"""")
PY
done
small=${SIZES[0]}
for n in "${SIZES[@]}"; do
  echo "== $n rows (A) against $small rows (B)"
  farm-bench -n "$RUNS" --timeout 1800 -- "$BIN" build "$W/$n" -o "$W/$n/public" \
    --vs "$BIN build $W/$small -o $W/$small/public"
done
