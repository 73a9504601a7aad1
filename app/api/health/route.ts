import { NextResponse } from "next/server";
import { dbKind, getDb, ping } from "@/db";

export const dynamic = "force-dynamic";

/**
 * Liveness with a real database query; 503 "database unreachable" when the database is down.
 * The driver's message (host, port, user, database name) goes to the server log, never out.
 */
export async function GET() {
  let kind: string | null = null;
  try {
    const db = await getDb();
    kind = await dbKind();
    await ping(db);
  } catch (e) {
    console.error(`health: database unreachable: ${(e as Error).message}`);
    return NextResponse.json({ status: "error", db: kind, reason: "database unreachable" }, { status: 503 });
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
