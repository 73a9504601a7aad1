/**
 * The EOP signature on the open API against real PostgreSQL, through the route handler:
 * every EOP code (4022–4026), the eop-date windows (UTC and Beijing time with a Z), the
 * AK's account, and that what follows authentication is the MD5 path's.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { apps, auditLog, calls } from "@/db/schema";
import { createAccessKey, deleteAccessKey, disableAccessKey, enableAccessKey, listAccessKeys, MAX_ACCESS_KEYS } from "@/lib/accounts/access-keys";
import type { CreatedApp } from "@/lib/apps/create";
import { formatEopDate, signEop, UTC8_OFFSET_MS } from "@/lib/gateway/eop";
import { grantPack } from "@/lib/quota/grant";
import { POST } from "@/app/v1/aiop/api/[[...path]]/route";
import { testDb } from "../helpers/db";
import { makeApp, makeUser } from "../helpers/fixtures";
import { apiPath, imagesBody, ORIGIN, png } from "./helpers";

let db: Db;
let owner: { id: string; password: string };
let app: CreatedApp;
let pair: { id: string; ak: string; sk: string };
let body: string;

type Api = "general" | "idcard" | "plate";

function eopRequest(
  o: { api?: Api; a?: CreatedApp; ak?: string; sk?: string; body?: string; sentBody?: string; requestId?: string; eopDate?: string; query?: string } = {},
  edit: (h: Record<string, string>) => void = () => undefined,
): Request {
  const a = o.a ?? app;
  const api = o.api ?? "general";
  const headers = signEop({
    ak: o.ak ?? pair.ak,
    sk: o.sk ?? pair.sk,
    appKey: a.app.appKey,
    body: o.body ?? body,
    requestId: o.requestId,
    eopDate: o.eopDate,
    query: o.query ? new URLSearchParams(o.query) : undefined,
  });
  edit(headers);
  return new Request(`${ORIGIN}${apiPath(api, a.serviceCodes[api])}${o.query ? "?" + o.query : ""}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: o.sentBody ?? o.body ?? body,
  });
}

async function expectCode(res: Response, code: number, status: number): Promise<string> {
  const j = (await res.json()) as { code: number; message: unknown; details: string };
  expect({ status: res.status, code: j.code, message: j.message }).toEqual({ status, code, message: "error" });
  expect(j.details.length).toBeGreaterThan(3);
  return j.details;
}

beforeAll(async () => {
  db = await testDb();
  owner = await makeUser(db);
  app = await makeApp(db, owner.id);
  await db.update(apps).set({ rateLimitPerSec: 1000 }).where(eq(apps.id, app.app.id));
  for (const api of ["general", "idcard", "plate"] as const) await grantPack(db, { appId: app.app.id, api, calls: 100, source: "operator" });
  const res = await createAccessKey(db, owner.id, { password: owner.password });
  if (!res.ok) throw new Error(res.message);
  pair = res.value;
  body = imagesBody([await png(64, 64)]);
});

describe("EOP signature: accepted", () => {
  it("answers like the MD5 path: result, charge, X-Quota-Remaining, one call recorded, key marked used", async () => {
    const res = await POST(eopRequest());
    expect(res.status).toBe(200);
    const j = (await res.json()) as { code: number; message: unknown; result: unknown[] };
    expect(j.code).toBe(0);
    expect(j.message).toEqual({ success: 1, fail: 0 });
    expect(Number(res.headers.get("x-quota-remaining"))).toBeLessThan(100);
    const [row] = await db.select().from(calls).where(eq(calls.requestId, res.headers.get("x-request-id")!));
    expect(row).toMatchObject({ appId: app.app.id, api: "general", code: 0, imagesOk: 1 });
    await new Promise((r) => setTimeout(r, 50));
    const [k] = (await listAccessKeys(db, owner.id)).filter((x) => x.id === pair.id);
    expect(k!.lastUsedAt).not.toBeNull();
  });

  it("accepts an eop-date in Beijing time written with a Z (local-time scripts), and a signed query string", async () => {
    const local = formatEopDate(new Date(Date.now() + UTC8_OFFSET_MS));
    expect((await POST(eopRequest({ eopDate: local }))).status).toBe(200);
    expect((await POST(eopRequest({ query: "b=2&a=1" }))).status).toBe(200);
  });

  it("header names are case-insensitive", async () => {
    const res = await POST(
      eopRequest({}, (h) => {
        h["EOP-DATE"] = h["eop-date"]!;
        delete h["eop-date"];
        h["eop-authorization"] = h["Eop-Authorization"]!;
        delete h["Eop-Authorization"];
      }),
    );
    expect(res.status).toBe(200);
  });

  it("validation after authentication is the MD5 path's (4003 for a body without data)", async () => {
    await expectCode(await POST(eopRequest({ body: JSON.stringify({ image: [] }) })), 4003, 400);
  });
});

describe("EOP signature: refused, each with its code", () => {
  it("4022 for a malformed Eop-Authorization, a missing signed header, a bad eop-date or request id", async () => {
    await expectCode(await POST(eopRequest({}, (h) => (h["Eop-Authorization"] = "garbage"))), 4022, 401);
    await expectCode(
      await POST(eopRequest({}, (h) => (h["Eop-Authorization"] = h["Eop-Authorization"]!.replace("Headers=appkey;ctyun-eop-request-id;eop-date", "Headers=appkey")))),
      4022,
      401,
    );
    await expectCode(await POST(eopRequest({}, (h) => delete h["ctyun-eop-request-id"])), 4022, 401);
    expect(await expectCode(await POST(eopRequest({ eopDate: "2026-01-01T00:00:00Z" })), 4022, 401)).toContain("yyyymmddTHHMMSSZ");
    await expectCode(await POST(eopRequest({ requestId: "../../etc" })), 4022, 401);
  });

  it("4023 for an unknown AK, a disabled AK and an AK of another account", async () => {
    expect(await expectCode(await POST(eopRequest({ ak: "0".repeat(32) })), 4023, 401)).toContain("未知");
    const other = await makeUser(db);
    const theirs = await createAccessKey(db, other.id, { skipPassword: true });
    if (!theirs.ok) throw new Error(theirs.message);
    expect(await expectCode(await POST(eopRequest({ ak: theirs.value.ak, sk: theirs.value.sk })), 4023, 401)).toContain("不属于");
    await disableAccessKey(db, owner.id, pair.id);
    expect(await expectCode(await POST(eopRequest()), 4023, 401)).toContain("停用");
    await enableAccessKey(db, owner.id, pair.id);
    expect((await POST(eopRequest())).status).toBe(200);
  });

  it("4024 for a tampered signature, a wrong SK, and a body changed after signing", async () => {
    await expectCode(await POST(eopRequest({}, (h) => (h["Eop-Authorization"] = h["Eop-Authorization"]!.replace(/Signature=(.)/, (_m, c: string) => `Signature=${c === "A" ? "B" : "A"}`)))), 4024, 401);
    await expectCode(await POST(eopRequest({ sk: "f".repeat(32) })), 4024, 401);
    await expectCode(await POST(eopRequest({ sentBody: imagesBody([await png(65, 64)]) })), 4024, 401);
    const sibling = await makeApp(db, owner.id);
    await expectCode(await POST(eopRequest({}, (h) => (h.appkey = sibling.app.appKey))), 4024, 401); // appkey is signed
    await expectCode(await POST(eopRequest({}, (h) => (h.appkey = "x" + h.appkey))), 4017, 401);
  });

  it("4025 for an eop-date outside both windows (6 minutes, 3 hours, 8 hours 6 minutes)", async () => {
    for (const off of [-6 * 60_000, 6 * 60_000, 3 * 3600_000, UTC8_OFFSET_MS + 6 * 60_000]) {
      expect(await expectCode(await POST(eopRequest({ eopDate: formatEopDate(new Date(Date.now() + off)) })), 4025, 401)).toContain("5 分钟");
    }
  });

  it("4026 for a replayed ctyun-eop-request-id, also when signed again or sent to another API", async () => {
    const requestId = crypto.randomUUID();
    expect((await POST(eopRequest({ requestId }))).status).toBe(200);
    await expectCode(await POST(eopRequest({ requestId })), 4026, 401);
    await expectCode(await POST(eopRequest({ requestId, api: "plate" })), 4026, 401);
  });

  it("4018 when the service code is another application's", async () => {
    const other = await makeApp(db, owner.id);
    const req = eopRequest({ a: app });
    const wrong = new Request(req.url.replace(app.serviceCodes.general, other.serviceCodes.general), { method: "POST", headers: req.headers, body });
    await expectCode(await POST(wrong), 4018, 403);
  });
});

describe("AccessKey management", () => {
  it("at most two per account, the SK shown once and stored encrypted, every change audited", async () => {
    const u = await makeUser(db);
    const wrong = await createAccessKey(db, u.id, { password: "nope" });
    expect(wrong.ok).toBe(false);
    const made = [];
    for (let i = 0; i < MAX_ACCESS_KEYS; i++) {
      const r = await createAccessKey(db, u.id, { password: u.password });
      expect(r.ok).toBe(true);
      if (r.ok) made.push(r.value);
    }
    const third = await createAccessKey(db, u.id, { password: u.password });
    expect(third).toMatchObject({ ok: false, code: "access_key_limit" });
    const list = await listAccessKeys(db, u.id);
    expect(list.map((k) => k.ak).sort()).toEqual(made.map((k) => k.ak).sort());
    expect(JSON.stringify(list)).not.toContain(made[0]!.sk);
    expect((await deleteAccessKey(db, owner.id, made[0]!.id)).ok).toBe(false); // not the owner's
    expect((await deleteAccessKey(db, u.id, made[0]!.id)).ok).toBe(true);
    expect(await listAccessKeys(db, u.id)).toHaveLength(1);
    const audit = await db.select().from(auditLog).where(eq(auditLog.actorId, u.id));
    expect(audit.map((a) => a.action).sort()).toEqual(["access_key.create", "access_key.create", "access_key.delete"]);
    expect(JSON.stringify(audit)).not.toContain(made[1]!.sk);
  });
});
