import { and, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db, DbOrTx } from "@/db";
import { apps, auditLog, callRollups, coupons, ocrJobs, orders, prices, quotaPacks, users, vouchers } from "@/db/schema";
import { purgeExpiredJobs } from "@/lib/jobs/manage";
import { retentionDays } from "@/lib/jobs/limits";
import { newId } from "@/lib/id";
import { emptyHistogram, bucketIndex } from "@/lib/metering/histogram";
import { makeApp, makeUser } from "@/tests/helpers/fixtures";
import { testDb } from "@/tests/helpers/db";
import { creditAccount, listAccounts } from "./accounts-admin";
import { listAudit } from "./audit";
import { listApps, setAppStatus, setRateLimit } from "./apps-admin";
import { cancelPack } from "./packs-admin";
import { updatePrice } from "./prices";
import { issueCouponTo, issueVoucherTo } from "./promotions";
import { platformUsage, revenueSeries } from "./reports";
import { creditSchema, issueCouponSchema, updateJobRetentionSchema, updatePriceSchema } from "./schemas";
import { getFreeQuota, updateFreeQuota, updateJobRetention } from "./settings";

let db: Db;
let op: Awaited<ReturnType<typeof makeUser>>;

beforeAll(async () => {
  db = await testDb();
  op = await makeUser(db, { role: "operator" });
});

const audits = (tx: DbOrTx, targetId: string) =>
  tx.select().from(auditLog).where(eq(auditLog.targetId, targetId)).orderBy(desc(auditLog.id));

class Rollback extends Error {}
/** Runs `fn` in a transaction that is always rolled back: for the platform-wide price table and settings. */
async function rolledBack(fn: (tx: DbOrTx) => Promise<void>): Promise<void> {
  await expect(
    db.transaction(async (tx) => {
      await fn(tx);
      throw new Rollback();
    }),
  ).rejects.toBeInstanceOf(Rollback);
}

describe("prices", () => {
  it("changes a tier's price and beta price with before/after in the audit log; unchanged writes nothing", async () => {
    await rolledBack(async (tx) => {
      const input = updatePriceSchema.parse({ api: "plate", tier: "10000000", unitPrice: "48888.88", betaPrice: "1", betaEndsAt: "2031-01-01T00:00" });
      const [before] = await tx.select().from(prices).where(and(eq(prices.api, "plate"), eq(prices.tier, 10000000)));
      const res = await updatePrice(tx, op.id, input);
      expect(res.ok && res.value.changed).toBe(true);
      const [after] = await tx.select().from(prices).where(and(eq(prices.api, "plate"), eq(prices.tier, 10000000)));
      expect(after).toMatchObject({ unitPriceFen: 4888888, betaPriceFen: 100 });
      expect(after!.betaEndsAt!.toISOString()).toBe("2030-12-31T16:00:00.000Z");
      const [a] = await audits(tx, "plate:10000000");
      expect(a).toMatchObject({ actorId: op.id, action: "price.update", before: { unitPriceFen: before!.unitPriceFen }, after: { unitPriceFen: 4888888, betaPriceFen: 100 } });
      const logged = (await audits(tx, "plate:10000000")).length;
      const again = await updatePrice(tx, op.id, input);
      expect(again.ok && again.value.changed).toBe(false);
      expect(await audits(tx, "plate:10000000")).toHaveLength(logged);
    });
  });

  it("rejects a beta price without an end, and amounts with more than two decimals", () => {
    expect(updatePriceSchema.safeParse({ api: "plate", tier: "1000", unitPrice: "10", betaPrice: "5", betaEndsAt: "" }).success).toBe(false);
    expect(updatePriceSchema.safeParse({ api: "plate", tier: "1000", unitPrice: "10.001" }).success).toBe(false);
    expect(updatePriceSchema.safeParse({ api: "plate", tier: "1234", unitPrice: "10" }).success).toBe(false);
    expect(updatePriceSchema.parse({ api: "plate", tier: "1000", unitPrice: "0.07", betaPrice: "", betaEndsAt: "" })).toMatchObject({ unitPriceFen: 7, betaPriceFen: null, betaEndsAt: null });
  });

  it("rolls the price back when the audit write fails (same transaction)", async () => {
    await rolledBack(async (tx) => {
      const key = and(eq(prices.api, "plate"), eq(prices.tier, 1000));
      const [before] = await tx.select().from(prices).where(key);
      const input = updatePriceSchema.parse({ api: "plate", tier: "1000", unitPrice: "99.99" });
      // PostgreSQL text refuses a NUL byte: the audit insert fails after the price update ran
      await expect(updatePrice(tx, "bad\u0000actor", input)).rejects.toThrow();
      const [after] = await tx.select().from(prices).where(key);
      expect(after!.unitPriceFen).toBe(before!.unitPriceFen);
    });
  });
});

describe("free quota", () => {
  it("updates both settings and audits the change", async () => {
    await rolledBack(async (tx) => {
      const before = await getFreeQuota(tx);
      await updateFreeQuota(tx, op.id, { calls: before.calls + 7, days: 30, maxApps: 3 });
      expect(await getFreeQuota(tx)).toEqual({ calls: before.calls + 7, days: 30, maxApps: 3 });
      const [a] = await audits(tx, "free_quota");
      expect(a).toMatchObject({ action: "settings.free_quota", before, after: { calls: before.calls + 7, days: 30, maxApps: 3 } });
    });
  });
});

describe("asynchronous job retention", () => {
  it("refuses a period outside 1–365 whole days", () => {
    expect(updateJobRetentionSchema.safeParse({ days: "0" }).success).toBe(false);
    expect(updateJobRetentionSchema.safeParse({ days: "366" }).success).toBe(false);
    expect(updateJobRetentionSchema.safeParse({ days: "2.5" }).success).toBe(false);
    expect(updateJobRetentionSchema.parse({ days: "30" })).toEqual({ days: 30 });
  });

  it("sets the days, audits the change, and re-dates finished jobs from when they ended (shortening deletes older results)", async () => {
    await rolledBack(async (tx) => {
      const u = await makeUser(tx);
      const a = await makeApp(tx, u.id);
      const ended = new Date(Date.now() - 5 * 86_400_000);
      const job = (id: string, finishedAt: Date | null) => ({
        id,
        appId: a.app.id,
        userId: u.id,
        api: "general" as const,
        state: finishedAt ? ("已完成" as const) : ("处理中" as const),
        total: 1,
        finishedAt,
        expiresAt: finishedAt ? new Date(finishedAt.getTime() + 7 * 86_400_000) : null,
      });
      const oldId = newId("job");
      const runningId = newId("job");
      await tx.insert(ocrJobs).values([job(oldId, ended), job(runningId, null)]);
      const before = await retentionDays(tx);
      const target = before === 3 ? 4 : 3;
      const res = await updateJobRetention(tx, op.id, { days: target });
      expect(res.changed).toBe(true);
      expect(await retentionDays(tx)).toBe(target);
      const [old] = await tx.select().from(ocrJobs).where(eq(ocrJobs.id, oldId));
      expect(old!.expiresAt!.getTime()).toBe(ended.getTime() + target * 86_400_000);
      const [running] = await tx.select().from(ocrJobs).where(eq(ocrJobs.id, runningId));
      expect(running!.expiresAt).toBeNull();
      // ended 5 days ago, kept 3 or 4 days: housekeeping deletes it now; the running job stays
      await purgeExpiredJobs(tx);
      expect(await tx.select().from(ocrJobs).where(eq(ocrJobs.id, oldId))).toHaveLength(0);
      expect(await tx.select().from(ocrJobs).where(eq(ocrJobs.id, runningId))).toHaveLength(1);
      const [audit] = await audits(tx, "job_retention_days");
      expect(audit).toMatchObject({ action: "settings.job_retention", actorId: op.id, before: { days: before }, after: { days: target } });
      // the same value again changes nothing and writes no audit row
      expect((await updateJobRetention(tx, op.id, { days: target })).changed).toBe(false);
      expect(await audits(tx, "job_retention_days")).toHaveLength(1);
    });
  });
});

describe("applications", () => {
  it("sets the rate limit, disables with a reason and enables again, each audited", async () => {
    const owner = await makeUser(db);
    const { app } = await makeApp(db, owner.id);
    const rl = await setRateLimit(db, op.id, { appId: app.id, ratePerSec: 3 });
    expect(rl).toEqual({ ok: true, value: { before: 10, after: 3 } });
    const off = await setAppStatus(db, op.id, { appId: app.id, status: "disabled", reason: "涉嫌滥用" });
    expect(off.ok).toBe(true);
    expect((await setAppStatus(db, op.id, { appId: app.id, status: "disabled", reason: "再来一次" })).ok).toBe(false);
    const [row] = await db.select().from(apps).where(eq(apps.id, app.id));
    expect(row).toMatchObject({ status: "disabled", rateLimitPerSec: 3, disabledReason: "运营停用：涉嫌滥用" });
    await setAppStatus(db, op.id, { appId: app.id, status: "active", reason: "已核实" });
    const log = await audits(db, app.id);
    expect(log.map((l) => l.action)).toEqual(["app.enable", "app.disable", "app.rate_limit"]);
    expect(log[1]).toMatchObject({ before: { status: "active" }, after: { status: "disabled" }, reason: "涉嫌滥用" });
    const listed = await listApps(db, { q: owner.email });
    expect(listed.rows.map((r) => r.id)).toEqual([app.id]);
  });

  it("cancels an active pack once, with the reason", async () => {
    const owner = await makeUser(db);
    const { app } = await makeApp(db, owner.id);
    const packId = newId("pck");
    await db.insert(quotaPacks).values({ id: packId, appId: app.id, api: "general", tier: 1000, callsTotal: 1000, source: "operator", expiresAt: new Date(Date.now() + 86_400_000) });
    const res = await cancelPack(db, op.id, { packId, reason: "误购退款" });
    expect(res.ok && res.value).toMatchObject({ status: "cancelled", cancelReason: "误购退款" });
    expect((await cancelPack(db, op.id, { packId, reason: "第二次" })).ok).toBe(false);
    const log = await audits(db, packId);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ action: "pack.cancel", before: { status: "active" }, after: { status: "cancelled" } });
  });
});

describe("accounts and promotions", () => {
  it("credits a balance through lib/payments and refuses a debit the balance does not cover", async () => {
    const c = await makeUser(db, { balanceFen: 500 });
    const token = `tok_${Date.now()}_${Math.random().toString(36).slice(2)}`;
    const res = await creditAccount(db, op.id, creditSchema.parse({ userId: c.id, amount: "12.34", note: "补偿故障", token }));
    expect(res).toEqual({ ok: true, value: { balanceFen: 1734 } });
    // the same form submitted again (a second click) changes nothing: ¥17.34 stays ¥17.34
    const again = await creditAccount(db, op.id, creditSchema.parse({ userId: c.id, amount: "12.34", note: "补偿故障", token }));
    expect(again).toEqual({ ok: true, value: { balanceFen: 1734, duplicate: true } });
    const neg = await creditAccount(db, op.id, creditSchema.parse({ userId: c.id, amount: "-100", note: "更正", token: `${token}_2` }));
    expect(neg.ok).toBe(false);
    const log = await audits(db, c.id);
    expect(log.filter((l) => l.action === "balance.credit")).toHaveLength(1);
    const [a] = log;
    expect(a).toMatchObject({ action: "balance.credit", before: { balanceFen: 500 }, after: { balanceFen: 1734 } });
    const listed = await listAccounts(db, { q: c.email });
    expect(listed.rows[0]).toMatchObject({ id: c.id, balanceFen: 1734, apps: 0 });
  });

  it("counts a customer's applications and completed orders (not 0 / 0 笔 · ¥0.00)", async () => {
    const c = await makeUser(db);
    const { app } = await makeApp(db, c.id);
    await makeApp(db, c.id);
    const now = new Date();
    await db.insert(orders).values({ id: `9${String(Date.now()).padStart(19, "0")}`.slice(0, 20), userId: c.id, appId: app.id, api: "general", totalFen: 61000, couponFen: 1000, status: "已完成", paidAt: now });
    const listed = await listAccounts(db, { q: c.email });
    expect(listed.rows[0]).toMatchObject({ id: c.id, apps: 2, paidOrders: 1, paidFen: 60000 });
  });

  it("issues a voucher and a coupon to an account by email", async () => {
    const c = await makeUser(db);
    const v = await issueVoucherTo(db, op.id, { email: c.email.toUpperCase().toLowerCase(), amount: 500, validDays: 30, note: "活动" });
    expect(v.ok).toBe(true);
    const coupon = await issueCouponTo(db, op.id, issueCouponSchema.parse({ email: c.email, kind: "percent", threshold: "", percentOff: "20", validDays: "30", note: "" }));
    expect(coupon.ok && coupon.value).toMatchObject({ kind: "percent", percentOff: 20, thresholdFen: 0, userId: c.id });
    expect(await db.select().from(vouchers).where(eq(vouchers.userId, c.id))).toHaveLength(1);
    expect(await db.select().from(coupons).where(eq(coupons.userId, c.id))).toHaveLength(1);
    expect((await issueVoucherTo(db, op.id, { email: "nobody-here@test.local", amount: 1, validDays: 1, note: "" })).ok).toBe(false);
    const log = await listAudit(db, { q: c.id });
    expect(log.rows.map((r) => r.action).sort()).toEqual(["coupon.issue", "voucher.issue"]);
  });

  it("refuses a coupon whose amount off exceeds its threshold", () => {
    const r = issueCouponSchema.safeParse({ email: "a@b.cn", kind: "amount", threshold: "10", amountOff: "20", validDays: "7" });
    expect(r.success).toBe(false);
  });
});

describe("reports", () => {
  // A window far from any other test's data: 2031, shifted by a random number of days.
  const now = new Date(Date.UTC(2031, 2, 10 + Math.floor(Math.random() * 200), 12, 30));

  it("counts calls per API and bucket, the error rate, p95 and the top applications", async () => {
    const owner = await makeUser(db);
    const { app } = await makeApp(db, owner.id);
    const hist = (ms: number, n: number) => {
      const h = emptyHistogram();
      h[bucketIndex(ms)] = n;
      return h;
    };
    const minute = (minsAgo: number) => new Date(Math.floor(now.getTime() / 60_000) * 60_000 - minsAgo * 60_000);
    await db.insert(callRollups).values([
      { appId: app.id, api: "general", minute: minute(0), userId: owner.id, calls: 90, failedCalls: 9, latHist: hist(40, 90) },
      { appId: app.id, api: "plate", minute: minute(5), userId: owner.id, calls: 10, failedCalls: 1, latHist: hist(900, 10) },
      { appId: app.id, api: "plate", minute: minute(120), userId: owner.id, calls: 5, failedCalls: 0, latHist: hist(900, 5) },
    ]);
    const u = await platformUsage(db, "1h", now);
    expect(u.points).toHaveLength(60);
    expect(u.totals).toMatchObject({ calls: 100, failed: 10, errorRate: 10 });
    expect(u.points.at(-1)).toMatchObject({ general: 90, calls: 90, errorRate: 10 });
    expect(u.points.at(-6)).toMatchObject({ plate: 10 });
    expect(u.byApi.find((a) => a.api === "plate")).toMatchObject({ calls: 10, failed: 1 });
    expect(u.totals.p95Ms).toBeGreaterThan(500);
    expect(u.topApps[0]).toMatchObject({ id: app.id, calls: 100, email: owner.email });
    const day = await platformUsage(db, "24h", now);
    expect(day.totals.calls).toBe(105);
    expect(day.topAccounts[0]).toMatchObject({ id: owner.id, calls: 105 });
    await db.delete(callRollups).where(eq(callRollups.appId, app.id));
  });

  it("sums paid orders into revenue buckets (after vouchers and coupons)", async () => {
    const owner = await makeUser(db);
    const { app } = await makeApp(db, owner.id);
    const id = `9${Date.now()}${Math.floor(Math.random() * 1e6)}`.slice(0, 20);
    await db.insert(orders).values({ id, userId: owner.id, appId: app.id, api: "general", status: "已完成", totalFen: 10000, voucherFen: 1000, couponFen: 500, paidAt: new Date(now.getTime() - 3600_000) });
    const r = await revenueSeries(db, "24h", now);
    expect(r.points).toHaveLength(96);
    expect(r.totalFen).toBe(8500);
    expect(r.orders).toBe(1);
    await db.delete(orders).where(eq(orders.id, id));
  });
});

it("operator accounts are real users", async () => {
  const [u] = await db.select().from(users).where(eq(users.id, op.id));
  expect(u!.role).toBe("operator");
});
