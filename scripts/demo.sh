#!/usr/bin/env bash
# One command for a fresh machine: install, migrate and seed the embedded database,
# build, start, and print the URL and the demo logins. Uses PGlite in .data/pglite and
# the embedded OCR engine unless DATABASE_URL / OCR_ENGINE_URL are set.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
PORT="${PORT:-3000}"

[ -d node_modules ] || npm ci --no-audit --no-fund
npx tsx scripts/migrate.ts
mkdir -p .data
npx tsx scripts/seed.ts > .data/seed.txt
npx next build
echo
echo "印刷文字识别 OCR 已启动：http://localhost:${PORT}"
cat .data/seed.txt
echo
exec npx next start -p "$PORT"
