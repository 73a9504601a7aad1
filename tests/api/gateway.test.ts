/**
 * The signed open API against real PostgreSQL, through the route handlers
 * (app/v1/aiop/api/[[...path]]/route.ts) with signed Request objects. Real-engine
 * tests use the embedded engine; the rest inject a stand-in engine where the engine
 * itself is the subject (5000, 5001, partial charge).
 */
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { rowsOf } from "@/db";
import { apps, callRollups, calls, quotaPacks } from "@/db/schema";
import { encryptSecret } from "@/lib/crypto";
import { EngineError, resetEngine } from "@/lib/engine";
import { handleOpenApi } from "@/lib/gateway";
import { MAX_BODY_BYTES } from "@/lib/gateway/body";
import { grantPack } from "@/lib/quota/grant";
import { onQuotaExhausted, type QuotaExhaustedEvent } from "@/lib/quota/events";
import { GET, POST, PUT } from "@/app/v1/aiop/api/[[...path]]/route";
import { testDb } from "../helpers/db";
import { makeApp, makeUser } from "../helpers/fixtures";
import { apiPath, imagesBody, ORIGIN, png, signedRequest, standInEngine } from "./helpers";
import type { CreatedApp } from "@/lib/apps/create";
import { corpusFile } from "../fixtures/corpus";


let db: Db;
let userId: string;
let app: CreatedApp;
let small: Buffer;

async function freshApp(opts: { calls?: number; rate?: number } = {}): Promise<CreatedApp> {
  const a = await makeApp(db, userId);
  await db.update(apps).set({ rateLimitPerSec: opts.rate ?? 1000 }).where(eq(apps.id, a.app.id));
  if (opts.calls !== 0) {
    for (const api of ["general", "idcard", "plate"] as const) await grantPack(db, { appId: a.app.id, api, calls: opts.calls ?? 100, source: "operator" });
  }
  return a;
}

function req(a: CreatedApp, api: "general" | "idcard" | "plate", body: string | Uint8Array, extra: Partial<Parameters<typeof signedRequest>[0]> = {}) {
  return signedRequest({ appKey: a.app.appKey, secret: a.appSecret, serviceCode: a.serviceCodes[api], api, body, ...extra });
}

async function json(res: Response): Promise<{ code: number; message: unknown; details?: string; result?: Record<string, unknown>[] }> {
  return (await res.json()) as never;
}

async function callRow(requestId: string) {
  const [row] = await db.select().from(calls).where(eq(calls.requestId, requestId));
  return row;
}

async function rollup(appId: string, api: "general" | "idcard" | "plate") {
  const rows = await db.select().from(callRollups).where(and(eq(callRollups.appId, appId), eq(callRollups.api, api)));
  return {
    calls: rows.reduce((s, r) => s + r.calls, 0),
    signFailures: rows.reduce((s, r) => s + r.signFailures, 0),
    imagesOk: rows.reduce((s, r) => s + r.imagesOk, 0),
    hist: rows.reduce((s, r) => s + r.latHist.reduce((a, b) => a + b, 0), 0),
  };
}

beforeAll(async () => {
  db = await testDb();
  userId = (await makeUser(db)).id;
  app = await freshApp();
  small = await png(64, 64);
});

afterAll(async () => {
  await resetEngine();
});

async function expectError(res: Response, code: number, status: number) {
  const body = await json(res);
  expect({ status: res.status, code: body.code, message: body.message }).toEqual({ status, code, message: "error" });
  expect(typeof body.details).toBe("string");
  expect(res.headers.get("x-request-id")).toMatch(/^req_/);
  return body;
}

async function expectImageError(res: Response, code: number) {
  expect(res.status).toBe(200);
  const body = await json(res);
  expect(body.code).toBe(0);
  expect(body.message).toEqual({ success: 0, fail: 1 });
  expect(body.result![0]).toMatchObject({ err_code: code });
  expect(typeof body.result![0]!.err_msg).toBe("string");
}

describe("success with the real engine", () => {
  it("通用型 OCR reads the text, charges one call and records the call", async () => {
    const a = await freshApp({ calls: 10 });
    const res = await POST(req(a, "general", imagesBody([corpusFile("general", "g_pp_word_1.jpg")])));
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.code).toBe(0);
    expect(body.message).toEqual({ success: 1, fail: 0 });
    const r = body.result![0] as { text_line: number; detail: { text: string; box: number[] }[] };
    expect(r.text_line).toBeGreaterThan(0);
    expect(r.detail.map((d) => d.text).join("")).toContain("韩国");
    expect(r.detail[0]!.box).toHaveLength(8);
    expect(res.headers.get("x-quota-remaining")).toBe("9");

    const id = res.headers.get("x-request-id")!;
    const row = await callRow(id);
    expect(row).toMatchObject({ appId: a.app.id, api: "general", httpStatus: 200, code: 0, imagesOk: 1, imagesFailed: 0 });
    expect(row!.packs).toHaveLength(1);
    expect(row!.bytesIn).toBeGreaterThan(1000);
    expect(row!.bytesOut).toBeGreaterThan(50);
    expect(row!.engineMs).toBeGreaterThan(0);
    const roll = await rollup(a.app.id, "general");
    expect(roll).toMatchObject({ calls: 1, imagesOk: 1, hist: 1 });
  });

  it("身份证识别 reads a card sent in the manual's nested curl form", async () => {
    const body = JSON.stringify({ data: [{ data: [corpusFile("idcard", "i_cocr_card.png").toString("base64")] }] });
    const res = await POST(req(app, "idcard", body));
    expect(res.status).toBe(200);
    const out = await json(res);
    expect(out.message).toEqual({ success: 1, fail: 0 });
    const r = out.result![0] as { note: string; detail: { idn: string; name: string } };
    expect(r.detail.idn).toBe("370782198709170246");
    expect(["front", "back"]).toContain(r.note);
  });

  it("车牌识别 answers on platelicense.json with a Sign over plateLicense.json (the manual's two spellings)", async () => {
    const base = apiPath("plate", app.serviceCodes.plate).replace(/plateLicense\.json$/, "");
    const res = await POST(
      req(app, "plate", imagesBody([corpusFile("plate", "p_ccpd_0.jpg")]), { path: base + "platelicense.json", signPath: base + "plateLicense.json" }),
    );
    expect(res.status).toBe(200);
    const out = await json(res);
    const r = out.result![0] as { "number of plate licenses": number; detail: { plate_license: string }[] };
    expect(r["number of plate licenses"]).toBe(1);
    expect(r.detail[0]!.plate_license).toBe("皖A195K9");
  });

  it("4007 for a file that looks like a PNG but cannot be decoded", async () => {
    const broken = Buffer.concat([small.subarray(0, 33), Buffer.alloc(200, 7)]);
    await expectImageError(await POST(req(app, "general", imagesBody([broken]))), 4007);
  });

  it("one bad image fails alone while the others succeed, and only successes are charged", async () => {
    const a = await freshApp({ calls: 10 });
    const res = await POST(req(a, "plate", imagesBody([corpusFile("plate", "p_ccpd_0.jpg"), "!!!not base64!!!"])));
    const out = await json(res);
    expect(out.message).toEqual({ success: 1, fail: 1 });
    expect(out.result![1]).toMatchObject({ err_code: 4008 });
    expect(res.headers.get("x-quota-remaining")).toBe("9");
  });
});

describe("whole-request errors in the manual's order", () => {
  it("4001 body is not JSON", async () => {
    await expectError(await POST(req(app, "general", "{not json")), 4001, 400);
  });
  it("4002 body is not an object", async () => {
    await expectError(await POST(req(app, "general", "[1,2]")), 4002, 400);
  });
  it("4003 no data", async () => {
    await expectError(await POST(req(app, "general", "{}")), 4003, 400);
  });
  it("4004 data is not a list", async () => {
    await expectError(await POST(req(app, "general", JSON.stringify({ data: "abc" }))), 4004, 400);
  });
  it("4005 empty list (also when nested)", async () => {
    await expectError(await POST(req(app, "general", JSON.stringify({ data: [] }))), 4005, 400);
    await expectError(await POST(req(app, "idcard", JSON.stringify({ data: [{ data: [] }] }))), 4005, 400);
  });
  it("4006 more than 50 images", async () => {
    const b64 = small.toString("base64");
    await expectError(await POST(req(app, "general", JSON.stringify({ data: new Array(51).fill(b64) }))), 4006, 400);
  });
  it("4012 method is not POST", async () => {
    await expectError(await GET(req(app, "general", "", { method: "GET" })), 4012, 405);
    await expectError(await PUT(req(app, "general", "{}", { method: "PUT" })), 4012, 405);
  });
  it("4013 unknown path", async () => {
    await expectError(await POST(req(app, "general", "{}", { path: `/v1/aiop/api/${app.serviceCodes.general}/ocrdetect/ocr/v2/image.json` })), 4013, 404);
    // only the plate path's last segment is case-insensitive
    await expectError(await POST(req(app, "general", "{}", { path: `/v1/aiop/api/${app.serviceCodes.general}/ocrdetect/ocr/v1/IMAGE.json` })), 4013, 404);
  });
});

describe("per-image errors", () => {
  it("4008 bad base64; URL-safe base64 is accepted", async () => {
    await expectImageError(await POST(req(app, "general", imagesBody(["@@@@"]))), 4008);
    await expectImageError(await POST(req(app, "general", JSON.stringify({ data: [42] }))), 4008);
    // the manual's sample string is URL-safe base64 of a (truncated) JPEG: decodes, then fails as a file, not as base64
    const urlSafe = (await png(40, 40)).toString("base64url");
    const res = await handleOpenApi(req(app, "general", imagesBody([urlSafe])), { engine: standInEngine() });
    expect((await json(res)).message).toEqual({ success: 1, fail: 0 });
  });
  it("4009 not png/jpg/jpeg/bmp by content", async () => {
    await expectImageError(await POST(req(app, "general", imagesBody([Buffer.from("GIF89a just some gif-ish bytes")]))), 4009);
  });
  it("4010 an image over 10 MB", async () => {
    const big = Buffer.concat([small, Buffer.alloc(10 * 1024 * 1024)]);
    await expectImageError(await POST(req(app, "general", imagesBody([big]))), 4010);
  });
  it("4011 sides under 32 or over 5000 px", async () => {
    await expectImageError(await POST(req(app, "general", imagesBody([await png(20, 100)]))), 4011);
    await expectImageError(await POST(req(app, "general", imagesBody([await png(5001, 40)]))), 4011);
  });
});

describe("authentication", () => {
  it("4014 wrong Sign, counted as a sign failure of the application", async () => {
    const a = await freshApp();
    await expectError(await POST(req(a, "general", imagesBody([small]), { secret: "not-the-secret" })), 4014, 401);
    await expectError(await POST(req(a, "general", imagesBody([small]), { sign: "zz" })), 4014, 401);
    expect((await rollup(a.app.id, "general")).signFailures).toBeGreaterThanOrEqual(1);
  });
  it("4014 a Sign over the body must match the body as sent", async () => {
    const r = req(app, "general", imagesBody([small]));
    const tampered = new Request(r.url, { method: "POST", headers: r.headers, body: imagesBody([small, small]) });
    await expectError(await POST(tampered), 4014, 401);
  });
  it("4014 the plate API accepts only the manual's two spellings in the Sign", async () => {
    const base = apiPath("plate", app.serviceCodes.plate).replace(/plateLicense\.json$/, "");
    await expectError(await POST(req(app, "plate", imagesBody([small]), { signPath: base + "PLATELICENSE.JSON" })), 4014, 401);
    await expectError(
      await POST(req(app, "idcard", imagesBody([small]), { signPath: apiPath("idcard", app.serviceCodes.idcard).toLowerCase() })),
      4014,
      401,
    );
  });
  it("4015 Timestamp outside 5 minutes or not 13 digits", async () => {
    await expectError(await POST(req(app, "general", imagesBody([small]), { timestamp: String(Date.now() - 6 * 60_000) })), 4015, 401);
    await expectError(await POST(req(app, "general", imagesBody([small]), { timestamp: String(Date.now() + 6 * 60_000) })), 4015, 401);
    await expectError(await POST(req(app, "general", imagesBody([small]), { timestamp: String(Math.floor(Date.now() / 1000)) })), 4015, 401);
  });
  it("4016 the same signed request twice is a replay", async () => {
    const timestamp = String(Date.now());
    const body = imagesBody([small]);
    const first = await handleOpenApi(req(app, "general", body, { timestamp }), { engine: standInEngine() });
    expect(first.status).toBe(200);
    await expectError(await handleOpenApi(req(app, "general", body, { timestamp }), { engine: standInEngine() }), 4016, 401);
  });
  it("4017 unknown, disabled or deleted application", async () => {
    const a = await freshApp();
    await expectError(await POST(req(a, "general", imagesBody([small]), { appKey: "0".repeat(32) })), 4017, 401);
    await db.update(apps).set({ status: "disabled" }).where(eq(apps.id, a.app.id));
    await expectError(await POST(req(a, "general", imagesBody([small]))), 4017, 401);
    await db.update(apps).set({ status: "active", deletedAt: new Date() }).where(eq(apps.id, a.app.id));
    await expectError(await POST(req(a, "general", imagesBody([small]))), 4017, 401);
  });
  it("4018 service code of another API or another application", async () => {
    const other = await freshApp();
    await expectError(await POST(req(app, "general", imagesBody([small]), { serviceCode: app.serviceCodes.plate })), 4018, 403);
    await expectError(await POST(req(app, "general", imagesBody([small]), { serviceCode: other.serviceCodes.general })), 4018, 403);
  });
  it("after a secret rotation the old secret works during the grace period only", async () => {
    const a = await freshApp();
    const oldSecret = a.appSecret;
    const newSecret = "rotated-secret-0123456789";
    const engine = { engine: standInEngine() };
    await db
      .update(apps)
      .set({ secretEnc: encryptSecret(newSecret), prevSecretEnc: encryptSecret(oldSecret), prevSecretExpiresAt: new Date(Date.now() + 3600_000) })
      .where(eq(apps.id, a.app.id));
    expect((await handleOpenApi(req(a, "general", imagesBody([small]), { secret: oldSecret }), engine)).status).toBe(200);
    expect((await handleOpenApi(req(a, "general", imagesBody([small]), { secret: newSecret }), engine)).status).toBe(200);
    await db.update(apps).set({ prevSecretExpiresAt: new Date(Date.now() - 1000) }).where(eq(apps.id, a.app.id));
    await expectError(await handleOpenApi(req(a, "general", imagesBody([small]), { secret: oldSecret }), engine), 4014, 401);
  });
});

describe("quota, rate limit, body cap, service errors", () => {
  it("4019 when no valid pack is left (none, or only an expired one), before the engine runs", async () => {
    const a = await freshApp({ calls: 0 });
    let ran = 0;
    const engine = standInEngine(async () => {
      ran++;
      return { text_line: 0, detail: [] };
    });
    const res = await handleOpenApi(req(a, "general", imagesBody([small])), { engine });
    await expectError(res, 4019, 403);
    expect(res.headers.get("x-quota-remaining")).toBe("0");
    await grantPack(db, { appId: a.app.id, api: "general", calls: 10, source: "operator", now: new Date(Date.now() - 400 * 86400_000) });
    await expectError(await POST(req(a, "general", imagesBody([small]))), 4019, 403);
    expect(ran).toBe(0);
  });
  it("4019 per image when the quota runs out between check and charge; never serves an unpaid image", async () => {
    const a = await freshApp({ calls: 0 });
    const pack = await grantPack(db, { appId: a.app.id, api: "general", calls: 3, source: "operator" });
    const events: QuotaExhaustedEvent[] = [];
    const off = onQuotaExhausted((e) => void events.push(e));
    const res = await handleOpenApi(req(a, "general", imagesBody([small, small, small, small, small])), { engine: standInEngine() });
    off();
    const out = await json(res);
    expect(out.message).toEqual({ success: 3, fail: 2 });
    expect(out.result!.slice(3)).toEqual([
      { err_code: 4019, err_msg: expect.any(String) },
      { err_code: 4019, err_msg: expect.any(String) },
    ]);
    expect(res.headers.get("x-quota-remaining")).toBe("0");
    const [p] = await db.select().from(quotaPacks).where(eq(quotaPacks.id, pack.id));
    expect(p!.callsUsed).toBe(3);
    expect(events.some((e) => e.appId === a.app.id && e.api === "general" && e.reason === "used_up")).toBe(true);
  });
  it("4020 over the application's rate limit, with Retry-After", async () => {
    const a = await freshApp({ rate: 1 });
    const engine = { engine: standInEngine() };
    const results = await Promise.all([0, 1, 2, 3].map(() => handleOpenApi(req(a, "general", imagesBody([small])), engine)));
    const limited = results.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(2);
    expect(limited[0]!.headers.get("retry-after")).toBe("1");
    expect((await json(limited[0]!)).code).toBe(4020);
  });
  it("4021 a body over the cap is refused while it streams in", async () => {
    const chunk = new Uint8Array(8 * 1024 * 1024);
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        pulled++;
        c.enqueue(chunk);
      },
    });
    const r = req(app, "general", "{}");
    const res = await POST(new Request(r.url, { method: "POST", headers: r.headers, body, duplex: "half" } as RequestInit));
    await expectError(res, 4021, 413);
    expect(pulled * chunk.length).toBeLessThan(MAX_BODY_BYTES + 4 * chunk.length);
  });
  it("5000 on a fault outside any image, with the request id and no stack", async () => {
    const engine = standInEngine(() => {
      throw new Error("engine exploded at /secret/path.ts:12");
    });
    const res = await handleOpenApi(req(app, "general", imagesBody([small])), { engine });
    const body = await expectError(res, 5000, 500);
    expect(body.details).toContain(res.headers.get("x-request-id")!);
    expect(body.details).not.toContain("secret/path");
  });
  it("5000 per image for an engine error on that image; 5001 when the engine is too busy for the whole request", async () => {
    const failing = standInEngine(async () => {
      throw new EngineError("internal", "boom");
    });
    await expectImageError(await handleOpenApi(req(app, "general", imagesBody([small])), { engine: failing }), 5000);
    const busy = standInEngine(async () => {
      throw new EngineError("busy", "queue full");
    });
    await expectError(await handleOpenApi(req(app, "general", imagesBody([small, small])), { engine: busy }), 5001, 503);
  });
});

describe("concurrency", () => {
  it("200 concurrent requests against a pack of 50 calls serve and charge exactly 50 images", async () => {
    const a = await freshApp({ calls: 0, rate: 100_000 });
    const pack = await grantPack(db, { appId: a.app.id, api: "general", calls: 50, source: "operator" });
    const engine = { engine: standInEngine() };
    const body = imagesBody([small]);
    const responses = await Promise.all(Array.from({ length: 200 }, () => handleOpenApi(req(a, "general", body), engine)));
    const bodies = await Promise.all(responses.map((r) => json(r)));
    const served = bodies.filter((b) => b.code === 0 && (b.message as { success: number }).success === 1).length;
    const refused = bodies.filter((b) => b.code === 4019 || (b.code === 0 && b.result?.[0]?.err_code === 4019)).length;
    expect(served).toBe(50);
    expect(refused).toBe(150);
    const [p] = await db.select().from(quotaPacks).where(eq(quotaPacks.id, pack.id));
    expect(p!.callsUsed).toBe(50);
    const [charged] = rowsOf<{ n: number; recorded: number }>(
      await db.execute(sql`select coalesce(sum(images_ok), 0)::int as n, count(*)::int as recorded from calls where app_id = ${a.app.id}`),
    );
    expect(charged).toEqual({ n: 50, recorded: 200 });
    expect((await rollup(a.app.id, "general")).calls).toBe(200);
  });
});

describe("routing", () => {
  it("a request to an unknown app path under /v1/aiop/api records no application", async () => {
    const res = await POST(new Request(ORIGIN + "/v1/aiop/api/x", { method: "POST", body: "{}" }));
    await expectError(res, 4013, 404);
    expect((await callRow(res.headers.get("x-request-id")!))?.appId).toBeNull();
  });
});
