/**
 * An application's own limits through the open API against real PostgreSQL: the IP
 * allow-list (4027; IPv4, IPv6, CIDR; the address from the trusted proxy hop only), the
 * owner's QPS within the account's ceiling (4020), the daily cap per API (4019).
 */
import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { apps, auditLog } from "@/db/schema";
import type { CreatedApp } from "@/lib/apps/create";
import { allowListSchema, getAppLimits, isAddressAllowed, limitsFormSchema, setQpsCeiling, updateAppLimits } from "@/lib/apps/limits";
import { handleOpenApi } from "@/lib/gateway";
import { signEop } from "@/lib/gateway/eop";
import { PEER_HEADER } from "@/lib/net/client-address";
import { grantPack } from "@/lib/quota/grant";
import { testDb } from "../helpers/db";
import { makeApp, makeUser } from "../helpers/fixtures";
import { apiPath, imagesBody, ORIGIN, png, signedRequest, standInEngine } from "./helpers";
import { createAccessKey } from "@/lib/accounts/access-keys";
import { setQpsCeilingSchema } from "@/lib/ops/schemas";

let db: Db;
let owner: { id: string; password: string };
let body: string;
const engine = { engine: standInEngine() };

async function freshApp(set: Partial<typeof apps.$inferInsert> = {}): Promise<CreatedApp> {
  const a = await makeApp(db, owner.id);
  await db.update(apps).set({ rateLimitPerSec: 1000, ...set }).where(eq(apps.id, a.app.id));
  for (const api of ["general", "idcard", "plate"] as const) await grantPack(db, { appId: a.app.id, api, calls: 100, source: "operator" });
  return a;
}

/**
 * A signed call as `next start` hands it over after instrumentation stamped it: the socket
 * peer in x-ocr-peer and appended to whatever X-Forwarded-For the sender wrote.
 */
function from(a: CreatedApp, peer: string, sentXff?: string, api: "general" | "idcard" | "plate" = "general"): Request {
  const r = signedRequest({ appKey: a.app.appKey, secret: a.appSecret, serviceCode: a.serviceCodes[api], api, body });
  const headers = new Headers(r.headers);
  headers.set(PEER_HEADER, peer);
  headers.set("x-forwarded-for", sentXff ? `${sentXff}, ${peer}` : peer);
  return new Request(r.url, { method: "POST", headers, body });
}

async function result(res: Response): Promise<{ status: number; code: number; details?: string }> {
  const j = (await res.json()) as { code: number; details?: string };
  return { status: res.status, code: j.code, details: j.details };
}

beforeAll(async () => {
  db = await testDb();
  owner = await makeUser(db);
  body = imagesBody([await png(64, 64)]);
});

afterEach(() => {
  delete process.env.TRUSTED_PROXIES;
});

describe("IP allow-list", () => {
  it("validates entries: IPv4, IPv6, CIDR normalised; garbage and more than 50 refused", () => {
    expect(allowListSchema.parse(["10.1.2.3/8", "2001:DB8::1", "203.0.113.5", "203.0.113.5", "2001:db8:abcd::/48"])).toEqual([
      "10.0.0.0/8",
      "2001:db8::1",
      "203.0.113.5",
      "2001:db8:abcd::/48",
    ]);
    for (const bad of ["300.1.1.1", "abc", "10.0.0.0/33", "1", "2001:db8::/129", "0x7f.1"]) expect(allowListSchema.safeParse([bad]).success).toBe(false);
    expect(allowListSchema.safeParse(Array.from({ length: 51 }, (_, i) => `10.0.0.${i}`)).success).toBe(false);
    expect(allowListSchema.safeParse(Array.from({ length: 50 }, (_, i) => `10.0.0.${i}`)).success).toBe(true);
    expect(limitsFormSchema.parse({ appId: "a", qps: "5", ipAllow: "1.2.3.4\n10.0.0.0/8, ::1" }).ipAllow).toEqual(["1.2.3.4", "10.0.0.0/8", "::1"]);
  });

  it("matches addresses and ranges of the same family only; empty allows any", () => {
    expect(isAddressAllowed("8.8.8.8", [])).toBe(true);
    expect(isAddressAllowed(null, ["10.0.0.0/8"])).toBe(false);
    expect(isAddressAllowed("10.9.9.9", ["10.0.0.0/8"])).toBe(true);
    expect(isAddressAllowed("::ffff:10.9.9.9", ["10.0.0.0/8"])).toBe(true);
    expect(isAddressAllowed("11.0.0.1", ["10.0.0.0/8"])).toBe(false);
    expect(isAddressAllowed("2001:db8::5", ["2001:db8::/32"])).toBe(true);
    expect(isAddressAllowed("2001:db9::5", ["2001:db8::/32"])).toBe(false);
  });

  it("IPv4: the listed address is served, another gets 4027 naming the address seen", async () => {
    const a = await freshApp({ ipAllow: ["203.0.113.5"] });
    expect((await result(await handleOpenApi(from(a, "203.0.113.5"), engine))).code).toBe(0);
    const refused = await result(await handleOpenApi(from(a, "203.0.113.6"), engine));
    expect(refused).toMatchObject({ status: 403, code: 4027 });
    expect(refused.details).toContain("203.0.113.6");
  });

  it("CIDR: an address inside 10.0.0.0/8 is served, one outside is refused", async () => {
    const a = await freshApp({ ipAllow: ["10.0.0.0/8"] });
    expect((await result(await handleOpenApi(from(a, "10.20.30.40"), engine))).code).toBe(0);
    expect((await result(await handleOpenApi(from(a, "11.0.0.1"), engine))).code).toBe(4027);
  });

  it("IPv6: an address and a /32 range; the address is named in canonical form", async () => {
    const a = await freshApp({ ipAllow: ["2001:db8::/32", "2400:cb00::1"] });
    expect((await result(await handleOpenApi(from(a, "2001:db8:1::7"), engine))).code).toBe(0);
    expect((await result(await handleOpenApi(from(a, "2400:cb00:0:0:0:0:0:1"), engine))).code).toBe(0);
    const refused = await result(await handleOpenApi(from(a, "2001:0db9:0000::1"), engine));
    expect(refused.code).toBe(4027);
    expect(refused.details).toContain("2001:db9::1");
  });

  it("a spoofed X-Forwarded-For from an untrusted hop is ignored; through a trusted proxy the client's address counts", async () => {
    const a = await freshApp({ ipAllow: ["203.0.113.5"] });
    // the caller at 198.51.100.7 claims to be 203.0.113.5
    const spoofed = await result(await handleOpenApi(from(a, "198.51.100.7", "203.0.113.5"), engine));
    expect(spoofed.code).toBe(4027);
    expect(spoofed.details).toContain("198.51.100.7");
    // the same header from a hop listed in TRUSTED_PROXIES is believed
    process.env.TRUSTED_PROXIES = "198.51.100.0/24";
    expect((await result(await handleOpenApi(from(a, "198.51.100.7", "203.0.113.5"), engine))).code).toBe(0);
    // but only one hop deep: a client-written entry left of an untrusted one is not
    expect((await result(await handleOpenApi(from(a, "198.51.100.7", "203.0.113.5, 192.0.2.1"), engine))).code).toBe(4027);
  });

  it("applies to EOP-signed calls too", async () => {
    const a = await freshApp({ ipAllow: ["203.0.113.5"] });
    const key = await createAccessKey(db, owner.id, { skipPassword: true });
    if (!key.ok) throw new Error(key.message);
    const h = signEop({ ak: key.value.ak, sk: key.value.sk, appKey: a.app.appKey, body });
    const req = new Request(ORIGIN + apiPath("general", a.serviceCodes.general), {
      method: "POST",
      headers: { ...h, "content-type": "application/json", [PEER_HEADER]: "192.0.2.9", "x-forwarded-for": "192.0.2.9" },
      body,
    });
    expect((await result(await handleOpenApi(req, engine))).code).toBe(4027);
  });
});

describe("QPS within the account's ceiling", () => {
  it("the owner sets QPS up to the ceiling (audited); above it is refused; the next requests obey it", async () => {
    const a = await freshApp();
    const over = await updateAppLimits(db, owner.id, limitsFormSchema.parse({ appId: a.app.id, qps: "11" }));
    expect(over).toMatchObject({ ok: false, code: "over_ceiling", field: "qps" });
    const set = await updateAppLimits(db, owner.id, limitsFormSchema.parse({ appId: a.app.id, qps: "1" }));
    expect(set.ok).toBe(true);
    const results = await Promise.all([0, 1, 2, 3].map(() => handleOpenApi(from(a, "127.0.0.1"), engine)));
    const codes = await Promise.all(results.map(async (r) => (await result(r)).code));
    expect(codes.filter((c) => c === 4020).length).toBeGreaterThanOrEqual(2);
    const audit = await db.select().from(auditLog).where(eq(auditLog.targetId, a.app.id));
    expect(audit.map((r) => r.action)).toContain("app.limits");
    // someone else's application is not found
    const stranger = await makeUser(db);
    expect((await updateAppLimits(db, stranger.id, limitsFormSchema.parse({ appId: a.app.id, qps: "1" }))).ok).toBe(false);
  });

  it("an operator raises the ceiling (then the owner may go higher) and lowering it lowers the account's apps", async () => {
    const u = await makeUser(db);
    const ops = await makeUser(db, { role: "operator" });
    const a = await makeApp(db, u.id);
    expect((await setQpsCeiling(db, ops.id, u.id, 50, "大客户")).ok).toBe(true);
    expect((await updateAppLimits(db, u.id, limitsFormSchema.parse({ appId: a.app.id, qps: "40" }))).ok).toBe(true);
    const lowered = await setQpsCeiling(db, ops.id, u.id, 20, "回收");
    expect(lowered).toMatchObject({ ok: true, value: { lowered: 1 } });
    expect(await getAppLimits(db, u.id, a.app.id)).toMatchObject({ qps: 20, qpsCeiling: 20 });
  });

  it("/ops 账号 → 设置 QPS 上限: the owner cannot go above it, and the gateway's very next requests obey it", async () => {
    const u = await makeUser(db);
    const ops = await makeUser(db, { role: "operator" });
    const a = await makeApp(db, u.id);
    for (const api of ["general", "idcard", "plate"] as const) await grantPack(db, { appId: a.app.id, api, calls: 100, source: "operator" });
    expect((await updateAppLimits(db, u.id, limitsFormSchema.parse({ appId: a.app.id, qps: "10" }))).ok).toBe(true);
    // the operator's form, validated by its zod schema
    expect(setQpsCeilingSchema.safeParse({ userId: u.id, ceiling: "0", reason: "回收" }).success).toBe(false);
    expect(setQpsCeilingSchema.safeParse({ userId: u.id, ceiling: "2", reason: "" }).success).toBe(false);
    const input = setQpsCeilingSchema.parse({ userId: u.id, ceiling: "2", reason: "压测回收" });
    expect(await setQpsCeiling(db, ops.id, input.userId, input.ceiling, input.reason)).toMatchObject({ ok: true, value: { lowered: 1, changed: true } });
    const [audit] = await db.select().from(auditLog).where(eq(auditLog.targetId, u.id));
    expect(audit).toMatchObject({ actorId: ops.id, action: "account.qps_ceiling", reason: "压测回收" });
    // the console says the ceiling and refuses more
    expect(await getAppLimits(db, u.id, a.app.id)).toMatchObject({ qps: 2, qpsCeiling: 2 });
    const over = await updateAppLimits(db, u.id, limitsFormSchema.parse({ appId: a.app.id, qps: "3" }));
    expect(over).toMatchObject({ ok: false, code: "over_ceiling", field: "qps" });
    if (!over.ok) expect(over.message).toContain("账户上限 2");
    // no waiting: six requests at once right after the change, at most 2 per second get through
    const res = await Promise.all(Array.from({ length: 6 }, () => handleOpenApi(from(a, "127.0.0.1"), engine)));
    const codes = await Promise.all(res.map(async (r) => (await result(r)).code));
    expect(codes.filter((c) => c === 0).length).toBeLessThanOrEqual(4); // even if the six straddle a second
    expect(codes.filter((c) => c === 4020).length).toBeGreaterThanOrEqual(2);
    // the same value again changes nothing and is not audited twice
    expect(await setQpsCeiling(db, ops.id, u.id, 2, "重复")).toMatchObject({ ok: true, value: { changed: false } });
    expect(await db.select().from(auditLog).where(eq(auditLog.targetId, u.id))).toHaveLength(1);
  });
});

describe("daily call cap", () => {
  it("past the cap a call gets 4019 naming the cap; other APIs and uncapped apps are not affected", async () => {
    const a = await freshApp();
    const res = await updateAppLimits(db, owner.id, limitsFormSchema.parse({ appId: a.app.id, qps: "10", capGeneral: "2" }));
    expect(res.ok).toBe(true);
    expect((await result(await handleOpenApi(from(a, "127.0.0.1"), engine))).code).toBe(0);
    expect((await result(await handleOpenApi(from(a, "127.0.0.1"), engine))).code).toBe(0);
    const third = await result(await handleOpenApi(from(a, "127.0.0.1"), engine));
    expect(third).toMatchObject({ status: 403, code: 4019 });
    expect(third.details).toContain("每日调用上限 2 次");
    expect((await result(await handleOpenApi(from(a, "127.0.0.1", undefined, "plate"), engine))).code).toBe(0);
    // raising the cap lets the next call through at once
    await updateAppLimits(db, owner.id, limitsFormSchema.parse({ appId: a.app.id, qps: "10", capGeneral: "3" }));
    expect((await result(await handleOpenApi(from(a, "127.0.0.1"), engine))).code).toBe(0);
    expect(await getAppLimits(db, owner.id, a.app.id)).toMatchObject({ dailyCaps: { general: 3 } });
  });
});
