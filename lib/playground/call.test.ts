/**
 * The playground's server side against real PostgreSQL and the real gateway handler
 * (with a stand-in engine): signed with the app's secret, authenticated, charged and
 * recorded like any call; scoped to the owner.
 */
import { and, eq } from "drizzle-orm";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { calls } from "@/db/schema";
import { handleOpenApi } from "@/lib/gateway";
import { remainingCalls } from "@/lib/quota/remaining";
import { grantPack } from "@/lib/quota/grant";
import { verifySign } from "@/lib/signature";
import { testDb } from "@/tests/helpers/db";
import { makeApp, makeUser } from "@/tests/helpers/fixtures";
import { standInEngine } from "@/tests/api/helpers";
import { callGateway, type Send } from "./call";
import { signedSample } from "./sign-sample";

const ORIGIN = "http://playground.test";

async function setup() {
  const db = await testDb();
  const user = await makeUser(db);
  const created = await makeApp(db, user.id);
  const seen: Request[] = [];
  const send: Send = async (req) => {
    seen.push(req.clone());
    return handleOpenApi(req, { engine: standInEngine(), db });
  };
  const image = (await sharp({ create: { width: 64, height: 48, channels: 3, background: "#fff" } }).png().toBuffer()).toString("base64");
  return { db, user, created, send, seen, image };
}

describe.runIf(process.env.DATABASE_URL)("playground calls", () => {
  it("signs with the app's secret and goes through the gateway: charged, recorded, quota header", async () => {
    const { db, user, created, send, seen, image } = await setup();
    await grantPack(db, { appId: created.app.id, api: "general", calls: 5, source: "operator" });
    const res = await callGateway(db, user.id, { appId: created.app.id, api: "general", images: [image, image] }, { send, origin: ORIGIN });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.value.httpStatus).toBe(200);
    expect(res.value.body).toMatchObject({ code: 0, message: { success: 2, fail: 0 } });
    expect(res.value.quotaRemaining).toBe(3);
    expect(res.value.requestId).toMatch(/^req_/);
    expect(res.value.latencyMs).toBeGreaterThanOrEqual(0);
    expect(await remainingCalls(db, created.app.id, "general")).toBe(3);
    const [row] = await db.select().from(calls).where(and(eq(calls.requestId, res.value.requestId!), eq(calls.appId, created.app.id)));
    expect(row).toMatchObject({ code: 0, imagesOk: 2, userId: user.id });

    // the Request itself: the manual's path and headers, the secret nowhere in it
    const req = seen[0]!;
    expect(new URL(req.url).pathname).toBe(`/v1/aiop/api/${created.serviceCodes.general}/ocrdetect/ocr/v1/image.json`);
    const body = await req.text();
    expect(JSON.parse(body)).toEqual({ data: [image, image] });
    expect(req.headers.get("appkey")).toBe(created.app.appKey);
    expect([...req.headers.values()].join(" ") + body).not.toContain(created.appSecret);
  });

  it("answers the gateway's own errors (4019 with no calls left, per-image 4009)", async () => {
    const { db, user, created, send } = await setup();
    const none = await callGateway(db, user.id, { appId: created.app.id, api: "plate", images: [Buffer.from("GIF89a-not-allowed").toString("base64")] }, { send, origin: ORIGIN });
    expect(none.ok && none.value.body).toEqual({ code: 0, message: { success: 0, fail: 1 }, result: [{ err_code: 4009, err_msg: "请求文件格式不合法, 仅支持 jpeg/png/jpg/bmp 格式" }] });
    const png = (await sharp({ create: { width: 40, height: 40, channels: 3, background: "#000" } }).png().toBuffer()).toString("base64");
    const refused = await callGateway(db, user.id, { appId: created.app.id, api: "plate", images: [png] }, { send, origin: ORIGIN });
    expect(refused.ok && refused.value.httpStatus).toBe(403);
    expect(refused.ok && refused.value.body).toMatchObject({ code: 4019, message: "error" });
  });

  it("refuses another customer's application as not found, without calling the gateway", async () => {
    const { db, created, send, seen, image } = await setup();
    const other = await makeUser(db);
    const res = await callGateway(db, other.id, { appId: created.app.id, api: "general", images: [image] }, { send, origin: ORIGIN });
    expect(res.ok ? "ok" : res.code).toBe("app_not_found");
    expect(seen).toHaveLength(0);
    const sample = await signedSample(db, other.id, { appId: created.app.id, api: "general" }, { origin: ORIGIN });
    expect(sample.ok ? "ok" : sample.code).toBe("app_not_found");
  });

  it("code samples carry a valid Sign over the body shown, for the real URL", async () => {
    const { db, user, created } = await setup();
    const res = await signedSample(db, user.id, { appId: created.app.id, api: "idcard" }, { origin: "https://ocr.example.com/", now: 1_790_000_000_000 });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const s = res.value;
    expect(s.url).toBe(`https://ocr.example.com/v1/aiop/api/${created.serviceCodes.idcard}/IdentityCard/ocr/v1/idcard.json`);
    expect(s.timestamp).toBe("1790000000000");
    expect(JSON.stringify(s)).not.toContain(created.appSecret);
    const ok = verifySign({ appKey: s.appKey, secrets: [created.appSecret], timestamp: s.timestamp, paths: [s.path], body: new TextEncoder().encode(s.body), sign: s.sign });
    expect(ok).toBe(true);
  });
});
