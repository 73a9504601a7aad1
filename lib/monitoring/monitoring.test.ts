/**
 * Integration: real signed calls through the gateway produce exactly the numbers the
 * 应用监控 charts show; the call log filters; nothing of one customer is visible to another.
 * The calls are ten days old (outside the alert rules' five-minute window). Hours behind the
 * shared database's hourly watermark are never re-folded (live calls cannot land there), so
 * the charts are read inside a transaction that is rolled back, with this test's own
 * watermark: the hourly rollups are folded there exactly as the job does.
 */
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { rowsOf, type Db } from "@/db";
import { apps, calls } from "@/db/schema";
import { grantPack } from "@/lib/quota/grant";
import { testDb } from "@/tests/helpers/db";
import { makeApp, makeUser } from "@/tests/helpers/fixtures";
import { getBurndown, getMetrics, getOverview, listCalls, callFilterSchema, windowFor, shanghaiDayStart } from "./index";
import { compactRollups, WATERMARK_KEY } from "./compact";
import { signedCall } from "./testing";

const DAY = 86_400_000;
let db: Db;
let userA: string;
let userB: string;
let appA: Awaited<ReturnType<typeof makeApp>>;
/** a minute start, ten days ago */
const base = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 10 * DAY);
const now = new Date(base.getTime() + 90_000);
const requestIds: string[] = [];

beforeAll(async () => {
  db = await testDb();
  userA = (await makeUser(db)).id;
  userB = (await makeUser(db)).id;
  appA = await makeApp(db, userA);
  await db.update(apps).set({ rateLimitPerSec: 1000 }).where(eq(apps.id, appA.app.id));
  await grantPack(db, { appId: appA.app.id, api: "general", calls: 100, source: "operator", now: new Date(base.getTime() - 3 * DAY) });
  const call = (offsetMs: number, images: boolean[], badSign = false) =>
    signedCall(db, {
      appKey: appA.app.appKey,
      appSecret: appA.appSecret,
      serviceCode: appA.serviceCodes.general,
      api: "general",
      images,
      at: new Date(base.getTime() + offsetMs),
      badSign,
    });
  const results = [
    await call(0, [true, true]),
    await call(1000, [true]),
    await call(2000, [true, false]),
    await call(65_000, [true], true),
    await call(66_000, [true]),
  ];
  expect(results.map((r) => r.body.code)).toEqual([0, 0, 0, 4014, 0]);
  requestIds.push(...results.map((r) => r.requestId));
});

class Rollback extends Error {}
/** Runs `fn` in a transaction with the hourly rollups folded up to `now` from scratch, then rolls back. */
async function withOwnHourly(fn: (tx: Db) => Promise<void>): Promise<void> {
  try {
    await db.transaction(async (tx) => {
      await tx.execute(sql`delete from settings where key = ${WATERMARK_KEY}`);
      await tx.execute(sql`delete from call_rollups_hourly where user_id = ${userA}`);
      await tx.execute(sql`insert into settings (key, value) values (${WATERMARK_KEY}, ${new Date(Math.floor(base.getTime() / 3_600_000) * 3_600_000).toISOString()})`);
      const wm = await compactRollups(tx, new Date(now.getTime() + 2 * 3_600_000));
      expect(wm!.getTime()).toBeGreaterThan(now.getTime());
      await fn(tx as unknown as Db);
      throw new Rollback();
    });
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  }
}

describe("应用监控 from signed calls", () => {
  it("charts exactly what the calls recorded", async () => {
    const m = await getMetrics(db, { userId: userA, appId: appA.app.id, range: "1h", now });
    const [truth] = rowsOf<{ n: number; failed: number; ok: number; bad: number; bin: number; bout: number }>(
      await db.execute(sql`select count(*)::int as n, count(*) filter (where code <> 0)::int as failed, sum(images_ok)::int as ok,
        sum(images_failed)::int as bad, sum(bytes_in)::int as bin, sum(bytes_out)::int as bout from calls where app_id = ${appA.app.id}`),
    );
    expect(m.totals).toMatchObject({ calls: 5, ok: 4, failed: 1, imagesOk: 5, imagesFailed: 1, signFailures: 1 });
    expect(m.totals).toMatchObject({ calls: truth!.n, failed: truth!.failed, imagesOk: truth!.ok, imagesFailed: truth!.bad, bytesIn: truth!.bin, bytesOut: truth!.bout });
    expect(m.totals.bytesIn).toBeGreaterThan(0);
    expect(m.totals.errorRate).toBeCloseTo(0.2);
    // per-minute buckets: three calls in the first minute, two (one failed) in the next
    const first = m.points.find((p) => p.t === base.getTime())!;
    const second = m.points.find((p) => p.t === base.getTime() + 60_000)!;
    expect(first).toMatchObject({ calls: 3, ok: 3, failed: 0, imagesOk: 4, imagesFailed: 1 });
    expect(second).toMatchObject({ calls: 2, ok: 1, failed: 1, imagesOk: 1 });
    expect(m.points).toHaveLength(60);
    expect(m.points.filter((p) => p.calls > 0)).toHaveLength(2);
    expect(m.totals.p50).not.toBeNull();
    expect(m.totals.p95!).toBeGreaterThanOrEqual(m.totals.p50!);
    // a longer range has the same totals, in fewer, wider buckets
    const day = await getMetrics(db, { userId: userA, range: "24h", now });
    expect(day.totals).toMatchObject({ calls: 5, failed: 1, bytesIn: m.totals.bytesIn });
    expect(day.points).toHaveLength(96);
    await withOwnHourly(async (db) => {
      const month = await getMetrics(db, { userId: userA, api: "general", range: "30d", now });
      expect(month.points).toHaveLength(30);
      expect(month.totals.calls).toBe(5);
      expect((await getMetrics(db, { userId: userA, api: "idcard", range: "30d", now })).totals.calls).toBe(0);
      // the 30-day chart read the hourly rollups, which hold exactly the minutes' sums
      const [hourly] = rowsOf<{ calls: number; bytes: number; hist: number }>(
        await db.execute(sql`select sum(calls)::int as calls, sum(bytes_in)::int as bytes, sum((select sum(x) from unnest(lat_hist) x))::int as hist
          from call_rollups_hourly where app_id = ${appA.app.id}`),
      );
      expect(hourly).toEqual({ calls: 5, bytes: m.totals.bytesIn, hist: 5 });
      expect(month.totals).toEqual({ ...day.totals });
      const week = await getMetrics(db, { userId: userA, appId: appA.app.id, range: "7d", now });
      expect(week.totals).toEqual(m.totals);
    });
  });

  it("buckets are aligned to Shanghai days", () => {
    const w = windowFor("30d", now);
    expect(w.buckets).toHaveLength(30);
    expect(w.buckets.every((b) => (b.getTime() + 8 * 3_600_000) % DAY === 0)).toBe(true);
    expect(w.to.getTime()).toBeGreaterThan(now.getTime());
    expect(shanghaiDayStart(new Date("2024-05-01T15:59:00Z")).toISOString()).toBe("2024-04-30T16:00:00.000Z");
    expect(shanghaiDayStart(new Date("2024-05-01T16:00:00Z")).toISOString()).toBe("2024-05-01T16:00:00.000Z");
  });

  it("burn-down goes from the granted pack to what is left, with a forecast", async () => {
    await withOwnHourly(async (db) => {
      const [general] = (await getBurndown(db, { userId: userA, appId: appA.app.id, now })).filter((b) => b.api === "general");
      expect(general!.left).toBe(95); // five recognised images were charged
      expect(general!.points.at(-1)).toEqual({ t: now.getTime(), left: 95 });
      expect(general!.points[0]!.left).toBe(0); // before the pack started
      expect(general!.points.some((p) => p.left === 100)).toBe(true); // the day the pack started, before the calls
      // the rate is over the last 7 days from the first whole hour
      const weekDays = (now.getTime() - Math.ceil((now.getTime() - 7 * DAY) / 3_600_000) * 3_600_000) / DAY;
      expect(general!.dailyRate).toBeCloseTo(5 / weekDays, 9);
      const at = now.getTime() + (95 / (5 / weekDays)) * DAY; // within the pack's year
      expect(general!.forecast).toMatchObject({ kind: "runsOut", daysLeft: Math.ceil((at - now.getTime()) / DAY), expiring: 0 });
      if (general!.forecast.kind === "runsOut") expect(general!.forecast.at).toBeCloseTo(at, -1);
      expect(general!.forecastPath.at(-1)).toMatchObject({ left: 0 });
    });
  });

  it("the call log filters by API, code, time and request id, page by page", async () => {
    const all = await listCalls(db, { userId: userA, appId: appA.app.id, filter: callFilterSchema.parse({}) });
    expect(all.rows.map((r) => r.requestId)).toEqual([...requestIds].reverse());
    const f = (o: Record<string, string>) => listCalls(db, { userId: userA, appId: appA.app.id, filter: callFilterSchema.parse(o) });
    expect((await f({ code: "4014" })).rows.map((r) => r.requestId)).toEqual([requestIds[3]]);
    expect((await f({ code: "failed" })).rows).toHaveLength(1);
    expect((await f({ code: "ok" })).rows).toHaveLength(4);
    expect((await f({ api: "idcard" })).rows).toHaveLength(0);
    expect((await f({ q: requestIds[2]! })).rows.map((r) => r.imagesFailed)).toEqual([1]);
    const shanghai = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16);
    expect((await f({ from: shanghai(new Date(base.getTime() + 60_000)) })).rows).toHaveLength(2);
    expect((await f({ to: shanghai(base) })).rows).toHaveLength(3);
    const page1 = await listCalls(db, { userId: userA, appId: appA.app.id, filter: callFilterSchema.parse({}), limit: 2 });
    expect(page1.rows).toHaveLength(2);
    const page2 = await listCalls(db, { userId: userA, appId: appA.app.id, filter: callFilterSchema.parse({ before: page1.next! }), limit: 2 });
    const page3 = await listCalls(db, { userId: userA, appId: appA.app.id, filter: callFilterSchema.parse({ before: page2.next! }), limit: 2 });
    expect([...page1.rows, ...page2.rows, ...page3.rows].map((r) => r.requestId)).toEqual([...requestIds].reverse());
    expect(page3.next).toBeNull();
    expect(await db.select().from(calls).where(eq(calls.requestId, "no-such"))).toHaveLength(0);
  });

  it("the console home sums today's calls per application", async () => {
    const [row] = await getOverview(db, userA, now);
    const since = shanghaiDayStart(now).getTime();
    const expected = [0, 1000, 2000, 65_000, 66_000].filter((o) => base.getTime() + o >= since);
    expect(row).toMatchObject({ id: appA.app.id, callsToday: expected.length, left: { general: 95, idcard: 0, plate: 0 }, opened: ["general"] });
  });

  it("another customer reads none of it", async () => {
    expect((await getMetrics(db, { userId: userB, appId: appA.app.id, range: "24h", now })).totals.calls).toBe(0);
    expect((await getMetrics(db, { userId: userB, range: "24h", now })).totals.calls).toBe(0);
    expect((await listCalls(db, { userId: userB, appId: appA.app.id, filter: callFilterSchema.parse({}) })).rows).toHaveLength(0);
    expect(await getBurndown(db, { userId: userB, appId: appA.app.id, now })).toEqual([]);
    expect(await getOverview(db, userB, now)).toEqual([]);
  });
});
