/** The embedded engine's queue and time limit, with a stand-in worker thread (no models). */
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { EmbeddedEngine } from "./embedded";
import { FairQueue } from "./fair-queue";
import { EngineError } from "./types";

const workerFile = path.resolve(import.meta.dirname, "../../tests/helpers/fake-engine-worker.mjs");
const job = (hang: number, tens: number, tag: number) => Buffer.from([hang, tens, tag]);
let engine: EmbeddedEngine | null = null;
afterEach(async () => {
  await engine?.close();
  engine = null;
});

describe("FairQueue", () => {
  it("serves owners round robin and limits each owner's share", () => {
    const q = new FairQueue<string>(3, 100);
    for (const j of ["a1", "a2", "a3"]) expect(q.push("a", j)).toBe(true);
    expect(q.push("a", "a4")).toBe(false);
    expect(q.push("b", "b1")).toBe(true);
    expect(q.push("c", "c1")).toBe(true);
    expect([q.shift(), q.shift(), q.shift(), q.shift(), q.shift(), q.shift()]).toEqual(["a1", "b1", "c1", "a2", "a3", undefined]);
  });
});

describe("EmbeddedEngine queue", () => {
  it("one application's 50 slow images do not make another wait behind them all, nor get busy", async () => {
    engine = new EmbeddedEngine({ concurrency: 1, queueLimit: 50, workerFile, jobTimeoutMs: 10_000 });
    await engine.warm();
    const done: string[] = [];
    const heavy = Array.from({ length: 50 }, (_, i) => engine!.run("general", job(0, 2, i), { owner: "big" }).then(() => done.push(`big${i}`)));
    const light = engine.run("general", job(0, 0, 99), { owner: "small" }).then(() => done.push("small"));
    const overflow = engine.run("general", job(0, 0, 1), { owner: "big" });
    await expect(overflow).rejects.toMatchObject({ kind: "busy" });
    await light;
    expect(done.indexOf("small")).toBeLessThanOrEqual(2);
    await Promise.all(heavy);
  });

  it("a job past ENGINE_JOB_TIMEOUT_MS fails as an internal error (5000) and its worker is replaced", async () => {
    engine = new EmbeddedEngine({ concurrency: 1, workerFile, jobTimeoutMs: 300 });
    await engine.warm();
    const t = Date.now();
    const hung = await engine.run("general", job(1, 0, 0)).catch((e: unknown) => e);
    expect(hung).toBeInstanceOf(EngineError);
    expect((hung as EngineError).kind).toBe("internal");
    expect(Date.now() - t).toBeLessThan(5_000);
    await expect(engine.run("general", job(0, 0, 7))).resolves.toMatchObject({ tag: 7 });
  });
});
