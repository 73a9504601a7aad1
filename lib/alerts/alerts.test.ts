/**
 * Integration: each rule fires once (even with several evaluators at once) and clears when
 * its condition ends; acknowledgement; webhook deliveries are signed and retried after a
 * failure, against a local receiver. Times are 30+ days ahead of the wall clock so a
 * running server's scheduler (which evaluates at the wall clock) never touches these rows.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { alertEvents, alertRules, apps, webhookDeliveries, type AlertEvent } from "@/db/schema";
import { grantPack } from "@/lib/quota/grant";
import { signedCall } from "@/lib/monitoring/testing";
import { testDb } from "@/tests/helpers/db";
import { makeApp, makeUser } from "@/tests/helpers/fixtures";
import { ALERT_KINDS } from "@/db/schema";
import { acknowledge, listEvents } from "./events";
import { EVALUATED_KINDS, evaluate } from "./evaluate";
import { listRules, updateRule } from "./rules";
import { backoffMs, deliverDue, enqueueDeliveries, setWebhook, SIGNATURE_HEADER, verifySignature } from "./webhook";
import { countOpenAlerts } from "./count";
import { startAlertJobs, stopAlertJobs } from "./jobs";

const DAY = 86_400_000;
const MIN = 60_000;
let db: Db;

type App = Awaited<ReturnType<typeof makeApp>>;

async function setup(days: number) {
  const user = await makeUser(db);
  const app = await makeApp(db, user.id);
  await db.update(apps).set({ rateLimitPerSec: 1000 }).where(eq(apps.id, app.app.id));
  const t0 = new Date(Math.floor(Date.now() / MIN) * MIN + days * DAY);
  return { user, app, t0 };
}

function call(app: App, at: Date, images: boolean[], badSign = false) {
  return signedCall(db, { appKey: app.app.appKey, appSecret: app.appSecret, serviceCode: app.serviceCodes.general, api: "general", images, at, badSign });
}

async function eventsOf(appId: string, kind: AlertEvent["kind"]): Promise<AlertEvent[]> {
  return db.select().from(alertEvents).where(and(eq(alertEvents.appId, appId), eq(alertEvents.kind, kind)));
}

async function setRule(userId: string, appId: string, kind: AlertEvent["kind"], patch: { threshold?: number; enabled?: boolean }) {
  const rule = (await listRules(db, userId, appId)).find((r) => r.kind === kind)!;
  const res = await updateRule(db, userId, { ruleId: rule.id, enabled: patch.enabled ?? rule.enabled, threshold: patch.threshold ?? rule.threshold });
  expect(res.ok).toBe(true);
}

beforeAll(async () => {
  db = await testDb();
});

describe("alert rules", () => {
  it("every kind has a default rule and an evaluator", async () => {
    const { user, app } = await setup(40);
    expect((await listRules(db, user.id, app.app.id)).map((r) => r.kind)).toEqual([...ALERT_KINDS]);
    expect([...EVALUATED_KINDS].sort()).toEqual([...ALERT_KINDS].sort());
    const other = await makeUser(db);
    expect(await listRules(db, other.id, app.app.id)).toEqual([]);
    const rule = (await listRules(db, user.id, app.app.id))[0]!;
    expect((await updateRule(db, other.id, { ruleId: rule.id, enabled: false, threshold: 5 })).ok).toBe(false);
    expect((await updateRule(db, user.id, { ruleId: rule.id, enabled: true, threshold: 500 })).ok).toBe(false); // percent ≤ 99
  });

  it("quota used up fires once across concurrent evaluators, clears when a pack is bought, and can be acknowledged", async () => {
    const { user, app, t0 } = await setup(40);
    await grantPack(db, { appId: app.app.id, api: "general", calls: 3, source: "operator", now: t0 });
    const t1 = new Date(t0.getTime() + MIN);
    expect((await call(app, t1, [true])).body.code).toBe(0);
    await evaluate(db, t1, { appId: app.app.id });
    const low = await eventsOf(app.app.id, "quota_low_calls");
    expect(low).toHaveLength(1); // 2 left < 100
    expect(low[0]).toMatchObject({ subject: "general", level: "warning", clearedAt: null });
    expect(await eventsOf(app.app.id, "quota_exhausted")).toHaveLength(0);

    const t2 = new Date(t1.getTime() + MIN);
    expect((await call(app, t2, [true, true])).body.code).toBe(0);
    expect((await call(app, new Date(t2.getTime() + 1000), [true])).body.code).toBe(4019);
    await Promise.all([1, 2, 3].map(() => evaluate(db, t2, { appId: app.app.id })));
    await evaluate(db, t2, { appId: app.app.id });
    const used = await eventsOf(app.app.id, "quota_exhausted");
    expect(used).toHaveLength(1);
    expect(used[0]).toMatchObject({ subject: "general", level: "critical", status: "未处理", clearedAt: null });
    expect((await eventsOf(app.app.id, "quota_low_calls"))[0]!.clearedAt).not.toBeNull(); // 0 left is "used up", not "low"
    expect(await countOpenAlerts(db, user.id)).toBe(2); // both still 未处理 until acknowledged

    const t3 = new Date(t2.getTime() + MIN);
    await grantPack(db, { appId: app.app.id, api: "general", calls: 1000, source: "operator", now: t3 });
    await evaluate(db, t3, { appId: app.app.id });
    const after = await eventsOf(app.app.id, "quota_exhausted");
    expect(after).toHaveLength(1);
    expect(after[0]!.clearedAt?.getTime()).toBe(t3.getTime());

    const other = await makeUser(db);
    expect(await acknowledge(db, other.id, used[0]!.id)).toBe(false);
    expect(await listEvents(db, other.id)).toHaveLength(0);
    expect(await acknowledge(db, user.id, used[0]!.id)).toBe(true);
    expect(await acknowledge(db, user.id, used[0]!.id)).toBe(false);
    expect((await listEvents(db, user.id, { status: "已处理" })).map((e) => e.id)).toEqual([used[0]!.id]);
    expect(await countOpenAlerts(db, user.id)).toBe(1);
  });

  it("remaining below N% fires and clears", async () => {
    const { user, app, t0 } = await setup(41);
    await setRule(user.id, app.app.id, "quota_low_calls", { enabled: false });
    await grantPack(db, { appId: app.app.id, api: "general", calls: 100, source: "operator", now: t0 });
    const t1 = new Date(t0.getTime() + MIN);
    for (let i = 0; i < 2; i++) expect((await call(app, new Date(t1.getTime() + i * 1000), new Array(46).fill(true))).body.code).toBe(0);
    await evaluate(db, t1, { appId: app.app.id });
    await evaluate(db, t1, { appId: app.app.id });
    const ev = await eventsOf(app.app.id, "quota_low_percent");
    expect(ev).toHaveLength(1);
    expect(ev[0]!.message).toContain("剩余 8 次");
    expect(await eventsOf(app.app.id, "quota_low_calls")).toHaveLength(0); // disabled
    const t2 = new Date(t1.getTime() + MIN);
    await grantPack(db, { appId: app.app.id, api: "general", calls: 1000, source: "operator", now: t2 });
    await evaluate(db, t2, { appId: app.app.id });
    expect((await eventsOf(app.app.id, "quota_low_percent"))[0]!.clearedAt).not.toBeNull();
  });

  it("a pack expiring within N days fires per pack and clears once it expired", async () => {
    const { app, t0 } = await setup(42);
    const pack = await grantPack(db, { appId: app.app.id, api: "general", calls: 100_000, source: "operator", now: t0, validityDays: 3 });
    await evaluate(db, new Date(t0.getTime() + DAY), { appId: app.app.id });
    await evaluate(db, new Date(t0.getTime() + 2 * DAY), { appId: app.app.id });
    const ev = await eventsOf(app.app.id, "pack_expiring");
    expect(ev).toHaveLength(1);
    expect(ev[0]).toMatchObject({ subject: pack.id, level: "info", clearedAt: null });
    await evaluate(db, new Date(t0.getTime() + 4 * DAY), { appId: app.app.id });
    expect((await eventsOf(app.app.id, "pack_expiring"))[0]!.clearedAt).not.toBeNull();
  });

  it("error rate, signature failures and p95 latency over 5 minutes fire once and clear when the window passes", async () => {
    const { user, app, t0 } = await setup(43);
    await grantPack(db, { appId: app.app.id, api: "general", calls: 100_000, source: "operator", now: t0 });
    await setRule(user.id, app.app.id, "sign_failures", { threshold: 3 });
    await setRule(user.id, app.app.id, "latency_p95", { threshold: 1 });
    const t1 = new Date(t0.getTime() + 10 * MIN);
    for (let i = 0; i < 5; i++) expect((await call(app, new Date(t1.getTime() + i * 1000), [true], true)).body.code).toBe(4014);
    for (let i = 0; i < 5; i++) expect((await call(app, new Date(t1.getTime() + 10_000 + i * 1000), [true])).body.code).toBe(0);
    const t2 = new Date(t1.getTime() + 2 * MIN);
    await Promise.all([evaluate(db, t2, { appId: app.app.id }), evaluate(db, t2, { appId: app.app.id })]);
    await evaluate(db, t2, { appId: app.app.id });
    const err = await eventsOf(app.app.id, "error_rate");
    const sign = await eventsOf(app.app.id, "sign_failures");
    const lat = await eventsOf(app.app.id, "latency_p95");
    expect(err).toHaveLength(1);
    expect(err[0]!.message).toContain("失败 5 次（50%");
    expect(sign).toHaveLength(1);
    expect(sign[0]).toMatchObject({ subject: "", level: "critical" });
    expect(lat).toHaveLength(1);
    expect(lat[0]!.subject).toBe("general");

    // disabling a rule clears its open event
    await setRule(user.id, app.app.id, "latency_p95", { enabled: false });
    await evaluate(db, t2, { appId: app.app.id });
    expect((await eventsOf(app.app.id, "latency_p95"))[0]!.clearedAt).not.toBeNull();
    expect((await eventsOf(app.app.id, "error_rate"))[0]!.clearedAt).toBeNull();

    const t3 = new Date(t1.getTime() + 10 * MIN);
    await evaluate(db, t3, { appId: app.app.id });
    expect((await eventsOf(app.app.id, "error_rate"))[0]!.clearedAt).not.toBeNull();
    expect((await eventsOf(app.app.id, "sign_failures"))[0]!.clearedAt).not.toBeNull();
    expect(await eventsOf(app.app.id, "error_rate")).toHaveLength(1);
  });
});

describe("the gateway's quota-exhausted hook", () => {
  afterAll(() => stopAlertJobs());

  it("raises the alert as soon as a call uses the quota up", async () => {
    startAlertJobs({ schedule: false });
    const { app } = await setup(0);
    await grantPack(db, { appId: app.app.id, api: "general", calls: 1, source: "operator", now: new Date(Date.now() - MIN) });
    expect((await call(app, new Date(), [true])).body.code).toBe(0);
    await expect.poll(async () => (await eventsOf(app.app.id, "quota_exhausted")).length).toBe(1);
    expect((await call(app, new Date(Date.now() + 1), [true])).body.code).toBe(4019);
    await expect.poll(async () => (await eventsOf(app.app.id, "quota_exhausted")).length).toBe(1);
  });
});

describe("webhook", () => {
  const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  let failNext = 1;
  let server: http.Server;
  let url = "";

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString("utf8")));
      req.on("end", () => {
        received.push({ headers: req.headers, body });
        res.statusCode = failNext-- > 0 ? 500 : 204;
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("requires HTTPS unless a test allows a local receiver", async () => {
    const { user } = await setup(44);
    expect(await setWebhook(db, user.id, { url })).toMatchObject({ ok: false, message: "Webhook 地址必须使用 HTTPS" });
    expect(await setWebhook(db, user.id, { url: "http://example.com/x" }, { allowHttpLocal: true })).toMatchObject({ ok: false });
    expect(await setWebhook(db, user.id, { url: "https://example.com/x" })).toMatchObject({ ok: true });
    for (const internal of ["https://127.0.0.1/x", "https://localhost/x", "https://10.1.2.3/x", "https://192.168.1.1/x", "https://[::1]/x"]) {
      expect(await setWebhook(db, user.id, { url: internal })).toMatchObject({ ok: false, message: "Webhook 地址不能指向本机或内网地址" });
    }
  });

  it("delivers a signed alert, retrying with backoff after a failure", async () => {
    const { user, app, t0 } = await setup(45);
    const set = await setWebhook(db, user.id, { url }, { allowHttpLocal: true });
    if (!set.ok || !set.secret) throw new Error("webhook not set");
    const secret = set.secret;
    await grantPack(db, { appId: app.app.id, api: "general", calls: 1, source: "operator", now: t0 });
    const t1 = new Date(t0.getTime() + MIN);
    expect((await call(app, t1, [true])).body.code).toBe(0);
    const res = await evaluate(db, t1, { appId: app.app.id });
    const [ev] = await eventsOf(app.app.id, "quota_exhausted");
    expect(res.raised).toContain(ev!.id);
    const [queued] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.eventId, ev!.id));
    expect(queued).toMatchObject({ status: "pending", attempts: 0, url });

    expect(await deliverDue(db, { now: t1, userId: user.id, allowHttpLocal: true })).toEqual({ delivered: 0, retrying: 1, failed: 0 });
    const [after1] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, queued!.id));
    expect(after1).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: 500, lastError: "HTTP 500" });
    expect(after1!.nextAttemptAt.getTime()).toBe(t1.getTime() + backoffMs(1));
    expect(backoffMs(1)).toBe(30_000);
    expect(backoffMs(3)).toBe(120_000);

    // not due yet: nothing is sent
    expect(await deliverDue(db, { now: new Date(t1.getTime() + 10_000), userId: user.id, allowHttpLocal: true })).toEqual({ delivered: 0, retrying: 0, failed: 0 });
    expect(await deliverDue(db, { now: new Date(t1.getTime() + 30_000), userId: user.id, allowHttpLocal: true })).toEqual({ delivered: 1, retrying: 0, failed: 0 });
    const [after2] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, queued!.id));
    expect(after2).toMatchObject({ status: "delivered", attempts: 2, lastStatusCode: 204 });

    expect(received).toHaveLength(2);
    for (const r of received) {
      const header = r.headers[SIGNATURE_HEADER.toLowerCase()] as string;
      expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
      expect(verifySignature(secret, r.body, header, Math.floor(Date.now() / 1000))).toBe(true);
      expect(verifySignature("whsec_wrong", r.body, header, Math.floor(Date.now() / 1000))).toBe(false);
      expect(verifySignature(secret, r.body + " ", header, Math.floor(Date.now() / 1000))).toBe(false);
      const payload = JSON.parse(r.body) as { type: string; alert: { id: string; kind: string; subject: string } };
      expect(payload).toMatchObject({ type: "alert.opened", alert: { id: ev!.id, kind: "quota_exhausted", subject: "general" } });
    }

    // a receiver that never recovers: the delivery gives up after the last attempt
    failNext = 100;
    await enqueueDeliveries(db, [ev!.id], "alert.opened", t1);
    let at = t1.getTime();
    for (let i = 0; i < 6; i++) {
      await deliverDue(db, { now: new Date(at), userId: user.id, allowHttpLocal: true });
      at += backoffMs(i + 1);
    }
    const rows = await db.select().from(webhookDeliveries).where(and(eq(webhookDeliveries.userId, user.id), eq(webhookDeliveries.status, "failed")));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.attempts).toBe(6);
    await db.update(alertRules).set({ enabled: false }).where(eq(alertRules.appId, app.app.id));
  });
});
