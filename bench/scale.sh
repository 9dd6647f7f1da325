#!/usr/bin/env bash
# The scale simulation behind docs/scale.md, on tmpfs, release build. Two parts:
#
# 1. Memory per department as the site grows: the synthetic provincial site (`gongkai gen`)
#    at each size in SIZES built clean, with /usr/bin/time's peak RSS; prints MiB per 1,000
#    departments and the marginal MiB per 1,000 between sizes.
# 2. Province shards: PROVINCES synthetic provinces of PER departments each (the generator's
#    Hebei content, its region codes, project codes and province name rewritten to each of
#    the 31 provincial codes of GB/T 2260), each built apart as its own site, then all of
#    them built together as one national site. From the manifests it counts (a) the files
#    that more than one shard writes (the site-wide files a merge must make anew), by top
#    folder, and (b) how many department files (YEAR/REGION/DEPT/…) the shards wrote
#    byte-identical to the national build's — the files a merge could take from the shards'
#    downloads as they are.
#
# What is NOT simulated: separate machines (the shards run one after another here), and the
# merge itself (no `gongkai merge` exists yet; docs/scale.md says what it would do).
# Usage: bench/scale.sh [SIZES] [PROVINCES] [PER]   e.g. bench/scale.sh "2000 5000 10000" 31 40
# A size NxY is N departments a year over Y years (10000x3: the 30,000 of issue 14); its
# output (≈ 16 GB at 10000x3) does not fit beside the others on tmpfs, so WORK=DIR puts the
# sites elsewhere (peak memory does not depend on where the files go):
#   WORK=/tmp/gongkai-scale bench/scale.sh "10000x3" 0
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${1-"2000 5000 10000"}  # "" skips part 1
PROVINCES=${2:-31}            # 0 skips part 2
PER=${3:-40}
W=${WORK:-/dev/shm/gongkai-scale}
cargo build --release --quiet
G=$(pwd)/target/release/gongkai
rm -rf "$W" && mkdir -p "$W"
trap 'rm -rf "$W"' EXIT
t() { /usr/bin/time -f "%e %M" "$@" 2>&1 >/dev/null | tail -1; }
site() { # site DIR: the theme, site.toml, the bundled pages and catalogue
  mkdir -p "$1/content"
  cp -r site.toml themes "$1/"
  cp -r content/pages content/metrics.yaml "$1/content/"
}

echo "== 1. memory per department ($(date -u +%FT%TZ), $(nproc) cores)"
echo "departments  seconds  peak_MiB  MiB_per_1000  marginal_MiB_per_1000  files  output_MB"
prev_n=0 prev_m=0
for size in $SIZES; do
  per_year=${size%x*} years=1
  [ "$size" != "$per_year" ] && years=${size#*x}
  n=$((per_year * years))
  site "$W/s"
  "$G" gen --out "$W/s/content" --departments "$per_year" --years "$years" >/dev/null
  read -r s m < <(t "$G" build "$W/s" -o "$W/s/public" --clean)
  mib=$((m / 1024))
  files=$(find "$W/s/public" -type f | wc -l)
  mb=$(du -sm "$W/s/public" | cut -f1)
  per=$(echo "scale=1; $mib * 1000 / $n" | bc)
  marginal=$([ "$prev_n" -gt 0 ] && echo "scale=1; ($mib - $prev_m) * 1000 / ($n - $prev_n)" | bc || echo "-")
  printf "%11d  %7s  %8d  %12s  %21s  %5d  %9d\n" "$n" "$s" "$mib" "$per" "$marginal" "$files" "$mb"
  prev_n=$n prev_m=$mib
  rm -rf "$W/s"
done

[ "$PROVINCES" -gt 0 ] || exit 0
echo "== 2. $PROVINCES province shards of $PER departments, built apart, then together"
CODES=(11:北京市 12:天津市 13:河北省 14:山西省 15:内蒙古自治区 21:辽宁省 22:吉林省 23:黑龙江省
  31:上海市 32:江苏省 33:浙江省 34:安徽省 35:福建省 36:江西省 37:山东省 41:河南省 42:湖北省
  43:湖南省 44:广东省 45:广西壮族自治区 46:海南省 50:重庆市 51:四川省 52:贵州省 53:云南省
  54:西藏自治区 61:陕西省 62:甘肃省 63:青海省 64:宁夏回族自治区 65:新疆维吾尔自治区)
site "$W/all"
echo "shard  code  seconds  peak_MiB  files"
for i in $(seq 0 $((PROVINCES - 1))); do
  code=${CODES[$((i % 31))]%%:*} name=${CODES[$((i % 31))]#*:}
  S="$W/p$code"
  site "$S"
  "$G" gen --out "$W/gen" --departments "$PER" --seed "$((i + 1))" >/dev/null
  for year in "$W/gen"/*/; do
    for region in "$year"*/; do
      r=$(basename "$region")
      dest="$S/content/$(basename "$year")/$code${r:2}"
      mkdir -p "$dest"
      for f in "$region"*.yaml; do
        sed -e "s/^    code: \"13/    code: \"$code/" -e "s/^    code: 13/    code: $code/" \
          -e "s/province: 河北省/province: $name/" "$f" >"$dest/$(basename "$f")"
      done
    done
  done
  rm -rf "$W/gen"
  cp -r "$S/content/"[0-9]* "$W/all/content/"
  read -r s m < <(t "$G" build "$S" -o "$S/public" --clean)
  printf "%5d  %4s  %7s  %8d  %5d\n" "$i" "$code" "$s" "$((m / 1024))" "$(wc -l <"$S/public/manifest.txt")"
done
read -r s m < <(t "$G" build "$W/all" -o "$W/all/public" --clean)
echo "national build of $((PROVINCES * PER)) departments: $s s, peak $((m / 1024)) MiB, $(wc -l <"$W/all/public/manifest.txt") files"

# manifest.txt lines: "sha256  bytes  path" after one "#" line (see src/publish/manifest.rs); the path is last.
grep -hv "^#" "$W"/p*/public/manifest.txt | awk '{print $NF}' | sort | uniq -d >"$W/shared.txt"
echo "files written by more than one shard (a merge makes them anew): $(wc -l <"$W/shared.txt")"
awk -F/ '{print ($2 == "" ? $1 : $1 "/")}' "$W/shared.txt" | sort | uniq -c | sort -rn | head -20
# Department files: three folders deep under a year (YEAR/REGION/DEPT/…).
dept=' [0-9]{4}/[^/]+/[^/]+/'
grep -hv "^#" "$W"/p*/public/manifest.txt | awk '{print $1, $NF}' | { grep -E "$dept" || true; } | sort >"$W/shards.txt"
grep -v "^#" "$W/all/public/manifest.txt" | awk '{print $1, $NF}' | { grep -E "$dept" || true; } | sort >"$W/national.txt"
same=$(comm -12 "$W/shards.txt" "$W/national.txt" | wc -l)
echo "department files: shards $(wc -l <"$W/shards.txt"), national $(wc -l <"$W/national.txt"), byte-identical $same"
comm -3 "$W/shards.txt" "$W/national.txt" | awk '{print $NF}' | sed -E 's#^([0-9]{4}/[^/]+/[^/]+/).*/([^/]+)$#\1…/\2#' |
  sed -E 's#^[0-9]{4}/[^/]+/[^/]+/#YEAR/REGION/DEPT/#' | sort | uniq -c | sort -rn | head -10
