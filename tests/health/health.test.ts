import { afterAll, describe, expect, it, vi } from "vitest";

/**
 * GET /api/health makes a real query: 200 with the database kind when it answers,
 * 503 with the reason when it does not. This file points the process-wide client at a
 * closed port, so it runs in its own worker (vitest isolates test files).
 */
describe("GET /api/health", () => {
  const saved = process.env.DATABASE_URL;
  afterAll(async () => {
    const { closeDb } = await import("@/db");
    await closeDb().catch(() => undefined);
    process.env.DATABASE_URL = saved;
  });

  it("answers 200 with db=postgres after a real query", async () => {
    if (!saved) return;
    vi.resetModules();
    const { closeDb } = await import("@/db");
    await closeDb();
    const { GET } = await import("@/app/api/health/route");
    const res = await GET();
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ status: "ok", db: "postgres" });
  });

  it("answers 503 with database unreachable, not the driver's message, when the database is down", async () => {
    const { closeDb } = await import("@/db");
    await closeDb();
    process.env.DATABASE_URL = "postgres://postgres@127.0.0.1:1/nowhere";
    const { GET } = await import("@/app/api/health/route");
    const res = await GET();
    expect(res.status).toBe(503);
    const body = await res.json();
    expect(body.status).toBe("error");
    expect(body.reason).toBe("database unreachable");
    expect(JSON.stringify(body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|nowhere|:1\b/i);
  });
});
