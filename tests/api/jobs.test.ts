/**
 * Asynchronous batch jobs against real PostgreSQL: signed submit / status / cancel
 * through the jobs route's wrapper, the runner's claims (SKIP LOCKED, leases, fair
 * share), charging once per successful image within the quota, metering, the signed
 * and retried callback, and retention. The engine is a stand-in: recognition is not
 * the subject here.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq, like, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { calls, jobCallbackLog, ocrJobs, settings } from "@/db/schema";
import { verifySignature } from "@/lib/alerts/webhook";
import type { CreatedApp } from "@/lib/apps/create";
import { EngineError } from "@/lib/engine";
import { claimImages, deliverJobCallbacks, finishImage, jobsApi, purgeExpiredJobs, runJobsOnce } from "@/lib/jobs";
import { jobPath } from "@/lib/jobs/routes";
import { grantPack } from "@/lib/quota/grant";
import { remainingCalls } from "@/lib/quota/remaining";
import { testDb } from "../helpers/db";
import { makeApp, makeUser } from "../helpers/fixtures";
import { png, signedRequest, standInEngine } from "./helpers";

const api = jobsApi({ allowHttpLocal: true });
const engine = standInEngine();

let db: Db;
let userId: string;
let small: Buffer;

async function freshApp(calls = 100): Promise<CreatedApp> {
  const a = await makeApp(db, userId);
  if (calls > 0) await grantPack(db, { appId: a.app.id, api: "general", calls, source: "operator" });
  return a;
}

type Body = { code: number; job_id: string; state: string; progress: { done: number; total: number }; message: { success: number; fail: number }; result?: unknown[]; details?: string; queued?: number; pages?: number };

async function call(a: CreatedApp, action: "submit" | "status" | "cancel", body: unknown): Promise<{ status: number; body: Body }> {
  const path = jobPath("general", action).replace("{serviceCode}", a.serviceCodes.general);
  const res = await api(signedRequest({ appKey: a.app.appKey, secret: a.appSecret, serviceCode: a.serviceCodes.general, api: "general", path, body: JSON.stringify(body) }), { engine, db });
  return { status: res.status, body: (await res.json()) as Body };
}

async function drain(): Promise<void> {
  while ((await runJobsOnce(db, engine, { limit: 20 })) > 0);
}

beforeAll(async () => {
  db = await testDb();
  userId = (await makeUser(db)).id;
  small = await png(64, 64);
});

beforeEach(async () => {
  // Claims are global: start each test with no other open job in this database.
  await db.execute(sql`update ocr_jobs set state = '已取消' where state in ('排队中', '处理中')`);
});

afterAll(async () => {
  await db.delete(settings).where(eq(settings.key, "job_retention_days"));
});

describe("asynchronous batch jobs", () => {
  it("submit answers at once with a job id; status shows progress and, when done, the sync shape paged; each success charged once; every image metered", async () => {
    const a = await freshApp(100);
    const images = [small, small, "not base64!!", small, small].map((i) => (typeof i === "string" ? i : i.toString("base64")));
    const sub = await call(a, "submit", { data: images });
    expect(sub.status).toBe(200);
    expect(sub.body).toMatchObject({ code: 0, state: "排队中", progress: { done: 1, total: 5 }, queued: 4 });
    expect(sub.body.job_id).toMatch(/^job_/);

    await drain();
    const st = await call(a, "status", { job_id: sub.body.job_id, page: 1, page_size: 2 });
    expect(st.body).toMatchObject({ code: 0, state: "部分失败", progress: { done: 5, total: 5 }, message: { success: 4, fail: 1 }, pages: 3 });
    expect(st.body.result).toHaveLength(2);
    expect(st.body.result![0]).toMatchObject({ text_line: 1 });
    const p2 = await call(a, "status", { job_id: sub.body.job_id, page: 2, page_size: 2 });
    expect(p2.body.result![0]).toEqual({ err_code: 4008, err_msg: "base64 数据处理异常" });
    const p3 = await call(a, "status", { job_id: sub.body.job_id, page: 3, page_size: 2 });
    expect(p3.body.result).toHaveLength(1);

    expect(await remainingCalls(db, a.app.id, "general")).toBe(96);
    const metered = await db.select().from(calls).where(and(eq(calls.appId, a.app.id), like(calls.requestId, `${sub.body.job_id}.%`)));
    expect(metered.length).toBe(4);
    expect(metered.reduce((s, r) => s + r.imagesOk, 0)).toBe(4);
    // The submit call itself is metered with the image refused at once.
    const submitRow = await db.select().from(calls).where(and(eq(calls.appId, a.app.id), eq(calls.imagesFailed, 1), eq(calls.imagesOk, 0)));
    expect(submitRow.length).toBeGreaterThanOrEqual(1);
  });

  it("never charges beyond the quota: the images past it fail with 4019 and are not recognised", async () => {
    const a = await freshApp(3);
    let seen = 0;
    const counting = standInEngine(async () => {
      seen++;
      return { text_line: 0, detail: [] };
    });
    const sub = await call(a, "submit", { data: Array.from({ length: 6 }, () => small.toString("base64")) });
    while ((await runJobsOnce(db, counting, { limit: 1 })) > 0);
    const st = await call(a, "status", { job_id: sub.body.job_id });
    expect(st.body.message).toEqual({ success: 3, fail: 3 });
    expect(st.body.result!.filter((r) => (r as { err_code?: number }).err_code === 4019)).toHaveLength(3);
    expect(seen).toBe(3);
    expect(await remainingCalls(db, a.app.id, "general")).toBe(0);
    // And with nothing left, a new submit is refused like a synchronous call.
    const refused = await call(a, "submit", { data: [small.toString("base64")] });
    expect(refused.body.code).toBe(4019);
  });

  it("each image's charge and its metering row commit together: a metering failure undoes the charge, the image is recognised again and charged once", async () => {
    const a = await freshApp(10);
    const sub = await call(a, "submit", { data: Array.from({ length: 3 }, () => small.toString("base64")) });
    const jobId = sub.body.job_id;
    // Metering of this job's image 1 fails (a trigger standing in for a database error mid-transaction).
    const fn = `fail_metering_${jobId.replace(/\W/g, "_")}`;
    await db.execute(
      sql.raw(`create function ${fn}() returns trigger language plpgsql as $$ begin
        if new.request_id = '${jobId}.1' then raise exception 'metering unavailable'; end if; return new; end $$`),
    );
    await db.execute(sql.raw(`create trigger ${fn} before insert on calls for each row execute function ${fn}()`));
    try {
      await runJobsOnce(db, engine, { limit: 3 });
    } finally {
      await db.execute(sql.raw(`drop trigger ${fn} on calls`));
      await db.execute(sql.raw(`drop function ${fn}()`));
    }
    // Images 0 and 2: charged and metered. Image 1: neither charged nor done nor metered.
    expect(await remainingCalls(db, a.app.id, "general")).toBe(8);
    let st = await call(a, "status", { job_id: jobId });
    expect(st.body.progress).toEqual({ done: 2, total: 3 });
    expect(st.body.result![1]).toBeNull();
    const meteredIds = async () =>
      (await db.select({ id: calls.requestId }).from(calls).where(like(calls.requestId, `${jobId}.%`))).map((r) => r.id).sort();
    expect(await meteredIds()).toEqual([`${jobId}.0`, `${jobId}.2`]);
    // Its lease runs out; it is recognised again, and charged and metered once.
    const later = () => new Date(Date.now() + 10 * 60_000);
    while ((await runJobsOnce(db, engine, { now: later })) > 0);
    st = await call(a, "status", { job_id: jobId });
    expect(st.body).toMatchObject({ state: "已完成", progress: { done: 3, total: 3 }, message: { success: 3, fail: 0 } });
    expect(await remainingCalls(db, a.app.id, "general")).toBe(7);
    expect(await meteredIds()).toEqual([`${jobId}.0`, `${jobId}.1`, `${jobId}.2`]);
    // The packs named in metering are exactly the calls the packs lost.
    const rows = await db.select({ packs: calls.packs }).from(calls).where(like(calls.requestId, `${jobId}.%`));
    const paid = rows.flatMap((r) => (r.packs ?? []) as { packId: string; calls: number }[]).reduce((s, p) => s + p.calls, 0);
    expect(paid).toBe(3);
  });

  it("an image past the quota is metered with the quota code and charges nothing", async () => {
    const a = await freshApp(1);
    const sub = await call(a, "submit", { data: Array.from({ length: 2 }, () => small.toString("base64")) });
    await drain();
    const rows = await db.select().from(calls).where(like(calls.requestId, `${sub.body.job_id}.%`));
    expect(rows.map((r) => [r.code, r.imagesOk, r.imagesFailed]).sort()).toEqual([
      [0, 1, 0],
      [4019, 0, 1],
    ]);
    expect(await remainingCalls(db, a.app.id, "general")).toBe(0);
  });

  it("cancel (queued job): images not done end with 4202, nothing charged; a second cancel is 4203; another app cannot see it", async () => {
    const a = await freshApp(100);
    const sub = await call(a, "submit", { data: Array.from({ length: 4 }, () => small.toString("base64")) });
    const c = await call(a, "cancel", { job_id: sub.body.job_id });
    expect(c.body).toMatchObject({ code: 0, state: "已取消", progress: { done: 4, total: 4 } });
    await drain();
    const st = await call(a, "status", { job_id: sub.body.job_id });
    expect(st.body.result!.every((r) => (r as { err_code: number }).err_code === 4202)).toBe(true);
    expect(await remainingCalls(db, a.app.id, "general")).toBe(100);
    expect((await call(a, "cancel", { job_id: sub.body.job_id })).body.code).toBe(4203);
    const other = await freshApp(10);
    expect((await call(other, "status", { job_id: sub.body.job_id })).body.code).toBe(4201);
  });

  it("refuses more than 1,000 images, a bad callback URL, and an unsigned request", async () => {
    const a = await freshApp(100);
    expect((await call(a, "submit", { data: Array.from({ length: 1001 }, () => "x") })).body.code).toBe(4204);
    expect((await call(a, "submit", { data: [small.toString("base64")], callback_url: "https://10.0.0.1/hook" })).body.code).toBe(4205);
    const path = jobPath("general", "submit").replace("{serviceCode}", a.serviceCodes.general);
    const res = await api(
      signedRequest({ appKey: a.app.appKey, secret: "wrong-secret", serviceCode: a.serviceCodes.general, api: "general", path, body: JSON.stringify({ data: [small.toString("base64")] }) }),
      { engine, db },
    );
    expect(((await res.json()) as Body).code).toBe(4014);
  });

  it("a process that dies mid-image: its lease runs out, another claims the image, the job finishes, each image charged once", async () => {
    const a = await freshApp(100);
    const sub = await call(a, "submit", { data: Array.from({ length: 3 }, () => small.toString("base64")) });
    const dead = await claimImages(db, 3); // claimed, then the process is killed
    expect(dead).toHaveLength(3);
    expect(await runJobsOnce(db, engine)).toBe(0); // still leased
    const later = () => new Date(Date.now() + 10 * 60_000);
    while ((await runJobsOnce(db, engine, { now: later })) > 0);
    // The dead process's late answer is dropped, not charged.
    expect(await finishImage(db, dead[0]!, { ok: true, result: { text_line: 0, detail: [] } }, new Date())).toBe(false);
    const st = await call(a, "status", { job_id: sub.body.job_id });
    expect(st.body).toMatchObject({ state: "已完成", message: { success: 3, fail: 0 } });
    expect(await remainingCalls(db, a.app.id, "general")).toBe(97);
  });

  it("a busy engine gives the image back instead of failing it", async () => {
    const a = await freshApp(100);
    let busy = true;
    const flaky = standInEngine(async () => {
      if (busy) throw new EngineError("busy", "queue full");
      return { text_line: 0, detail: [] };
    });
    const sub = await call(a, "submit", { data: [small.toString("base64")] });
    await runJobsOnce(db, flaky);
    expect((await call(a, "status", { job_id: sub.body.job_id })).body.progress.done).toBe(0);
    busy = false;
    await runJobsOnce(db, flaky);
    expect((await call(a, "status", { job_id: sub.body.job_id })).body.state).toBe("已完成");
  });

  it("shares the runner fairly: a big job of one application does not hold back another's", async () => {
    const big = await freshApp(100);
    const small2 = await freshApp(100);
    await call(big, "submit", { data: Array.from({ length: 20 }, () => small.toString("base64")) });
    await call(small2, "submit", { data: Array.from({ length: 2 }, () => small.toString("base64")) });
    const claimed = await claimImages(db, 4);
    expect(claimed.filter((c) => c.appId === small2.app.id)).toHaveLength(2);
    expect(claimed.filter((c) => c.appId === big.app.id)).toHaveLength(2);
  });

  it("callback: signed with the AppSecret, retried with back-off after a failure, every attempt logged", async () => {
    const a = await freshApp(100);
    const got: { body: string; sig: string }[] = [];
    const server = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        got.push({ body, sig: String(req.headers["x-ocr-signature"]) });
        res.writeHead(got.length === 1 ? 500 : 200).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    try {
      const sub = await call(a, "submit", { data: [small.toString("base64")], callback_url: url });
      await drain();
      const first = await deliverJobCallbacks(db, { allowHttpLocal: true, backoffBaseMs: 0 });
      expect(first.retrying).toBe(1);
      const second = await deliverJobCallbacks(db, { allowHttpLocal: true, backoffBaseMs: 0, now: new Date(Date.now() + 1000) });
      expect(second.delivered).toBe(1);
      expect(got).toHaveLength(2);
      const payload = JSON.parse(got[1]!.body) as { type: string; job: { job_id: string; state: string } };
      expect(payload).toMatchObject({ type: "job.finished", job: { job_id: sub.body.job_id, state: "已完成" } });
      expect(verifySignature(a.appSecret, got[1]!.body, got[1]!.sig, Math.floor(Date.now() / 1000))).toBe(true);
      expect(verifySignature("another-secret", got[1]!.body, got[1]!.sig, Math.floor(Date.now() / 1000))).toBe(false);
      const log = await db.select().from(jobCallbackLog).where(eq(jobCallbackLog.jobId, sub.body.job_id));
      expect(log.map((l) => l.statusCode).sort()).toEqual([200, 500]);
      const [job] = await db.select().from(ocrJobs).where(eq(ocrJobs.id, sub.body.job_id));
      expect(job!.callbackState).toBe("delivered");
    } finally {
      server.close();
    }
  });

  it("keeps results for the operator's retention, then deletes the job", async () => {
    await db.insert(settings).values({ key: "job_retention_days", value: "2" }).onConflictDoUpdate({ target: settings.key, set: { value: "2" } });
    const a = await freshApp(100);
    const sub = await call(a, "submit", { data: [small.toString("base64")] });
    await drain();
    const [job] = await db.select().from(ocrJobs).where(eq(ocrJobs.id, sub.body.job_id));
    const days = (job!.expiresAt!.getTime() - job!.finishedAt!.getTime()) / 86_400_000;
    expect(days).toBe(2);
    await purgeExpiredJobs(db, new Date(Date.now() + 86_400_000));
    expect((await call(a, "status", { job_id: sub.body.job_id })).body.code).toBe(0);
    await purgeExpiredJobs(db, new Date(Date.now() + 3 * 86_400_000));
    expect((await call(a, "status", { job_id: sub.body.job_id })).body.code).toBe(4201);
  });
});
