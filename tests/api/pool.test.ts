/**
 * The signed open API with the NATS engine pool behind it (real PostgreSQL, real NATS
 * at TEST_NATS_URL or 127.0.0.1:4222 under a subject prefix of its own): the manual's
 * codes survive the wire, a worker dying mid-image costs a retry and not a charge, and
 * a pool with no capacity answers 5001 with Retry-After.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { EngineError, NatsEngine, type OcrEngine } from "@/lib/engine";
import { serveNats, type NatsWorker } from "@/lib/engine/nats-worker";
import { handleOpenApi } from "@/lib/gateway";
import { grantPack } from "@/lib/quota/grant";
import { remainingCalls } from "@/lib/quota/remaining";
import type { CreatedApp } from "@/lib/apps/create";
import { testDb } from "../helpers/db";
import { makeApp, makeUser } from "../helpers/fixtures";
import { imagesBody, png, signedRequest, standInEngine } from "./helpers";

const URL = process.env.TEST_NATS_URL ?? "nats://127.0.0.1:4222";
const prefix = `gwtest_${process.pid}_${randomBytes(4).toString("hex")}`;

let db: Db;
let a: CreatedApp;
let small: Buffer;
let pool: NatsEngine;
const workers: NatsWorker[] = [];

async function join(engine: OcrEngine, host: string): Promise<NatsWorker> {
  const w = await serveNats(engine, { url: URL, prefix, host });
  workers.push(w);
  return w;
}

function req(body: string) {
  return signedRequest({ appKey: a.app.appKey, secret: a.appSecret, serviceCode: a.serviceCodes.general, api: "general", body });
}

beforeAll(async () => {
  db = await testDb();
  a = await makeApp(db, (await makeUser(db)).id);
  await grantPack(db, { appId: a.app.id, api: "general", calls: 100, source: "operator" });
  small = await png(64, 64);
  pool = new NatsEngine({ url: URL, prefix, idleMs: 800 });
});

afterAll(async () => {
  await Promise.allSettled(workers.map((w) => w.close(100)));
  await pool.close();
});

describe("open API on the engine pool", () => {
  it("a pool with no worker answers 5001 with Retry-After and charges nothing", async () => {
    const before = await remainingCalls(db, a.app.id, "general");
    const res = await handleOpenApi(req(imagesBody([small])), { engine: pool, db });
    expect(res.status).toBe(503);
    expect(((await res.json()) as { code: number }).code).toBe(5001);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await remainingCalls(db, a.app.id, "general")).toBe(before);
  });

  it("a corrupt image refused by a worker is the manual's 4007 for that image, not 5000", async () => {
    const w = await join(
      standInEngine(async () => {
        throw new EngineError("corrupt", "cannot decode");
      }),
      "corrupt",
    );
    const res = await handleOpenApi(req(imagesBody([small])), { engine: pool, db });
    const body = (await res.json()) as { code: number; result: { err_code?: number }[] };
    expect(body.code).toBe(0);
    expect(body.result[0]!.err_code).toBe(4007);
    await w.close(100);
    workers.splice(workers.indexOf(w), 1);
  });

  it("a worker killed mid-image: every image is answered and charged exactly once", async () => {
    let victim: NatsWorker | null = null;
    let victimSaw = 0;
    victim = await join(
      standInEngine(async () => {
        victimSaw++;
        await victim!.kill();
        return new Promise(() => undefined);
      }),
      "victim",
    );
    let healthySaw = 0;
    await join(
      standInEngine(async () => {
        healthySaw++;
        return { text_line: 0, detail: [] };
      }),
      "healthy",
    );
    await pool.warm();
    await new Promise((r) => setTimeout(r, 2100));
    const before = await remainingCalls(db, a.app.id, "general");
    const res = await handleOpenApi(req(imagesBody(Array.from({ length: 10 }, () => small))), { engine: pool, db });
    const body = (await res.json()) as { code: number; message: { success: number; fail: number } };
    expect(victimSaw).toBeGreaterThan(0); // 10 images over two workers: the victim took some (or the test is not testing)
    expect(body).toMatchObject({ code: 0, message: { success: 10, fail: 0 } });
    expect(healthySaw).toBe(10);
    expect(before - (await remainingCalls(db, a.app.id, "general"))).toBe(10);
  });
});
