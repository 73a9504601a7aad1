import fs from "node:fs";
import path from "node:path";
import { count, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db";
import { apps, auditLog, prices, quotaPacks, transferRequests } from "@/db/schema";
import { encryptSecret } from "@/lib/crypto";
import { newId } from "@/lib/id";
import { fenToYuanInput } from "@/lib/ops/money";
import { getFreeQuota } from "@/lib/ops/settings";
import { retentionDays } from "@/lib/jobs/limits";
import { requestTransfer, transferRequestSchema } from "@/lib/payments/transfer";
import { OPS_PAGES, OPS_ROUTES } from "@/app/ops/routes";
import { makeApp, makeUser } from "@/tests/helpers/fixtures";
import { testDb } from "@/tests/helpers/db";

/**
 * Every operator server action, route handler and page refuses a customer and a signed-out
 * visitor. The session is mocked (Auth.js `auth()`); the users are real rows, so the role
 * check runs against the database exactly as in production.
 */
const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("server-only", () => ({}));
vi.mock("@/auth", () => ({
  auth: async () => (session.userId ? { user: { id: session.userId } } : null),
  signOut: async () => undefined,
  signIn: async () => undefined,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("@/lib/ops/engine", () => ({ engineHealth: () => ({ error: "not loaded in tests" }) }));

type ActionState = { status: string; message?: string };
type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

let db: Db;
let customer: Awaited<ReturnType<typeof makeUser>>;
let operator: Awaited<ReturnType<typeof makeUser>>;
let appId: string;
let packId: string;
let targetId: string;
let inputs: Record<string, Record<string, string>>;

beforeAll(async () => {
  db = await testDb();
  customer = await makeUser(db);
  operator = await makeUser(db, { role: "operator" });
  const target = await makeUser(db, { balanceFen: 1000 });
  targetId = target.id;
  appId = (await makeApp(db, target.id)).app.id;
  // a rotated secret still in its grace period, for 立即作废旧密钥
  await db.update(apps).set({ prevSecretEnc: encryptSecret("old-secret"), prevSecretExpiresAt: new Date(Date.now() + 3600_000) }).where(eq(apps.id, appId));
  packId = newId("pck");
  await db.insert(quotaPacks).values({ id: packId, appId, api: "plate", tier: 1000, callsTotal: 1000, source: "operator", expiresAt: new Date(Date.now() + 86_400_000) });
  const [price] = await db.select().from(prices).where(eq(prices.api, "plate"));
  const fq = await getFreeQuota(db);
  const keepDays = await retentionDays(db);
  const t1 = await requestTransfer(db, target.id, transferRequestSchema.parse({ amount: "1", payerName: "权限测试", reference: "AUTHZ-1" }));
  const t2 = await requestTransfer(db, target.id, transferRequestSchema.parse({ amount: "1", payerName: "权限测试", reference: "AUTHZ-2" }));
  if (!t1.ok || !t2.ok) throw new Error("transfer fixtures");
  const confirmId = t1.value.id;
  const rejectId = t2.value.id;
  // A valid input per action: if an action forgot its role check, the customer's call would succeed.
  // Platform-wide values (price, free quota, job retention) are resubmitted unchanged, so the operator run changes nothing shared.
  inputs = {
    updatePriceAction: {
      api: price!.api,
      tier: String(price!.tier),
      unitPrice: fenToYuanInput(price!.unitPriceFen),
      betaPrice: price!.betaPriceFen == null ? "" : fenToYuanInput(price!.betaPriceFen),
      betaEndsAt: price!.betaEndsAt ? new Date(price!.betaEndsAt.getTime() + 8 * 3600_000).toISOString().slice(0, 19) : "",
    },
    updateFreeQuotaAction: { calls: String(fq.calls), days: String(fq.days), maxApps: String(fq.maxApps) },
    updateJobRetentionAction: { days: String(keepDays) },
    setRateLimitAction: { appId, ratePerSec: "7" },
    setQpsCeilingAction: { userId: target.id, ceiling: "12", reason: "权限测试" },
    setAppStatusAction: { appId, status: "disabled", reason: "权限测试" },
    cancelPackAction: { packId, reason: "权限测试" },
    creditAction: { userId: target.id, amount: "1.00", note: "权限测试", token: `authz${Date.now()}${Math.random().toString(36).slice(2)}` },
    confirmTransferAction: { id: confirmId },
    rejectTransferAction: { id: rejectId, reason: "权限测试" },
    issueVoucherAction: { email: target.email, amount: "1", validDays: "7", note: "" },
    setAccountStatusAction: { userId: target.id, status: "disabled", reason: "权限测试" },
    revokePrevSecretAction: { appId, reason: "权限测试" },
    issueCouponAction: { email: target.email, kind: "amount", threshold: "", amountOff: "1", validDays: "7", note: "" },
  };
});

const form = (o: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(o)) f.set(k, v);
  return f;
};

const auditCount = async () => {
  const [{ n }] = await db.select({ n: count() }).from(auditLog).where(inArray(auditLog.actorId, [customer.id]));
  return n;
};

describe("operator server actions (every export of app/ops/actions.ts)", () => {
  it("has a valid test input for each action, so none is left out", async () => {
    const actions = await import("@/app/ops/actions");
    expect(Object.keys(actions).sort()).toEqual(Object.keys(inputs).sort());
  });

  it.each([
    ["a signed-out visitor", () => null, "登录已过期"],
    ["a customer", () => customer.id, "需要运营人员权限"],
  ])("refuses %s and changes nothing", async (_who, who, message) => {
    const actions = (await import("@/app/ops/actions")) as unknown as Record<string, Action>;
    session.userId = who();
    for (const [name, action] of Object.entries(actions)) {
      const res = await action({ status: "idle" }, form(inputs[name]!));
      expect({ name, ...res }).toMatchObject({ name, status: "error", message: expect.stringContaining(message) });
    }
    const [pack] = await db.select().from(quotaPacks).where(eq(quotaPacks.id, packId));
    expect(pack!.status).toBe("active");
    expect((await db.select().from(transferRequests).where(eq(transferRequests.userId, targetId))).every((t) => t.status === "待确认")).toBe(true);
    expect(await auditCount()).toBe(0);
  });

  it("accepts the same inputs from an operator (the inputs are valid)", async () => {
    const actions = (await import("@/app/ops/actions")) as unknown as Record<string, Action>;
    session.userId = operator.id;
    for (const [name, action] of Object.entries(actions)) {
      const res = await action({ status: "idle" }, form(inputs[name]!));
      expect({ name, ...res }).toMatchObject({ name, status: "ok" });
    }
    const [{ n }] = await db.select({ n: count() }).from(auditLog).where(eq(auditLog.actorId, operator.id));
    expect(n).toBe(11); // price, free quota and job retention were unchanged, so not audited
  });
});

/** page.tsx / route.ts files under app/ops, as URL paths. */
function walk(dir: string, file: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p, file));
    else if (e.name === file) out.push("/" + path.relative("app", dir).split(path.sep).filter((s) => !s.startsWith("(")).join("/"));
  }
  return out;
}

describe("the list of ops pages and routes", () => {
  it("names every page.tsx and route.ts under app/ops", () => {
    expect(walk("app/ops", "page.tsx").sort()).toEqual(OPS_PAGES.map((p) => p.path).sort());
    expect(walk("app/ops", "route.ts").sort()).toEqual(OPS_ROUTES.map((r) => r.path).sort());
  });
});

describe("operator route handlers", () => {
  it.each(OPS_ROUTES.map((r) => [r.path, r.method] as const))("%s %s: 401 signed out, 403 customer, 200 operator", async (p, method) => {
    const mod = (await import(/* @vite-ignore */ `@/app${p}/route`)) as Record<string, (req: Request, ctx: unknown) => Promise<Response>>;
    const handler = mod[method]!;
    const call = () => handler(new Request(`http://localhost${p}`, { method }), { params: Promise.resolve({}) });
    session.userId = null;
    expect((await call()).status).toBe(401);
    session.userId = customer.id;
    const refused = await call();
    expect(refused.status).toBe(403);
    expect(await refused.text()).not.toContain("overview");
    session.userId = operator.id;
    expect((await call()).status).toBe(200);
  });
});

describe("ops pages", () => {
  const props = () => ({ params: Promise.resolve({ id: appId }), searchParams: Promise.resolve({}) });

  it.each(OPS_PAGES.map((p) => [p.path] as const))("%s renders nothing for a customer and redirects a visitor", async (p) => {
    const mod = (await import(/* @vite-ignore */ `@/app${p}/page`)) as { default: (props: unknown) => Promise<unknown> };
    session.userId = customer.id;
    expect(await mod.default(props())).toBeNull();
    session.userId = null;
    await expect(mod.default(props())).rejects.toThrow(/NEXT_REDIRECT/);
    session.userId = operator.id;
    expect(await mod.default(props())).not.toBeNull();
  });
});
