import { NextResponse } from "next/server";
import { withSession } from "@/app/_server/session";
import { engineHealth } from "@/lib/ops/engine";
import { overview } from "@/lib/ops/reports";

/** GET /ops/api/stats — platform totals and engine health as JSON, for operators only (401 / 403 otherwise). */
export const GET = withSession(
  async (_req, { db }) => NextResponse.json({ overview: await overview(db), engine: engineHealth() }, { headers: { "cache-control": "no-store" } }),
  { role: "operator" },
);

export const dynamic = "force-dynamic";
