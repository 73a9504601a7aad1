#!/usr/bin/env bash
# Runs every test: typecheck, lint, vitest (units + integration on PostgreSQL + the data
# layer on PGlite), next build, and the Playwright journeys against `next start` in
# Debian's Chromium. Needs a local PostgreSQL (127.0.0.1:5432, user postgres); without
# DATABASE_URL it recreates the database `ocr_test` there.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

if [ -z "${DATABASE_URL:-}" ]; then
  psql -h 127.0.0.1 -U postgres -d postgres -qc "drop database if exists ocr_test with (force)" >/dev/null
  psql -h 127.0.0.1 -U postgres -d postgres -qc "create database ocr_test" >/dev/null
  export DATABASE_URL="postgres://postgres@127.0.0.1:5432/ocr_test"
fi
case "$DATABASE_URL" in
  *127.0.0.1*|*localhost*) ;;
  *) echo "refusing to test against a non-local database: $DATABASE_URL" >&2; exit 1 ;;
esac

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "typecheck"
npx tsc --noEmit

step "lint"
npx eslint . --max-warnings=0

step "migrate"
npx tsx scripts/migrate.ts

step "vitest (units, integration on PostgreSQL, data layer on PGlite)"
npx vitest run

step "next build"
npx next build

step "playwright e2e (next start, Debian Chromium)"
npx playwright test
