/**
 * A real engine worker over NATS: `npm run engine -- --nats …` as a subprocess with the
 * real models, a nats-server of this test's own (JetStream, a free port; /usr/sbin/nats-server
 * or NATS_SERVER_BIN), and the app's pool client (NatsEngine) sending rendered images.
 * Recognition, not the wire, is the subject: the text printed on the image comes back,
 * and an image the engine cannot decode keeps the manual's meaning (corrupt → 4007).
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderTextPage } from "@/lib/render";
import { NatsEngine } from "./nats";
import { EngineError } from "./types";

const root = path.resolve(import.meta.dirname, "../..");
const natsBin = process.env.NATS_SERVER_BIN ?? "/usr/sbin/nats-server";
const prefix = `realtest_${process.pid}`;

let nats: ChildProcess | null = null;
let worker: ChildProcess | null = null;
let pool: NatsEngine;
let workerLog = "";
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nats-real-"));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function listening(port: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const up = await new Promise<boolean>((r) => {
      const c = net.connect(port, "127.0.0.1", () => {
        c.destroy();
        r(true);
      });
      c.on("error", () => r(false));
    });
    if (up) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nats-server did not listen on ${port}`);
}

function stop(p: ChildProcess | null): Promise<void> {
  if (!p || p.exitCode !== null || p.signalCode !== null || !p.pid) return Promise.resolve();
  const gone = new Promise<void>((r) => p.once("exit", () => r()));
  process.kill(-p.pid, "SIGTERM");
  const t = setTimeout(() => {
    try {
      process.kill(-p.pid!, "SIGKILL");
    } catch {
      /* gone */
    }
  }, 5000);
  return gone.finally(() => clearTimeout(t));
}

beforeAll(async () => {
  const port = await freePort();
  nats = spawn(natsBin, ["-a", "127.0.0.1", "-p", String(port), "-js", "-sd", dir], { detached: true, stdio: "ignore" });
  await listening(port);
  const url = `nats://127.0.0.1:${port}`;
  const env = { ...process.env, ENGINE_NATS_SUBJECT: prefix, ENGINE_CONCURRENCY: "1", ENGINE_HOST_LABEL: "real-test" };
  worker = spawn(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/engine.ts", "--nats", url], { cwd: root, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const joined = new Promise<void>((resolve, reject) => {
    const feed = (d: Buffer) => {
      workerLog += d.toString();
      if (/engine worker .* joined/.test(workerLog)) resolve();
    };
    worker!.stdout!.on("data", feed);
    worker!.stderr!.on("data", feed);
    worker!.once("exit", (code) => reject(new Error(`engine worker exited (${code}) before joining:\n${workerLog}`)));
  });
  await joined;
  pool = new NatsEngine({ url, prefix });
  await pool.warm();
}, 240_000);

afterAll(async () => {
  await pool?.close();
  await stop(worker);
  await stop(nats);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("a real ONNX engine worker over NATS", () => {
  it("reads the text printed on a rendered image, sent through the app's pool client", async () => {
    const image = await renderTextPage(["识别服务 2026"], { size: 32 });
    const result = await pool.run("general", image);
    const text = result.detail.map((d) => d.text).join("");
    expect(text).toContain("识别服务");
    expect(text).toContain("2026");
    expect(pool.stats().workers?.map((w) => w.host)).toContain("real-test");
  });

  it("an image the engine cannot decode is refused as corrupt, not as an internal error", async () => {
    const png = await renderTextPage(["损坏"], { size: 32 });
    const broken = Buffer.concat([png.subarray(0, 64), Buffer.alloc(256, 7)]);
    const err = await pool.run("general", broken).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(EngineError);
    expect((err as EngineError).kind).toBe("corrupt");
  });
});
