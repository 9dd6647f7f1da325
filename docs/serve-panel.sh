#!/usr/bin/env bash
# Regenerates docs/serve-error-panel.png: the error panel `gongkai serve` shows in the browser
# after a broken edit, as a citizen-sized phone (360 px wide) sees it, in Debian's headless
# Chromium. The bundled site is served from tmpfs; one department file gets a syntax error and
# a misspelt key; the screenshot is taken once the server reports the failed build.
# Usage: docs/serve-panel.sh   (needs chromium and curl)
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-18637}
W=$(mktemp -d /dev/shm/gongkai-panel.XXXXXX)
cargo build --quiet
BIN=${CARGO_TARGET_DIR:-target}/debug/gongkai
cp -r site.toml content themes "$W/"
env -u LC_ALL -u LC_MESSAGES LANG=C.UTF-8 "$BIN" serve "$W" --port "$PORT" 2>"$W/serve.log" &
PID=$!
trap 'kill $PID 2>/dev/null; rm -rf "$W"' EXIT
status() { curl -s "http://127.0.0.1:$PORT/__gongkai/status" || true; }
until status | grep -q '"version":1'; do sleep 0.5; done
FILE="$W/content/2024/130225/414.yaml"
sed -i -e '0,/^  name: /s//  name: 乐亭县: /' -e '0,/^        level2: /s//        二级指标: /' "$FILE"
until status | grep -q '"error":"'; do sleep 0.2; done
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=360,740 \
  --virtual-time-budget=5000 --screenshot="$PWD/docs/serve-error-panel.png" \
  "http://127.0.0.1:$PORT/2024/130225/414/" 2>/dev/null
echo "wrote docs/serve-error-panel.png"
