/**
 * The engine pool over a real NATS server (TEST_NATS_URL, default the local
 * 127.0.0.1:4222, shared with others: every test gets its own subject prefix).
 * Workers serve stand-in engines so the wire, the retries and the object store are
 * the subject, not recognition.
 */
import { createHash, randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { NatsEngine } from "./nats";
import { serveNats, type NatsWorker } from "./nats-worker";
import { EngineError, type ApiKind, type EngineStats, type OcrEngine } from "./types";

const URL = process.env.TEST_NATS_URL ?? "nats://127.0.0.1:4222";

type RunFn = (kind: ApiKind, image: Buffer) => Promise<unknown>;

function engineOf(run: RunFn, over: Partial<EngineStats> = {}): OcrEngine & { seen: number } {
  const e = {
    seen: 0,
    run: (async (kind: ApiKind, image: Buffer) => {
      e.seen++;
      return run(kind, image);
    }) as OcrEngine["run"],
    stats: (): EngineStats => ({ kind: "embedded", queueDepth: 0, running: 0, concurrency: 2, busyRefusals: 0, imagesDone: e.seen, imagesPerSecond: 0, ...over }),
    warm: async () => undefined,
    close: async () => undefined,
  };
  return e;
}

const echo: RunFn = async (kind, image) => ({ kind, bytes: image.length, sha: createHash("sha256").update(image).digest("hex") });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let opened: (NatsWorker | NatsEngine)[] = [];
afterEach(async () => {
  await Promise.allSettled(opened.map((o) => ("kill" in o ? o.close(100) : o.close())));
  opened = [];
});

function prefix(): string {
  return `test_${process.pid}_${randomBytes(4).toString("hex")}`;
}

async function worker(p: string, engine: OcrEngine, host = "w"): Promise<NatsWorker> {
  const w = await serveNats(engine, { url: URL, prefix: p, host });
  opened.push(w);
  return w;
}

function client(p: string, opts: { idleMs?: number; timeoutMs?: number } = {}): NatsEngine {
  const c = new NatsEngine({ url: URL, prefix: p, ...opts });
  opened.push(c);
  return c;
}

describe("engine pool over NATS", () => {
  it("returns the worker's result and spreads images over every connected worker", async () => {
    const p = prefix();
    const a = engineOf(echo);
    const b = engineOf(echo);
    await worker(p, a, "alpha");
    await worker(p, b, "beta");
    const c = client(p);
    await c.warm();
    const img = randomBytes(2000);
    const results = await Promise.all(Array.from({ length: 40 }, () => c.run("plate", img)));
    expect(results[0]).toEqual({ kind: "plate", bytes: 2000, sha: createHash("sha256").update(img).digest("hex") });
    expect(a.seen + b.seen).toBe(40);
    expect(a.seen).toBeGreaterThan(0);
    expect(b.seen).toBeGreaterThan(0);
  });

  it("carries the image's owner to the worker's engine, whose queue is shared fairly between owners", async () => {
    const p = prefix();
    const owners: (string | undefined)[] = [];
    const e = engineOf(echo);
    const run = e.run;
    e.run = (async (kind: ApiKind, image: Buffer, opts?: { owner?: string }) => {
      owners.push(opts?.owner);
      return run(kind, image);
    }) as OcrEngine["run"];
    await worker(p, e);
    const c = client(p);
    await c.run("general", randomBytes(100), { owner: "app_a" });
    await c.run("general", randomBytes(100), { owner: "app_b" });
    await c.run("general", randomBytes(100));
    expect(owners).toEqual(["app_a", "app_b", undefined]);
  });

  it("keeps an engine error's kind across the wire (a corrupt image is not a 5000) and does not retry it", async () => {
    const p = prefix();
    const e = engineOf(async () => {
      throw new EngineError("corrupt", "cannot decode");
    });
    await worker(p, e);
    const c = client(p);
    const err = await c.run("general", randomBytes(100)).catch((x: unknown) => x);
    expect(err).toBeInstanceOf(EngineError);
    expect((err as EngineError).kind).toBe("corrupt");
    expect(e.seen).toBe(1);
  });

  it("moves a 10 MB image through the object store (server max_payload is 1 MB) intact", async () => {
    const p = prefix();
    await worker(p, engineOf(echo));
    const c = client(p);
    const big = randomBytes(10 * 1024 * 1024 - 1);
    const r = (await c.run("general", big)) as unknown as { bytes: number; sha: string };
    expect(r.bytes).toBe(big.length);
    expect(r.sha).toBe(createHash("sha256").update(big).digest("hex"));
  });

  it("brings back a result larger than max_payload", async () => {
    const p = prefix();
    const blob = randomBytes(900 * 1024).toString("base64"); // ~1.2 MB of JSON
    await worker(p, engineOf(async () => ({ idcard_face: blob })));
    const c = client(p);
    const r = (await c.run("idcard", randomBytes(10))) as unknown as { idcard_face: string };
    expect(r.idcard_face).toBe(blob);
  });

  it("retries once on another worker when the first dies mid-image, and the image is answered", async () => {
    const p = prefix();
    let dying: NatsWorker | null = null;
    const victim = engineOf(async () => {
      await dying!.kill(); // the process is gone while it holds the image
      return new Promise(() => undefined);
    });
    const healthy = engineOf(echo);
    dying = await worker(p, victim, "victim");
    const c = client(p, { idleMs: 800 });
    await c.warm();
    await worker(p, healthy, "healthy");
    await sleep(2100); // the healthy worker's second heartbeat
    // Send until the victim is the one chosen (NATS picks a queue member at random).
    const results = [];
    for (let i = 0; i < 30 && victim.seen === 0; i++) results.push(await c.run("general", Buffer.from(`img${i}`)));
    expect(victim.seen).toBe(1);
    expect(c.retryCount()).toBe(1);
    expect(healthy.seen).toBe(results.length); // every image answered, the victim's one on retry
    expect(results.every((r) => (r as unknown as { bytes: number }).bytes === 4)).toBe(true);
  });

  it("answers busy when no worker is connected, and when every worker is busy after one retry", async () => {
    const p = prefix();
    const c = client(p);
    const none = await c.run("general", Buffer.from("x")).catch((x: unknown) => x);
    expect((none as EngineError).kind).toBe("busy");

    const full = engineOf(async () => {
      throw new EngineError("busy", "queue full");
    });
    await worker(p, full);
    const err = await c.run("general", Buffer.from("x")).catch((x: unknown) => x);
    expect((err as EngineError).kind).toBe("busy");
    expect(full.seen).toBe(2); // tried, then retried once
    expect(c.stats().busyRefusals).toBeGreaterThan(0);
  });

  it("a worker that falls silent past the time limit is given up on, not waited for forever", async () => {
    const p = prefix();
    await worker(p, engineOf(() => new Promise(() => undefined)));
    const c = client(p, { timeoutMs: 700 });
    const err = await c.run("general", Buffer.from("x")).catch((x: unknown) => x);
    expect(err).toBeInstanceOf(EngineError);
    expect((err as EngineError).kind).toBe("busy");
  });

  it("lists each worker with its host, concurrency, queue and images per second", async () => {
    const p = prefix();
    await worker(p, engineOf(echo, { concurrency: 3, queueDepth: 5, imagesPerSecond: 1.5 }), "gpu-box-1");
    const w2 = await worker(p, engineOf(echo, { concurrency: 1 }), "gpu-box-2");
    const c = client(p);
    await c.warm();
    for (let i = 0; i < 30 && (c.stats().workers?.length ?? 0) < 2; i++) await sleep(100);
    const s = c.stats();
    expect(s.kind).toBe("nats");
    expect(s.workers?.map((w) => [w.host, w.concurrency, w.queueDepth])).toEqual([
      ["gpu-box-1", 3, 5],
      ["gpu-box-2", 1, 0],
    ]);
    expect(s.concurrency).toBe(4);
    expect(s.imagesPerSecond).toBe(1.5);
    expect(Date.parse(s.workers![0]!.lastSeen)).toBeGreaterThan(Date.now() - 10_000);
    await w2.close(); // a worker leaving says so
    await sleep(200);
    expect(c.stats().workers?.map((w) => w.host)).toEqual(["gpu-box-1"]);
  });
});
