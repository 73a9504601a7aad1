import { NextResponse } from "next/server";
import { dbKind, getDb, ping } from "@/db";

export const dynamic = "force-dynamic";

/** Liveness with a real database query; 503 with the reason when the database is down. */
export async function GET() {
  let kind: string | null = null;
  try {
    const db = await getDb();
    kind = await dbKind();
    await ping(db);
  } catch (e) {
    return NextResponse.json(
      { status: "error", db: kind, reason: `database unavailable: ${(e as Error).message}` },
      { status: 503 },
    );
  }
  let engine: unknown = null;
  try {
    const { getEngine } = await import("@/lib/engine");
    engine = getEngine().stats();
  } catch {
    engine = { kind: "unavailable" };
  }
  return NextResponse.json({ status: "ok", db: kind, engine });
}
