/**
 * Integration (PostgreSQL): the daily_cap alert rule. An application's calls to an API today
 * reaching 80 % and then 100 % of its owner's daily cap raise one alert each, once per day
 * and percentage, even with several evaluators at once and after the condition cleared and
 * came back; each raised alert queues a webhook delivery like every other kind; the gateway's
 * hook raises it without waiting for the scheduler. Times are 50+ days ahead of the wall
 * clock so a running server's scheduler never touches these rows.
 */
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { alertEvents, webhookDeliveries, type AlertEvent } from "@/db/schema";
import { limitsFormSchema, shanghaiDay, updateAppLimits } from "@/lib/apps/limits";
import { signedCall } from "@/lib/monitoring/testing";
import { grantPack } from "@/lib/quota/grant";
import { crossesPercent } from "@/lib/quota/events";
import { testDb } from "@/tests/helpers/db";
import { makeApp, makeUser } from "@/tests/helpers/fixtures";
import { evaluate } from "./evaluate";
import { KIND_INFO, subjectLabel } from "./kinds";
import { listEvents } from "./events";
import { listRules, updateRule } from "./rules";
import { startAlertJobs, stopAlertJobs } from "./jobs";
import { setWebhook } from "./webhook";

const DAY = 86_400_000;
const MIN = 60_000;
let db: Db;

beforeAll(async () => {
  db = await testDb();
});

async function setup(days: number, cap: number) {
  const user = await makeUser(db);
  const app = await makeApp(db, user.id);
  // noon in Shanghai, so a few minutes more stay on the same day
  const t0 = new Date(Math.floor((Date.now() + days * DAY) / DAY) * DAY + 4 * 3600_000);
  const set = await updateAppLimits(db, user.id, limitsFormSchema.parse({ appId: app.app.id, qps: "10", capGeneral: String(cap) }));
  expect(set.ok).toBe(true);
  await grantPack(db, { appId: app.app.id, api: "general", calls: 1000, source: "operator", now: new Date(t0.getTime() - MIN) });
  let n = 0;
  const call = (at: Date) =>
    signedCall(db, { appKey: app.app.appKey, appSecret: app.appSecret, serviceCode: app.serviceCodes.general, api: "general", images: [true], at: new Date(at.getTime() + n++) });
  return { user, app, t0, call };
}

function capEvents(appId: string): Promise<AlertEvent[]> {
  return db.select().from(alertEvents).where(and(eq(alertEvents.appId, appId), eq(alertEvents.kind, "daily_cap"))).orderBy(alertEvents.openedAt);
}

describe("daily_cap alert rule", () => {
  it("is a default rule of every application at 80 %", async () => {
    const user = await makeUser(db);
    const app = await makeApp(db, user.id);
    const rule = (await listRules(db, user.id, app.app.id)).find((r) => r.kind === "daily_cap");
    expect(rule).toMatchObject({ enabled: true, threshold: 80 });
    expect(KIND_INFO.daily_cap.label).toBe("每日调用上限");
  });

  it("raises at 80 % and at 100 % of the cap, once each per day, and queues their webhooks", async () => {
    const { user, app, t0, call } = await setup(50, 5);
    const hook = await setWebhook(db, user.id, { url: "https://example.com/ocr-alerts" });
    expect(hook.ok).toBe(true);
    const day = shanghaiDay(t0);

    for (let i = 0; i < 3; i++) expect((await call(t0)).body.code).toBe(0);
    expect((await evaluate(db, t0, { appId: app.app.id })).raised).toEqual([]); // 3 of 5 = 60 %

    expect((await call(t0)).body.code).toBe(0); // 4 of 5 = 80 %
    const t1 = new Date(t0.getTime() + MIN);
    // several instances evaluating at once raise it once
    await Promise.all([1, 2, 3].map(() => evaluate(db, t1, { appId: app.app.id })));
    let events = await capEvents(app.app.id);
    expect(events.map((e) => [e.subject, e.level])).toEqual([[`general:${day}:80`, "warning"]]);
    expect(events[0]!.message).toContain("今日已调用 4 次，达到每日上限 5 次的 80%");
    expect(subjectLabel(events[0]!.subject)).toBe(`通用型OCR · ${day} · 80%`);

    expect((await call(t1)).body.code).toBe(0); // 5 of 5 = 100 %
    expect((await call(t1)).body.code).toBe(4019); // past the cap
    const t2 = new Date(t0.getTime() + 2 * MIN);
    await Promise.all([1, 2, 3].map(() => evaluate(db, t2, { appId: app.app.id })));
    events = await capEvents(app.app.id);
    expect(events.map((e) => [e.subject, e.level])).toEqual([
      [`general:${day}:80`, "warning"],
      [`general:${day}:100`, "critical"],
    ]);
    expect(events[1]!.message).toContain("达到每日上限 5 次，今天的后续调用将返回 4019");

    // shown in 应用告警 like every other kind
    const listed = await listEvents(db, user.id);
    expect(listed.filter((e) => e.kind === "daily_cap")).toHaveLength(2);

    // each raised alert queued one signed delivery to the account's webhook
    const deliveries = await db.select().from(webhookDeliveries).where(inArray(webhookDeliveries.eventId, events.map((e) => e.id)));
    expect(deliveries.map((d) => (d.payload as { type: string; alert: { kind: string } }).alert.kind)).toEqual(["daily_cap", "daily_cap"]);
    expect(deliveries.every((d) => (d.payload as { type: string }).type === "alert.opened")).toBe(true);

    // the owner raises the cap: both clear; lowering it again the same day raises nothing new
    await updateAppLimits(db, user.id, limitsFormSchema.parse({ appId: app.app.id, qps: "10", capGeneral: "1000" }));
    const t3 = new Date(t0.getTime() + 3 * MIN);
    expect((await evaluate(db, t3, { appId: app.app.id })).cleared).toHaveLength(2);
    await updateAppLimits(db, user.id, limitsFormSchema.parse({ appId: app.app.id, qps: "10", capGeneral: "5" }));
    const t4 = new Date(t0.getTime() + 4 * MIN);
    await Promise.all([1, 2].map(() => evaluate(db, t4, { appId: app.app.id })));
    expect(await capEvents(app.app.id)).toHaveLength(2);

    // the next day (Asia/Shanghai) counts from zero and may alert again
    const next = new Date(t0.getTime() + DAY);
    for (let i = 0; i < 4; i++) expect((await call(next)).body.code).toBe(0);
    await evaluate(db, next, { appId: app.app.id });
    events = await capEvents(app.app.id);
    expect(events.map((e) => e.subject)).toContain(`general:${shanghaiDay(next)}:80`);
    expect(events).toHaveLength(3);
  });

  it("follows the owner's percentage and stays quiet when the rule is off or there is no cap", async () => {
    const { user, app, t0, call } = await setup(52, 10);
    const rule = (await listRules(db, user.id, app.app.id)).find((r) => r.kind === "daily_cap")!;
    expect((await updateRule(db, user.id, { ruleId: rule.id, enabled: true, threshold: 50 })).ok).toBe(true);
    for (let i = 0; i < 5; i++) expect((await call(t0)).body.code).toBe(0);
    await evaluate(db, t0, { appId: app.app.id });
    expect((await capEvents(app.app.id)).map((e) => e.subject)).toEqual([`general:${shanghaiDay(t0)}:50`]);

    expect((await updateRule(db, user.id, { ruleId: rule.id, enabled: false, threshold: 50 })).ok).toBe(true);
    for (let i = 0; i < 3; i++) expect((await call(t0)).body.code).toBe(0); // 8 of 10
    await evaluate(db, t0, { appId: app.app.id });
    const after = await capEvents(app.app.id);
    expect(after).toHaveLength(1); // disabled: the open one is cleared and nothing new is raised
    expect(after[0]!.clearedAt).not.toBeNull();
  });

  it("counts only whole percents crossed (at most 100 hook calls per API and day)", () => {
    expect([1, 2, 3, 4, 5].map((n) => crossesPercent(n, 5))).toEqual([true, true, true, true, true]);
    const crossings = Array.from({ length: 1000 }, (_, i) => crossesPercent(i + 1, 1000)).filter(Boolean).length;
    expect(crossings).toBe(100);
    expect(crossesPercent(0, 10)).toBe(false);
  });
});

describe("the gateway's daily-cap hook", () => {
  afterAll(() => stopAlertJobs());

  it("raises the 80 % and 100 % alerts as the calls happen, without the scheduler", async () => {
    startAlertJobs({ schedule: false });
    const { app, t0, call } = await setup(54, 5);
    for (let i = 0; i < 4; i++) expect((await call(t0)).body.code).toBe(0);
    await expect.poll(async () => (await capEvents(app.app.id)).map((e) => e.subject)).toEqual([`general:${shanghaiDay(t0)}:80`]);
    expect((await call(t0)).body.code).toBe(0);
    await expect.poll(async () => (await capEvents(app.app.id)).length).toBe(2);
  });
});
