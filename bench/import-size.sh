#!/usr/bin/env bash
# `gongkai import` of one long text, at growing sizes: the time should grow with the text's
# length, not with its square. The text is a county's form (tab-separated, as a table pasted
# from Excel) whose indicator rows are repeated, each with its own name, up to KB kilobytes;
# on tmpfs. Usage: bench/import-size.sh [GONGKAI] [KB...] (default: this tree's release
# binary; 100 200 400 800). With two binaries, compare them side by side:
#   farm-bench -n 3 --vs "OLD import /dev/shm/gongkai-import-size/400.txt --out /dev/shm/gongkai-import-size/o --keep-going --force" -- NEW import …
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -ge 1 ] && [ -x "$1" ]; then
    G=$1
    shift
else
    cargo build --release --quiet
    G=./target/release/gongkai
fi
SIZES=${*:-100 200 400 800}
W=/dev/shm/gongkai-import-size
rm -rf "$W"
mkdir -p "$W"
for kb in $SIZES; do
    python3 - "$kb" "$W/$kb.txt" <<'PY'
import sys
kb, path = int(sys.argv[1]), sys.argv[2]
head = ["2024年度项目支出绩效目标表", "项目名称\t乡镇市场监管所标准化建设",
        "主管部门\t某某县市场监督管理局\t实施单位\t某某县市场监督管理局",
        "项目资金（万元）\t年度资金总额\t120.50", "\t其中：财政拨款\t100.50", "\t其他资金\t20.00",
        "年度总体目标\t完成5个基层所标准化建设，提升监管能力。",
        "一级指标\t二级指标\t三级指标\t指标性质\t指标值\t度量单位"]
rows = [["产出指标", "数量指标", "标准化建设所数", "≥", "5", "个"],
        ["产出指标", "质量指标", "验收合格率", "≥", "95", "%"],
        ["产出指标", "成本指标", "单所建设成本", "≤", "24.1", "万元"],
        ["效益指标", "可持续影响指标", "监管能力持续提升年限", "≥", "3", "年"],
        ["满意度指标", "服务对象满意度指标", "群众满意度", "≥", "90", "%"]]
out, size, i = list(head), sum(len(l.encode()) + 1 for l in head), 0
while size < kb * 1024:
    r = list(rows[i % len(rows)]); r[2] += str(i)
    line = "\t".join(r); out.append(line); size += len(line.encode()) + 1; i += 1
open(path, "w", encoding="utf-8").write("\n".join(out) + "\n")
PY
    start=$(date +%s.%N)
    "$G" import "$W/$kb.txt" --out "$W/o$kb" --keep-going --force >/dev/null 2>&1 || true
    end=$(date +%s.%N)
    printf '%5s KB  %6.2f s\n' "$kb" "$(echo "$end - $start" | bc)"
done
rm -rf "$W"
