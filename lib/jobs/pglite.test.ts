/**
 * The job queue on PGlite (the default database): the same claim (window function +
 * FOR UPDATE SKIP LOCKED), charge-on-finish and cancel run unchanged there.
 */
import os from "node:os";
import path from "node:path";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPglite, MIGRATIONS_DIR, type Db } from "@/db";
import { ensureDefaults } from "@/lib/pricing/defaults";
import { grantPack } from "@/lib/quota/grant";
import { remainingCalls } from "@/lib/quota/remaining";
import { makeApp, makeUser } from "@/tests/helpers/fixtures";
import { png, standInEngine } from "@/tests/api/helpers";
import { cancelJob, getJob, runJobsOnce, submitJob } from ".";

let dir: string;
let handle: Awaited<ReturnType<typeof openPglite>>;
let db: Db;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ocr-jobs-pglite-"));
  handle = await openPglite(dir);
  db = handle.db;
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  await migrate(db as never, { migrationsFolder: MIGRATIONS_DIR });
  await ensureDefaults(db);
});

afterAll(async () => {
  await handle?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("jobs on PGlite", () => {
  it("claims, recognises, charges and cancels as on PostgreSQL", async () => {
    const user = await makeUser(db);
    const a = await makeApp(db, user.id);
    await grantPack(db, { appId: a.app.id, api: "general", calls: 10, source: "operator" });
    const img = (await png(64, 64)).toString("base64");
    const body = (n: number) => Buffer.from(JSON.stringify({ data: Array.from({ length: n }, () => img) }));
    const s = await submitJob(db, { appId: a.app.id, userId: user.id, api: "general", body: body(3), now: new Date() });
    while ((await runJobsOnce(db, standInEngine(), { limit: 2 })) > 0);
    expect(await getJob(db, a.app.id, s.jobId)).toMatchObject({ state: "已完成", ok: 3, done: 3 });
    expect(await remainingCalls(db, a.app.id, "general")).toBe(7);
    const c = await submitJob(db, { appId: a.app.id, userId: user.id, api: "general", body: body(2), now: new Date() });
    expect(await cancelJob(db, a.app.id, c.jobId)).toMatchObject({ state: "已取消", failed: 2 });
  });
});
