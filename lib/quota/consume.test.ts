import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { rowsOf, type Db } from "@/db";
import type { CallRecord } from "@/lib/metering/record";
import { quotaPacks } from "@/db/schema";
import { testDb } from "@/tests/helpers/db";
import { makeApp, makeUser } from "@/tests/helpers/fixtures";
import { chargeAndRecord, consumeCalls } from "./consume";
import { onQuotaExhausted, type QuotaExhaustedEvent } from "./events";
import { grantPack } from "./grant";
import { remainingByApi, remainingCalls } from "./remaining";

let db: Db;
let userId: string;
beforeAll(async () => {
  db = await testDb();
  userId = (await makeUser(db)).id;
});

const used = async (id: string) => (await db.select().from(quotaPacks).where(eq(quotaPacks.id, id)))[0]!.callsUsed;

describe("consumeCalls", () => {
  it("charges valid packs earliest expiry first, across packs, skipping expired and cancelled ones", async () => {
    const { app } = await makeApp(db, userId);
    const day = 86400_000;
    const now = new Date();
    const expired = await grantPack(db, { appId: app.id, api: "plate", calls: 100, source: "operator", now: new Date(now.getTime() - 400 * day) });
    const late = await grantPack(db, { appId: app.id, api: "plate", calls: 10, source: "operator", now });
    const early = await grantPack(db, { appId: app.id, api: "plate", calls: 3, source: "operator", now: new Date(now.getTime() - 100 * day) });
    const cancelled = await grantPack(db, { appId: app.id, api: "plate", calls: 50, source: "operator", now: new Date(now.getTime() - 200 * day) });
    await db.update(quotaPacks).set({ status: "cancelled" }).where(eq(quotaPacks.id, cancelled.id));
    await grantPack(db, { appId: app.id, api: "general", calls: 7, source: "operator" });

    expect(await remainingCalls(db, app.id, "plate")).toBe(13);
    const r = await consumeCalls(db, { appId: app.id, api: "plate", n: 5 });
    expect(r).toEqual({ charged: 5, packs: [{ packId: early.id, calls: 3 }, { packId: late.id, calls: 2 }], remaining: 8 });
    expect(await used(expired.id)).toBe(0);
    expect(await used(cancelled.id)).toBe(0);
    expect(await remainingByApi(db, app.id)).toEqual({ general: 7, idcard: 0, plate: 8 });
  });

  it("charges only what is left, emits used_up, and never oversells under concurrency", async () => {
    const { app } = await makeApp(db, userId);
    const pack = await grantPack(db, { appId: app.id, api: "idcard", calls: 20, source: "operator" });
    const events: QuotaExhaustedEvent[] = [];
    const off = onQuotaExhausted((e) => void events.push(e));
    const results = await Promise.all(Array.from({ length: 30 }, () => consumeCalls(db, { appId: app.id, api: "idcard", n: 1 })));
    off();
    expect(results.reduce((s, r) => s + r.charged, 0)).toBe(20);
    expect(await used(pack.id)).toBe(20);
    const last = await consumeCalls(db, { appId: app.id, api: "idcard", n: 2 });
    expect(last).toEqual({ charged: 0, packs: [], remaining: 0 });
    expect(events.filter((e) => e.appId === app.id && e.reason === "used_up")).toHaveLength(1);
  });
});

describe("chargeAndRecord", () => {
  const record = (appId: string, userId: string, over: Partial<CallRecord> = {}): CallRecord => ({
    requestId: `req_${Math.random().toString(36).slice(2)}`,
    appId,
    userId,
    api: "general",
    httpStatus: 200,
    code: 0,
    imagesOk: 2,
    imagesFailed: 0,
    packs: null,
    bytesIn: 100,
    bytesOut: 50,
    latencyMs: 3,
    engineMs: 1,
    signFailure: false,
    at: new Date(),
    ...over,
  });
  const recorded = async (requestId: string) =>
    rowsOf<{ packs: unknown }>(await db.execute(sql`select packs from calls where request_id = ${requestId}`));

  it("charges and records in one statement; the record names the packs that paid", async () => {
    const { app } = await makeApp(db, userId);
    const pack = await grantPack(db, { appId: app.id, api: "general", calls: 5, source: "operator" });
    const r = record(app.id, userId);
    expect(await chargeAndRecord(db, { appId: app.id, api: "general", n: 2 }, r)).toMatchObject({ charged: 2, remaining: 3 });
    expect(await used(pack.id)).toBe(2);
    expect(await recorded(r.requestId)).toEqual([{ packs: [{ packId: pack.id, calls: 2 }] }]);
  });

  it("a record that cannot be written leaves no charge (never a paid call without its record)", async () => {
    const { app } = await makeApp(db, userId);
    const pack = await grantPack(db, { appId: app.id, api: "general", calls: 5, source: "operator" });
    const r = record(app.id, userId, { bytesOut: 2 ** 40 }); // int4 overflow: the insert fails
    await expect(chargeAndRecord(db, { appId: app.id, api: "general", n: 2 }, r)).rejects.toThrow();
    expect(await used(pack.id)).toBe(0);
    expect(await recorded(r.requestId)).toEqual([]);
  });

  it("charges nothing and records nothing when fewer than n calls are left", async () => {
    const { app } = await makeApp(db, userId);
    const pack = await grantPack(db, { appId: app.id, api: "general", calls: 1, source: "operator" });
    const r = record(app.id, userId);
    expect((await chargeAndRecord(db, { appId: app.id, api: "general", n: 2 }, r)).charged).toBe(0);
    expect(await used(pack.id)).toBe(0);
    expect(await recorded(r.requestId)).toEqual([]);
  });
});
