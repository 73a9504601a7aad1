/**
 * npm run bench:gateway — the open-API gateway's cost, in one run:
 *
 * 1. The full gateway (auth, replay store, rate limit, validation, quota check and
 *    charge, metering) with the engine replaced by an instant stand-in — signed with the
 *    manual's MD5 Sign and, beside it, with the EOP signature (AccessKey) — against a bare
 *    handler returning the same JSON over the same HTTP adapter. Both are served by the
 *    same child process (a tiny node http server on a free port); autocannon drives
 *    them from this process, so the load generator never shares the server's event
 *    loop. BENCH_ROUNDS rounds (default 3), each measuring bare then gateway back to
 *    back with the same connections:
 *      - latency: 1 connection — the per-request overhead (p50 gateway − p50 bare),
 *        without queueing behind other requests;
 *      - throughput: BENCH_CONNECTIONS connections (default 10) — requests per second
 *        (and p50/p99 under that load, reported too).
 *    Medians over the rounds are reported with the load average. Afterwards the calls
 *    table must hold one row per gateway response (every call recorded).
 *    EOP against MD5 is then measured paired: each of 1 and BENCH_CONNECTIONS keep-alive
 *    connections sends MD5, EOP, MD5, EOP, … back to back for BENCH_SECONDS, timing each
 *    response to the microsecond, so both schemes see the same load at the same moments
 *    (a shared machine's load swings more between two 10 s blocks than the schemes differ);
 *    the EOP overhead is p50(EOP) − p50(MD5) of those interleaved requests.
 * 2. Images per second with the real embedded engine on the general corpus
 *    (../shared/corpus/general), sent as one signed request through the gateway.
 *
 * BENCH_ENGINE=0 skips part 2.
 *
 * Needs DATABASE_URL (PostgreSQL); creates its own user and application.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { eq, sql } from "drizzle-orm";
import sharp from "sharp";
import { closeDb, getDb, rowsOf } from "../db";
import { apps } from "../db/schema";
import { registerUser } from "../lib/accounts/users";
import { createApp } from "../lib/apps/create";
import { getEngine, resetEngine } from "../lib/engine";
import type { ApiKind, EngineStats, OcrEngine, ResultFor } from "../lib/engine/types";
import { handleOpenApi } from "../lib/gateway";
import { pathTemplate } from "../lib/gateway/routes";
import { grantPack } from "../lib/quota/grant";
import { computeSign } from "../lib/signature";
import { createAccessKey } from "../lib/accounts/access-keys";
import { signEop } from "../lib/gateway/eop";
import { newId } from "../lib/id";

const repoRoot = path.resolve(import.meta.dirname, "..");
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const load = () => os.loadavg().map((x) => x.toFixed(2)).join(" ");

interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number; average: number };
  "2xx": number;
  non2xx: number;
  errors: number;
}
interface AutocannonRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}
type Autocannon = (opts: {
  url: string;
  connections: number;
  duration: number;
  requests: { setupRequest: (r: AutocannonRequest) => AutocannonRequest }[];
}) => Promise<AutocannonResult>;

const GENERAL: ResultFor<"general"> = { text_line: 1, detail: [{ name: "0", text: "测试", box: [0, 0, 10, 0, 10, 10, 0, 10] }] };

function instantEngine(): OcrEngine {
  const stats: EngineStats = { kind: "embedded", queueDepth: 0, running: 0, concurrency: 1, busyRefusals: 0, imagesDone: 0, imagesPerSecond: 0 };
  return {
    run: (<K extends ApiKind>(_kind: K, _image: Buffer) => Promise.resolve(GENERAL)) as OcrEngine["run"],
    stats: () => stats,
    warm: async () => undefined,
    close: async () => undefined,
  };
}

/** Child: serve /bare and the gateway until killed. */
async function serve(): Promise<void> {
  const engine = instantEngine();
  const bareBody = JSON.stringify({ code: 0, message: { success: 1, fail: 0 }, result: [GENERAL] });
  await getDb();
  const server = http.createServer(async (req, res) => {
    const url = `http://127.0.0.1${req.url}`;
    const request = new Request(url, {
      method: req.method,
      headers: req.headers as Record<string, string>,
      body: req.method === "POST" ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
      duplex: "half",
    } as RequestInit);
    let response: Response;
    if (req.url?.startsWith("/bare")) {
      await request.arrayBuffer();
      response = new Response(bareBody, { headers: { "content-type": "application/json; charset=utf-8", "x-request-id": "req_bare" } });
    } else {
      response = await handleOpenApi(request, { engine });
    }
    const body = Buffer.from(await response.arrayBuffer());
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(body);
  });
  server.listen(0, "127.0.0.1", () => {
    const addr = server.address();
    if (addr && typeof addr === "object") console.log(`PORT ${addr.port}`);
  });
}

async function main(): Promise<void> {
  if (!process.env.DATABASE_URL) throw new Error("bench:gateway needs DATABASE_URL (a PostgreSQL database, migrated)");
  const db = await getDb();
  const reg = await registerUser(db, { email: `${newId("bench").replace("_", "-")}@bench.local`, password: "Passw0rd!", name: "bench" }, "customer");
  if (!reg.ok) throw new Error(reg.message);
  const created = await createApp(db, reg.value.id, { name: `bench-${Date.now()}`, description: "" });
  if (!created.ok) throw new Error(created.message);
  const { app, appSecret, serviceCodes } = created.value;
  await db.update(apps).set({ rateLimitPerSec: 1_000_000 }).where(eq(apps.id, app.id));
  await grantPack(db, { appId: app.id, api: "general", calls: 10_000_000, source: "operator" });
  const key = await createAccessKey(db, reg.value.id, { skipPassword: true });
  if (!key.ok) throw new Error(key.message);

  // node itself (not npx) runs the server, so killing the child stops the server and its stdout pipe closes
  const child = spawn(process.execPath, ["--import", "tsx", path.join(repoRoot, "bench/gateway.ts"), "--serve"], {
    cwd: repoRoot,
    env: process.env,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.on("data", (d: Buffer) => {
      const m = /PORT (\d+)/.exec(d.toString());
      if (m) resolve(Number(m[1]));
    });
    child.on("exit", (c) => reject(new Error(`bench server exited (${c})`)));
  });

  try {
    const image = (await sharp({ create: { width: 64, height: 64, channels: 3, background: "#ffffff" } }).png().toBuffer()).toString("base64");
    const body = JSON.stringify({ data: [image] });
    const apiPath = pathTemplate("general").replace("{serviceCode}", serviceCodes.general);
    let lastTs = 0;
    const signed = (r: AutocannonRequest): AutocannonRequest => {
      lastTs = Math.max(Date.now(), lastTs + 1); // unique Timestamp → unique Sign (no replays)
      const ts = String(lastTs);
      return {
        ...r,
        method: "POST",
        path: apiPath,
        body,
        headers: { "content-type": "application/json", AppKey: app.appKey, Timestamp: ts, Sign: computeSign(app.appKey, appSecret, ts, apiPath, body) },
      };
    };
    // the same call signed the EOP way (account AccessKey), a fresh request id each time
    const eop = (r: AutocannonRequest): AutocannonRequest => ({
      ...r,
      method: "POST",
      path: apiPath,
      body,
      headers: { "content-type": "application/json", ...signEop({ ak: key.value.ak, sk: key.value.sk, appKey: app.appKey, body }) },
    });
    const bare = (r: AutocannonRequest): AutocannonRequest => ({ ...r, method: "POST", path: "/bare", body, headers: { "content-type": "application/json" } });

    const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;
    const url = `http://127.0.0.1:${port}`;
    const run = (setupRequest: (r: AutocannonRequest) => AutocannonRequest, connections: number, duration = DURATION) =>
      autocannon({ url, connections, duration, requests: [{ setupRequest }] });
    // warm both paths (JIT, connection pool, prepared statements)
    await run(signed, CONNECTIONS, 2);
    await run(eop, CONNECTIONS, 2);
    await run(bare, CONNECTIONS, 2);
    const count = async () => rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from calls where app_id = ${app.id}`))[0]!.n;
    const before = await count();

    const row = (name: string, r: AutocannonResult) =>
      `${name.padEnd(16)} ${r.requests.average.toFixed(0).padStart(6)} req/s   p50 ${String(r.latency.p50).padStart(4)} ms   p99 ${String(r.latency.p99).padStart(4)} ms   2xx ${r["2xx"]}   non-2xx ${r.non2xx}   errors ${r.errors}`;
    const rounds: { lat: [AutocannonResult, AutocannonResult, AutocannonResult]; tput: [AutocannonResult, AutocannonResult, AutocannonResult]; load: string }[] = [];
    let responses = 0;
    console.log(`\nGateway vs bare handler (instant stand-in engine; ${ROUNDS} rounds of ${DURATION} s per measurement; ${os.cpus().length} CPUs)`);
    for (let i = 0; i < ROUNDS; i++) {
      const lat: [AutocannonResult, AutocannonResult, AutocannonResult] = [await run(bare, 1), await run(signed, 1), await run(eop, 1)];
      const tput: [AutocannonResult, AutocannonResult, AutocannonResult] = [await run(bare, CONNECTIONS), await run(signed, CONNECTIONS), await run(eop, CONNECTIONS)];
      responses += [lat[1], lat[2], tput[1], tput[2]].reduce((n, r) => n + r["2xx"] + r.non2xx, 0);
      rounds.push({ lat, tput, load: load() });
      console.log(`round ${i + 1} (load average ${rounds[i]!.load})`);
      console.log(row("  bare    1 conn", lat[0]));
      console.log(row("  gateway 1 conn", lat[1]));
      console.log(row(`  bare    ${CONNECTIONS} conn`, tput[0]));
      console.log(row(`  gateway ${CONNECTIONS} conn`, tput[1]));
      console.log(row("  EOP     1 conn", lat[2]));
      console.log(row(`  EOP     ${CONNECTIONS} conn`, tput[2]));
    }
    const after = await count();
    const m = (f: (r: (typeof rounds)[number]) => number) => median(rounds.map(f));
    const overhead = m((r) => r.lat[1].latency.p50 - r.lat[0].latency.p50);
    const gwRps = m((r) => r.tput[1].requests.average);
    const eopOverMd5 = m((r) => r.lat[2].latency.p50 - r.lat[1].latency.p50);
    console.log(`\nmedians over ${ROUNDS} rounds`);
    console.log(`  1 conn:  bare p50 ${m((r) => r.lat[0].latency.p50)} ms, gateway p50 ${m((r) => r.lat[1].latency.p50)} ms → overhead p50 +${overhead.toFixed(1)} ms (p99 +${m((r) => r.lat[1].latency.p99 - r.lat[0].latency.p99).toFixed(1)} ms)`);
    console.log(`  ${CONNECTIONS} conn: bare ${m((r) => r.tput[0].requests.average).toFixed(0)} req/s p50 ${m((r) => r.tput[0].latency.p50)} ms; gateway ${gwRps.toFixed(0)} req/s p50 ${m((r) => r.tput[1].latency.p50)} ms p99 ${m((r) => r.tput[1].latency.p99)} ms`);
    console.log(
      `  EOP signature (separate ${DURATION} s blocks): 1 conn p50 ${m((r) => r.lat[2].latency.p50)} ms (vs MD5 Sign ${m((r) => r.lat[1].latency.p50)} ms → ${eopOverMd5 >= 0 ? "+" : ""}${eopOverMd5.toFixed(1)} ms); ` +
        `${CONNECTIONS} conn ${m((r) => r.tput[2].requests.average).toFixed(0)} req/s p50 ${m((r) => r.tput[2].latency.p50)} ms   non-2xx ${rounds.reduce((n, r) => n + r.lat[2].non2xx + r.tput[2].non2xx, 0)}`,
    );
    // requests still in flight when autocannon stops are answered (and recorded) but not counted by it
    const recorded = after - before;
    const slack = 2 * ROUNDS * (CONNECTIONS + 1);
    const complete = recorded >= responses && recorded <= responses + slack;
    console.log(`  recorded ${recorded} calls rows for ${responses} gateway responses counted (+ ≤ ${slack} in flight at the ends)${complete ? " — every call recorded" : "  ← MISMATCH"}`);
    console.log(`  targets: p50 overhead ≤ 3 ms: ${overhead <= 3 ? "met" : "NOT met"}; ≥ 500 signed req/s: ${gwRps >= 500 ? "met" : "NOT met"}   (load average now ${load()}; EOP against MD5: the interleaved measure below)`);

    // EOP vs MD5, interleaved on the same connections (see the header)
    const paired = async (connections: number): Promise<{ md5: number[]; eop: number[] }> => {
      const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
      const out = { md5: [] as number[], eop: [] as number[] };
      const send = (r: AutocannonRequest) =>
        new Promise<number>((resolve, reject) => {
          const t0 = process.hrtime.bigint();
          const req = http.request({ host: "127.0.0.1", port, method: r.method, path: r.path, headers: r.headers, agent }, (res) => {
            res.resume();
            res.on("end", () => (res.statusCode === 200 ? resolve(Number(process.hrtime.bigint() - t0) / 1e6) : reject(new Error(`HTTP ${res.statusCode}`))));
          });
          req.on("error", reject);
          req.end(r.body);
        });
      const until = Date.now() + DURATION * 1000;
      const template = { method: "POST", path: apiPath, headers: {}, body } as AutocannonRequest;
      await Promise.all(
        Array.from({ length: connections }, async (_, i) => {
          for (let k = i % 2; Date.now() < until; k++) {
            if (k % 2 === 0) out.md5.push(await send(signed(template)));
            else out.eop.push(await send(eop(template)));
          }
        }),
      );
      agent.destroy();
      return out;
    };
    const pct = (xs: number[], q: number) => {
      const s = [...xs].sort((a, b) => a - b);
      return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
    };
    console.log(`\nEOP vs MD5 Sign, interleaved on the same connections (${DURATION} s each; load average ${load()})`);
    const eopRows: number[] = [];
    for (const c of [1, CONNECTIONS]) {
      const r = await paired(c);
      const d = pct(r.eop, 0.5) - pct(r.md5, 0.5);
      console.log(
        `  ${String(c).padStart(2)} conn  MD5 p50 ${pct(r.md5, 0.5).toFixed(2)} ms p99 ${pct(r.md5, 0.99).toFixed(2)} ms (${r.md5.length})   ` +
          `EOP p50 ${pct(r.eop, 0.5).toFixed(2)} ms p99 ${pct(r.eop, 0.99).toFixed(2)} ms (${r.eop.length})   EOP overhead p50 ${d >= 0 ? "+" : ""}${d.toFixed(2)} ms`,
      );
      eopRows.push(d);
    }
    const worst = Math.max(...eopRows);
    console.log(`  target: EOP p50 within 1 ms of MD5 (interleaved, 1 and ${CONNECTIONS} connections): ${worst <= 1 ? "met" : "NOT met"}   (load average now ${load()})`);
  } finally {
    child.kill("SIGTERM");
  }

  if (process.env.BENCH_ENGINE === "0") {
    await closeDb();
    return;
  }
  // Real engine on the general corpus, through the gateway.
  const dir = path.resolve(repoRoot, "../shared/corpus/general");
  const files = fs.readdirSync(dir).filter((f) => /\.(png|jpe?g|bmp)$/i.test(f));
  const images = files.map((f) => fs.readFileSync(path.join(dir, f)).toString("base64"));
  const engine = getEngine();
  await engine.warm();
  const apiPath = pathTemplate("general").replace("{serviceCode}", serviceCodes.general);
  const realBody = JSON.stringify({ data: images });
  const ts = String(Date.now());
  const t0 = performance.now();
  const res = await handleOpenApi(
    new Request(`http://127.0.0.1${apiPath}`, {
      method: "POST",
      headers: { "content-type": "application/json", AppKey: app.appKey, Timestamp: ts, Sign: computeSign(app.appKey, appSecret, ts, apiPath, realBody) },
      body: realBody,
    }),
    { engine, db },
  );
  const secs = (performance.now() - t0) / 1000;
  const out = (await res.json()) as { message: { success: number; fail: number } };
  console.log(
    `\nReal engine (${engine.stats().kind}, concurrency ${engine.stats().concurrency}) on ${files.length} corpus images in one signed request: ` +
      `${out.message.success} ok, ${out.message.fail} refused, ${secs.toFixed(1)} s → ${(out.message.success / secs).toFixed(2)} images/s`,
  );
  await resetEngine();
  await closeDb();
}

if (process.argv.includes("--serve")) {
  void serve();
} else {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
