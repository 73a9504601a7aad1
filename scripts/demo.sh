#!/usr/bin/env bash
# One command for a fresh machine: install, migrate and seed the embedded database,
# build, start, and print the URL and the demo logins. Uses PGlite in .data/pglite and
# the embedded OCR engine unless DATABASE_URL / OCR_ENGINE_URL are set.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
# This is the demo: its seeded accounts have public passwords (lib/env.ts, db/seed.ts).
export DEMO=1
PORT="${PORT:-3000}"
# Only this machine can reach the demo unless HOST says otherwise (HOST=0.0.0.0 to share it).
HOST="${HOST:-127.0.0.1}"

[ -d node_modules ] || npm ci --no-audit --no-fund
npx tsx scripts/migrate.ts
mkdir -p .data
npx tsx scripts/seed.ts > .data/seed.txt
npx next build
echo
echo "印刷文字识别 OCR 演示环境（DEMO=1，仅供体验，勿用于生产）：http://127.0.0.1:${PORT}"
cat .data/seed.txt
echo
exec npx next start -p "$PORT" -H "$HOST"
