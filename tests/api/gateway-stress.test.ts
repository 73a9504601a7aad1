/**
 * The open API under stress (issue 15, items 9–14), against real PostgreSQL through the
 * gateway with stand-in engines: what an unknown caller can make us read, what a refused
 * request may resend, work bounded by what is paid, charge and record together, and
 * bytes_in from the bytes actually read.
 */
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { drizzle } from "drizzle-orm/postgres-js";
import type postgres from "postgres";
import type { Db } from "@/db";
import { rowsOf, schema } from "@/db";
import { apps, calls, quotaPacks } from "@/db/schema";
import { EngineError } from "@/lib/engine";
import { handleOpenApi } from "@/lib/gateway";
import { bodyBudget } from "@/lib/gateway/body";
import { grantPack } from "@/lib/quota/grant";
import type { CreatedApp } from "@/lib/apps/create";
import { testDb } from "../helpers/db";
import { makeApp, makeUser } from "../helpers/fixtures";
import { imagesBody, png, signedRequest, standInEngine, uniqueTimestamp, type SignOpts } from "./helpers";

let db: Db;
let userId: string;
let small: Buffer;

beforeAll(async () => {
  db = await testDb();
  userId = (await makeUser(db)).id;
  small = await png(64, 64);
});

async function freshApp(opts: { calls?: number; rate?: number } = {}): Promise<CreatedApp> {
  const a = await makeApp(db, userId);
  await db.update(apps).set({ rateLimitPerSec: opts.rate ?? 1000 }).where(eq(apps.id, a.app.id));
  if (opts.calls !== 0) await grantPack(db, { appId: a.app.id, api: "general", calls: opts.calls ?? 100, source: "operator" });
  return a;
}

function opts(a: CreatedApp, body: string | Uint8Array, extra: Partial<SignOpts> = {}): SignOpts {
  return { appKey: a.app.appKey, secret: a.appSecret, serviceCode: a.serviceCodes.general, api: "general", body, timestamp: uniqueTimestamp(), ...extra };
}

/** A request whose body is a stream counting how many chunks the server pulled. */
function countingRequest(o: SignOpts, chunks: number, chunkBytes = 1024 * 1024): { req: Request; pulled: () => number } {
  const r = signedRequest(o);
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(c) {
      if (pulled >= chunks) return c.close();
      pulled++;
      c.enqueue(new Uint8Array(chunkBytes));
    },
  });
  return { req: new Request(r.url, { method: "POST", headers: r.headers, body, duplex: "half" } as RequestInit), pulled: () => pulled };
}

const json = async (res: Response) => (await res.json()) as { code: number; message: unknown; result?: { err_code?: number }[] };
const used = async (packId: string) => (await db.select().from(quotaPacks).where(eq(quotaPacks.id, packId)))[0]!.callsUsed;

describe("9 · body before key", () => {
  it("a made-up AppKey, or a disabled application, is refused without reading the body", async () => {
    const a = await freshApp();
    const fake = countingRequest(opts(a, "{}", { appKey: "ak_made_up_by_an_attacker" }), 64);
    const res = await handleOpenApi(fake.req, { engine: standInEngine() });
    expect((await json(res)).code).toBe(4017);
    expect(fake.pulled()).toBeLessThanOrEqual(1);

    await db.update(apps).set({ status: "disabled" }).where(eq(apps.id, a.app.id));
    const off = countingRequest(opts(a, "{}"), 64);
    expect((await json(await handleOpenApi(off.req, { engine: standInEngine() }))).code).toBe(4017);
    expect(off.pulled()).toBeLessThanOrEqual(1);
  });

  it("past the process-wide budget of body bytes in flight: 5001 with Retry-After, and the same request succeeds once it frees", async () => {
    const a = await freshApp();
    const o = opts(a, imagesBody([small]));
    const budget = bodyBudget();
    const hold = budget.limit; // as if other uploads held the whole budget
    expect(budget.take(hold)).toBe(true);
    let res: Response;
    try {
      res = await handleOpenApi(signedRequest(o), { engine: standInEngine() });
    } finally {
      budget.release(hold);
    }
    expect(res.status).toBe(503);
    expect((await json(res)).code).toBe(5001);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    const again = await handleOpenApi(signedRequest(o), { engine: standInEngine() });
    expect((await json(again)).code).toBe(0);
    expect(budget.inFlight).toBe(0);
  });
});

describe("10 · a refused request keeps its signature", () => {
  it("a request refused with 4020 is resent identically after Retry-After and admitted (not 4016)", async () => {
    const a = await freshApp({ rate: 1 });
    const engine = { engine: standInEngine() };
    const sent = [0, 1, 2, 3].map(() => opts(a, imagesBody([small])));
    const results = await Promise.all(sent.map((o) => handleOpenApi(signedRequest(o), engine)));
    const k = results.findIndex((r) => r.status === 429);
    expect(k).toBeGreaterThanOrEqual(0);
    const wait = Number(results[k]!.headers.get("retry-after"));
    expect(wait).toBeGreaterThanOrEqual(1);
    await new Promise((r) => setTimeout(r, wait * 1000));
    const retry = await handleOpenApi(signedRequest(sent[k]!), engine);
    expect({ status: retry.status, code: (await json(retry)).code }).toEqual({ status: 200, code: 0 });
    // ...and once admitted, the same bytes are a replay (in the next window: within this one 4020 comes first)
    await new Promise((r) => setTimeout(r, 1000));
    expect((await json(await handleOpenApi(signedRequest(sent[k]!), engine))).code).toBe(4016);
  });

  it("a request refused with 5001 (engine busy) is resent identically and admitted", async () => {
    const a = await freshApp();
    let busy = true;
    const engine = standInEngine(async () => {
      if (busy) throw new EngineError("busy", "queue full");
      return { text_line: 0, detail: [] };
    });
    const o = opts(a, imagesBody([small]));
    const first = await handleOpenApi(signedRequest(o), { engine });
    expect((await json(first)).code).toBe(5001);
    expect(Number(first.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    busy = false;
    expect((await json(await handleOpenApi(signedRequest(o), { engine }))).code).toBe(0);
  });
});

describe("11 · work bounded by what was paid", () => {
  it("with 1 call left, a 5-image request runs 1 image through the engine; the others answer 4019 unrun", async () => {
    const a = await freshApp({ calls: 0 });
    const pack = await grantPack(db, { appId: a.app.id, api: "general", calls: 1, source: "operator" });
    let ran = 0;
    const engine = standInEngine(async () => {
      ran++;
      return { text_line: 0, detail: [] };
    });
    const res = await handleOpenApi(signedRequest(opts(a, imagesBody([small, small, small, small, small]))), { engine });
    const out = await json(res);
    expect(ran).toBe(1);
    expect(out.message).toEqual({ success: 1, fail: 4 });
    expect(out.result!.slice(1).map((r) => r.err_code)).toEqual([4019, 4019, 4019, 4019]);
    expect(await used(pack.id)).toBe(1);
    expect(res.headers.get("x-quota-remaining")).toBe("0");
  });

  it("the engine is told whose images it runs (the fair queue's owner)", async () => {
    const a = await freshApp();
    const owners: (string | undefined)[] = [];
    const engine = standInEngine();
    const run = engine.run.bind(engine);
    engine.run = ((kind, image, o) => {
      owners.push(o?.owner);
      return run(kind, image, o);
    }) as typeof engine.run;
    await handleOpenApi(signedRequest(opts(a, imagesBody([small, small]))), { engine });
    expect(owners).toEqual([a.app.id, a.app.id]);
  });
});

describe("12 · charged and recorded together", () => {
  it("a paid call's record carries its packs, written with the charge", async () => {
    const a = await freshApp({ calls: 0 });
    const pack = await grantPack(db, { appId: a.app.id, api: "general", calls: 5, source: "operator" });
    const res = await handleOpenApi(signedRequest(opts(a, imagesBody([small, small]))), { engine: standInEngine() });
    expect((await json(res)).code).toBe(0);
    const [row] = await db.select().from(calls).where(eq(calls.requestId, res.headers.get("x-request-id")!));
    expect(row).toMatchObject({ code: 0, imagesOk: 2, packs: [{ packId: pack.id, calls: 2 }] });
    expect(await used(pack.id)).toBe(2);
  });

  it("when the quota runs out between admission and charge, the partial charge and its record still go together", async () => {
    const a = await freshApp({ calls: 0 });
    const pack = await grantPack(db, { appId: a.app.id, api: "general", calls: 3, source: "operator" });
    // the engine takes 2 of the 3 calls from under the request while it runs
    const engine = standInEngine(async () => {
      await db.execute(sql`update quota_packs set calls_used = 2 where id = ${pack.id}`);
      return { text_line: 0, detail: [] };
    });
    const res = await handleOpenApi(signedRequest(opts(a, imagesBody([small, small, small]))), { engine });
    const out = await json(res);
    expect(out.message).toEqual({ success: 1, fail: 2 });
    expect(await used(pack.id)).toBe(3);
    const [row] = await db.select().from(calls).where(eq(calls.requestId, res.headers.get("x-request-id")!));
    expect(row).toMatchObject({ imagesOk: 1, imagesFailed: 2, packs: [{ packId: pack.id, calls: 1 }] });
  });
});

/**
 * The database as seen by a request whose charge commits on the server but whose
 * acknowledgment never arrives (the connection closes or goes silent right after the commit);
 * with `thenUnreachable`, every later statement of the request fails too (PostgreSQL gone).
 */
function ackLost(base: Db, thenUnreachable: boolean): Db {
  const client = (base as unknown as { $client: postgres.Sql }).$client;
  const fail = (message: string, code: string) => {
    const p = Promise.reject(Object.assign(new Error(message), { code }));
    return Object.assign(p, { values: () => p });
  };
  let lost = false;
  const flaky = new Proxy(client, {
    get(t, k, r) {
      if (k !== "unsafe") return Reflect.get(t, k, r);
      return (text: string, params?: postgres.ParameterOrJSON<never>[], o?: postgres.UnsafeQueryOptions) => {
        if (!lost && text.includes("update quota_packs") && text.includes("insert into calls")) {
          lost = true;
          return t.unsafe(text, params, o).then(() => fail("write CONNECTION_CLOSED 127.0.0.1:5432", "CONNECTION_CLOSED"));
        }
        if (lost && thenUnreachable) return fail("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED");
        return t.unsafe(text, params, o);
      };
    },
  });
  return drizzle(flaky, { schema }) as unknown as Db;
}

describe("12 · a charge whose acknowledgment is lost", () => {
  it("the record shows it committed: the client gets its paid result, charged once", async () => {
    const a = await freshApp({ calls: 0 });
    const pack = await grantPack(db, { appId: a.app.id, api: "general", calls: 5, source: "operator" });
    const res = await handleOpenApi(signedRequest(opts(a, imagesBody([small, small]))), { engine: standInEngine(), db: ackLost(db, false) });
    expect((await json(res)).code).toBe(0);
    expect(await used(pack.id)).toBe(2);
    const rows = await db.select().from(calls).where(eq(calls.requestId, res.headers.get("x-request-id")!));
    expect(rows.map((r) => [r.code, r.imagesOk])).toEqual([[0, 2]]);
  });

  it("charged but told 5000 (PostgreSQL gone right after the commit): the same request resent is refused 4016 and charges nothing more", async () => {
    const a = await freshApp({ calls: 0 });
    const pack = await grantPack(db, { appId: a.app.id, api: "general", calls: 5, source: "operator" });
    const o = opts(a, imagesBody([small, small]));
    const first = await handleOpenApi(signedRequest(o), { engine: standInEngine(), db: ackLost(db, true) });
    expect((await json(first)).code).toBe(5000);
    expect(await used(pack.id)).toBe(2); // charged (and recorded as served) although told 5000
    const again = await handleOpenApi(signedRequest(o), { engine: standInEngine() }); // identical bytes: same Timestamp and Sign
    expect((await json(again)).code).toBe(4016);
    expect(await used(pack.id)).toBe(2);
    const fresh = await handleOpenApi(signedRequest(opts(a, imagesBody([small, small]))), { engine: standInEngine() }); // a new Timestamp and Sign
    expect((await json(fresh)).code).toBe(0);
    expect(await used(pack.id)).toBe(4);
  });
});

describe("14 · bytes_in from the bytes read", () => {
  it("a refused request with a made-up 3 GB Content-Length is recorded with the bytes actually read (none)", async () => {
    const a = await freshApp();
    const r = signedRequest(opts(a, "{}"));
    const headers = new Headers(r.headers);
    headers.set("content-length", "3000000000");
    const res = await handleOpenApi(new Request(r.url, { method: "POST", headers, body: "{}" }), { engine: standInEngine() });
    expect((await json(res)).code).toBe(4021);
    const rows = rowsOf<{ bytes_in: number }>(await db.execute(sql`select bytes_in from calls where request_id = ${res.headers.get("x-request-id")}`));
    expect(rows).toEqual([{ bytes_in: 0 }]);
  });

  it("a streamed body is counted as read, whatever Content-Length says", async () => {
    const a = await freshApp();
    const body = imagesBody([small]);
    const res = await handleOpenApi(signedRequest(opts(a, body)), { engine: standInEngine() });
    const [row] = await db.select().from(calls).where(eq(calls.requestId, res.headers.get("x-request-id")!));
    expect(row!.bytesIn).toBe(Buffer.byteLength(body));
  });
});
