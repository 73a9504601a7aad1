/**
 * npm run bench:faults — the open API against a running `next start` on PostgreSQL,
 * under hostile input and a failing database (issue 15, "Tests that must exist").
 *
 * The server is started here (`next start -p $E2E_PORT`, default 3204; run `next build`
 * first) with its DATABASE_URL pointed at a TCP proxy this process controls
 * (tests/helpers/tcp-proxy.ts), so the database can be made unavailable without touching
 * the shared PostgreSQL server. This process reads the database directly.
 *
 * 1. Fuzz: FUZZ_REQUESTS (default 10 000) random and mutated requests on the three routes
 *    — methods, paths, headers (AppKey, Timestamp, Sign, EOP), bodies (random bytes,
 *    mutated valid JSON signed correctly so it reaches validation, deep nesting, wrong
 *    types). Every response must be the manual's JSON ({code, message, …}); a 500 only
 *    as code 5000; never a stack trace or an internal message. The server's RSS is printed
 *    after a warm-up and at the end (memory flat).
 * 2. Outage: a light signed load (FAULT_CLIENTS loops of 1-image calls) while the proxy
 *    first refuses connections (a stopped server) for FAULT_OUTAGE_S seconds, then, after
 *    a recovery, stops forwarding (a hung server / dropped network) as long. Expected:
 *    5000 during the outages, answered in bounded time; every call the client saw succeed
 *    is charged and recorded; the pack's used calls equal the recorded images (charged
 *    and recorded, or neither); the same server process answers again afterwards.
 *
 * Needs DATABASE_URL (PostgreSQL, migrated). Exits non-zero when a check fails.
 */
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import sharp from "sharp";
import { closeDb, getDb, rowsOf } from "../db";
import { apps, quotaPacks } from "../db/schema";
import { registerUser } from "../lib/accounts/users";
import { createApp } from "../lib/apps/create";
import { pathTemplate } from "../lib/gateway/routes";
import { grantPack } from "../lib/quota/grant";
import { computeSign } from "../lib/signature";
import { newId } from "../lib/id";
import { startTcpProxy } from "../tests/helpers/tcp-proxy";

const repoRoot = path.resolve(import.meta.dirname, "..");
const PORT = Number(process.env.E2E_PORT ?? 3204);
const FUZZ = Number(process.env.FUZZ_REQUESTS ?? 10_000);
const FUZZ_CONCURRENCY = Number(process.env.FUZZ_CONCURRENCY ?? 16);
const CLIENTS = Number(process.env.FAULT_CLIENTS ?? 4);
const OUTAGE_S = Number(process.env.FAULT_OUTAGE_S ?? 10);
const base = `http://127.0.0.1:${PORT}`;
const APIS = ["general", "idcard", "plate"] as const;

let failures = 0;
function check(ok: boolean, what: string): void {
  console.log(`  ${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures++;
}

function kids(pid: number): number[] {
  try {
    return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** RSS of the server: the `next start` process and every process under it. */
function rssOf(pid: number): number {
  let rss = 0;
  try {
    rss = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
  return kids(pid).reduce((s, k) => s + rssOf(k), rss);
}
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;

async function waitUp(): Promise<void> {
  for (let i = 0; i < 240; i++) {
    try {
      await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(2000) });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  throw new Error(`next start did not come up on ${base}`);
}

interface App {
  appKey: string;
  secret: string;
  codes: Record<(typeof APIS)[number], string>;
  id: string;
}

let lastTs = 0;
const ts = () => String((lastTs = Math.max(Date.now(), lastTs + 1)));

function signed(app: App, api: (typeof APIS)[number], body: Buffer | string, over: Record<string, string> = {}): { url: string; init: RequestInit } {
  const p = pathTemplate(api).replace("{serviceCode}", app.codes[api]);
  const t = ts();
  const headers: Record<string, string> = { "content-type": "application/json", AppKey: app.appKey, Timestamp: t, Sign: computeSign(app.appKey, app.secret, t, p, body), ...over };
  return { url: base + p, init: { method: "POST", headers, body: typeof body === "string" ? body : new Uint8Array(body) } };
}

// ---------- fuzz ----------
const rnd = (n: number) => Math.floor(Math.random() * n);
const pick = <T>(xs: readonly T[]): T => xs[rnd(xs.length)]!;

function mutate(buf: Buffer): Buffer {
  const b = Buffer.from(buf);
  const ops = 1 + rnd(4);
  let out = b;
  for (let i = 0; i < ops; i++) {
    const at = rnd(out.length + 1);
    switch (rnd(5)) {
      case 0:
        if (out.length) out[Math.min(at, out.length - 1)] = rnd(256);
        break;
      case 1:
        out = Buffer.concat([out.subarray(0, at), crypto.randomBytes(1 + rnd(8)), out.subarray(at)]);
        break;
      case 2:
        out = Buffer.concat([out.subarray(0, at), out.subarray(Math.min(out.length, at + 1 + rnd(16)))]);
        break;
      case 3:
        out = out.subarray(0, at);
        break;
      default:
        out = Buffer.concat([out.subarray(0, at), Buffer.from(pick(['"', "{", "}", "[", "]", ",", ":", "\\", "\\u0000", "null", "1e999", "-", "\u00e9", "\ud83d"])), out.subarray(at)]);
    }
  }
  return out;
}

function bodies(png: string): (() => Buffer | string)[] {
  const valid = JSON.stringify({ data: [png] });
  return [
    () => crypto.randomBytes(rnd(2048)),
    () => mutate(Buffer.from(valid)),
    () => mutate(Buffer.from(JSON.stringify({ data: [{ data: [png, png] }] }))),
    () => "[".repeat(1 + rnd(50_000)),
    () => JSON.stringify({ data: pick([null, 1, "x", {}, [], [null], [1.5], [{}], [[png]], Array(51).fill(png), [png.slice(0, rnd(png.length))], ["data:image/png;base64," + png], [png.replace(/[A-Z]/g, "-")]]) }),
    () => pick(["null", "0", '""', "[]", '"data"', '{"data": {"data": []}}', `{"DATA": ["${png}"]}`, `{"__proto__": {"data": ["${png}"]}}`, '{"constructor": {"prototype": {"data": []}}}']),
    () => "",
    () => valid,
  ];
}

function fuzzRequest(app: App, other: App, png: string): { url: string; init: RequestInit } {
  const api = pick(APIS);
  const makeBody = pick(bodies(png));
  const body = makeBody();
  const r = signed(app, api, body);
  const h = r.init.headers as Record<string, string>;
  switch (rnd(12)) {
    case 0:
      h.AppKey = pick(["", "x", crypto.randomBytes(20).toString("hex"), other.appKey, "'; drop table apps; --", "ak\u0000"].map((s) => s.replace(/\u0000/g, "")));
      break;
    case 1:
      h.Timestamp = pick(["", "0", "-1", "9".repeat(13), "1e12", String(Date.now() - 600_000), "abc", String(Date.now()) + "0"]);
      break;
    case 2:
      h.Sign = pick(["", "x", "0".repeat(32), "G".repeat(32), crypto.randomBytes(16).toString("hex").toUpperCase(), crypto.randomBytes(64).toString("hex")]);
      break;
    case 3:
      delete h[pick(["AppKey", "Timestamp", "Sign"])];
      break;
    case 4:
      h["Eop-Authorization"] = pick(["", "x", `ak Headers=appkey;ctyun-eop-request-id;eop-date Signature=${crypto.randomBytes(32).toString("base64")}`]);
      h["eop-date"] = pick(["20260101T000000Z", "x", ""]);
      h["ctyun-eop-request-id"] = crypto.randomUUID();
      break;
    case 5:
      r.init.method = pick(["GET", "PUT", "DELETE", "PATCH"]);
      if (r.init.method === "GET") delete r.init.body;
      break;
    case 6: {
      const p = new URL(r.url);
      p.pathname = pick([
        p.pathname.replace(app.codes[api], other.codes[api]),
        p.pathname.replace(app.codes[api], "ZZZ"),
        p.pathname + "/x",
        p.pathname.toUpperCase(),
        p.pathname.replace(".json", ".JSON"),
        "/v1/aiop/api/" + "a".repeat(70) + "/ocrdetect/ocr/v1/image.json",
        "/v1/aiop/api/%2e%2e/ocrdetect/ocr/v1/image.json",
        "/v1/aiop/api/" + app.codes[api] + "//ocrdetect/ocr/v1/image.json",
      ]);
      r.url = p.toString();
      break;
    }
    case 7:
      h["content-type"] = pick(["text/plain", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", ""]);
      break;
    default:
      break; // signed as is: reaches validation
  }
  return r;
}

const LEAKS = [/\bat [\w.<>]+ \(/, /node_modules/, /\/work\//, /\.tsx?:\d+/, /ECONN/, /postgres/i, /SyntaxError|TypeError|RangeError/, /Unexpected token/];

async function fuzz(app: App, other: App, pid: number): Promise<void> {
  const png = (await sharp({ create: { width: 40, height: 40, channels: 3, background: "#fff" } }).png().toBuffer()).toString("base64");
  const codes = new Map<string, number>();
  const bad: string[] = [];
  let sent = 0;
  let rssWarm = 0;
  const worker = async () => {
    while (sent < FUZZ) {
      const n = ++sent;
      if (n === 500) rssWarm = rssOf(pid);
      const r = fuzzRequest(app, other, png);
      let status = 0;
      let text = "";
      try {
        const res = await fetch(r.url, { ...r.init, redirect: "manual", signal: AbortSignal.timeout(60_000) });
        status = res.status;
        text = await res.text();
      } catch (e) {
        const cause = (e as Error & { cause?: Error }).cause;
        // a request fetch itself refuses to send (a header value it cannot encode) never reached the server
        if (cause && /header|ByteString|invalid/i.test(cause.message)) {
          codes.set("not sent (client refused)", (codes.get("not sent (client refused)") ?? 0) + 1);
          continue;
        }
        bad.push(`transport error: ${(e as Error).message} ${cause?.message ?? ""} on ${r.init.method} ${r.url.slice(-60)}`);
        continue;
      }
      // Next's own HTML 404 for a path that normalises out of /v1/aiop/api (e.g. %2e%2e), and its
      // 308 to the normalised path (e.g. a double slash): not API responses
      if ((status === 404 && text.startsWith("<!DOCTYPE html>")) || (status >= 300 && status < 400)) {
        const k = status === 404 ? "404/next page" : `${status}/next redirect`;
        codes.set(k, (codes.get(k) ?? 0) + 1);
        continue;
      }
      let code: unknown = null;
      try {
        const j = JSON.parse(text) as { code?: unknown; message?: unknown };
        code = j.code;
        if (typeof j.code !== "number" || j.message === undefined) bad.push(`${status} without the manual's JSON: ${text.slice(0, 120)}`);
      } catch {
        bad.push(`${status} not JSON: ${text.slice(0, 120)}`);
      }
      if (status >= 500 && code !== 5000 && code !== 5001) bad.push(`${status} with code ${String(code)}`);
      const leak = LEAKS.find((re) => re.test(text));
      if (leak) bad.push(`${status} leaks ${leak}: ${text.slice(0, 160)}`);
      const key = `${status}/${String(code)}`;
      codes.set(key, (codes.get(key) ?? 0) + 1);
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: FUZZ_CONCURRENCY }, worker));
  const secs = (performance.now() - t0) / 1000;
  await new Promise((r) => setTimeout(r, 2000));
  const rssEnd = rssOf(pid);
  console.log(`\nFuzz: ${sent} requests in ${secs.toFixed(0)} s (${(sent / secs).toFixed(0)} req/s, ${FUZZ_CONCURRENCY} in parallel)`);
  console.log(`  status/code: ${[...codes].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ×${v}`).join(", ")}`);
  console.log(`  server RSS after 500 requests ${mb(rssWarm)}, after ${sent}: ${mb(rssEnd)}`);
  for (const b of [...new Set(bad)].slice(0, 12)) console.log(`    ${b}`);
  check(sent >= 10_000 || FUZZ < 10_000, `at least 10 000 requests (${sent})`);
  check(bad.length === 0, `every response is the manual's JSON, 500 only as 5000, no stack or internal message (${bad.length} bad)`);
  check(rssEnd < rssWarm * 1.5 + 64 * 1024 * 1024, `memory flat (${mb(rssWarm)} → ${mb(rssEnd)})`);
}

// ---------- outage ----------
interface Shot {
  t: number;
  ms: number;
  status: number;
  code: number | null;
  requestId: string | null;
  phase: string;
}

async function outage(app: App, proxy: Awaited<ReturnType<typeof startTcpProxy>>, pid: number): Promise<void> {
  const db = await getDb();
  const png = (await sharp({ create: { width: 40, height: 40, channels: 3, background: "#fff" } }).png().toBuffer()).toString("base64");
  const body = JSON.stringify({ data: [png] });
  const shots: Shot[] = [];
  let phase = "before";
  let stop = false;
  const t0 = Date.now();
  const loop = async () => {
    while (!stop) {
      const r = signed(app, "general", body);
      const start = Date.now();
      const p = phase;
      try {
        const res = await fetch(r.url, { ...r.init, signal: AbortSignal.timeout(120_000) });
        const j = (await res.json().catch(() => null)) as { code?: number } | null;
        shots.push({ t: start - t0, ms: Date.now() - start, status: res.status, code: j?.code ?? null, requestId: res.headers.get("x-request-id"), phase: p });
      } catch {
        shots.push({ t: start - t0, ms: Date.now() - start, status: 0, code: null, requestId: null, phase: p });
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const loops = Array.from({ length: CLIENTS }, loop);
  const sleep = (s: number) => new Promise((r) => setTimeout(r, s * 1000));
  await sleep(4);
  phase = "refused";
  proxy.cut();
  const cutAt = Date.now() - t0;
  await sleep(OUTAGE_S);
  phase = "after refused";
  proxy.restore();
  const back1 = Date.now() - t0;
  await sleep(OUTAGE_S);
  phase = "silent";
  proxy.pause();
  const pauseAt = Date.now() - t0;
  await sleep(OUTAGE_S);
  phase = "after silent";
  proxy.restore();
  const back2 = Date.now() - t0;
  await sleep(Math.max(20, OUTAGE_S * 2));
  stop = true;
  await Promise.all(loops);

  // A call belongs to the outage it overlapped, not to the phase it started in: a call sent just
  // before the cut and answered 5000 during it is the outage's (counting it as "before" once made
  // the healthy phase look broken: 5000s and a 15 s call "before PostgreSQL was stopped").
  const overlaps = (x: Shot, from: number, to: number) => x.t < to && x.t + x.ms > from;
  for (const x of shots) {
    x.phase = overlaps(x, cutAt, back1) ? "refused" : overlaps(x, pauseAt, back2) ? "silent" : x.t + x.ms <= cutAt ? "before" : x.t < pauseAt ? "after refused" : "after silent";
  }
  console.log(`\nOutage under load (${CLIENTS} clients; connections refused at ${(cutAt / 1000).toFixed(0)} s for ${OUTAGE_S} s, silent at ${(pauseAt / 1000).toFixed(0)} s for ${OUTAGE_S} s; a call counts for the outage it overlapped)`);
  for (const ph of ["before", "refused", "after refused", "silent", "after silent"]) {
    const s = shots.filter((x) => x.phase === ph);
    const by = new Map<string, number>();
    for (const x of s) by.set(`${x.status}/${x.code}`, (by.get(`${x.status}/${x.code}`) ?? 0) + 1);
    const max = Math.max(0, ...s.map((x) => x.ms));
    console.log(`  ${ph.padEnd(14)} ${String(s.length).padStart(5)} calls, max ${max} ms: ${[...by].map(([k, v]) => `${k} ×${v}`).join(", ")}`);
  }
  const firstOk = (from: number) => shots.filter((x) => x.t >= from && x.code === 0).sort((a, b) => a.t - b.t)[0];
  const ok1 = firstOk(back1);
  const ok2 = firstOk(back2);
  console.log(`  first success after the refusal ended: +${ok1 ? ((ok1.t + ok1.ms - back1) / 1000).toFixed(1) : "never"} s; after the silence ended: +${ok2 ? ((ok2.t + ok2.ms - back2) / 1000).toFixed(1) : "never"} s`);

  const before = shots.filter((x) => x.phase === "before");
  for (const x of before.filter((y) => y.code !== 0)) console.log(`    before the outage: ${x.status}/${x.code} after ${x.ms} ms (sent at ${(x.t / 1000).toFixed(1)} s, request ${x.requestId})`);
  check(before.length > 0 && before.every((x) => x.code === 0), `every call answered before the outage succeeds (${before.length})`);
  const during = shots.filter((x) => x.phase === "refused" || x.phase === "silent");
  check(during.some((x) => x.code === 5000), "5000 during the outages");
  check(during.every((x) => x.status !== 0 && (x.code === 5000 || x.code === 0)), "every call during the outages answered 0 or 5000 (no hang, no other error)");
  const maxMs = Math.max(...during.map((x) => x.ms));
  check(maxMs < 30_000, `bounded answer time during the outages (max ${maxMs} ms)`);
  check(!!ok1 && !!ok2, "the same server answers 0 again after each outage (no restart)");
  const late = shots.filter((x) => x.phase.startsWith("after") && x.t > (x.phase === "after refused" ? back1 : back2) + 20_000);
  check(late.every((x) => x.code === 0), "every call 20 s after the database is back succeeds");

  // charged and recorded, or neither
  const okIds = shots.filter((x) => x.code === 0 && x.requestId).map((x) => x.requestId!);
  const recorded = rowsOf<{ request_id: string; code: number; images_ok: number }>(
    await db.execute(sql`select request_id, code, images_ok from calls where app_id = ${app.id}`),
  );
  const byId = new Map(recorded.map((r) => [r.request_id, r]));
  const missing = okIds.filter((id) => byId.get(id)?.code !== 0);
  check(missing.length === 0, `every call answered 0 is recorded as 0 (${okIds.length} answered, ${missing.length} missing)`);
  const failedIds = shots.filter((x) => x.code === 5000 && x.requestId).map((x) => x.requestId!);
  const chargedButFailed = failedIds.filter((id) => (byId.get(id)?.images_ok ?? 0) > 0);
  check(chargedButFailed.length === 0, `no call answered 5000 was charged (${failedIds.length} answered 5000, ${chargedButFailed.length} charged)`);
  const packs = await db.select().from(quotaPacks).where(eq(quotaPacks.appId, app.id));
  const used = packs.reduce((n, p) => n + p.callsUsed, 0);
  const imagesRecorded = recorded.reduce((s, r) => s + Number(r.images_ok), 0);
  check(used === imagesRecorded, `calls used on the packs = images recorded as served, fuzz and outage together (${used} = ${imagesRecorded})`);
  console.log(`  server RSS at the end: ${mb(rssOf(pid))}`);
}

async function makeApp(): Promise<App> {
  const db = await getDb();
  const reg = await registerUser(db, { email: `${newId("faults").replace("_", "-")}@bench.local`, password: "Passw0rd!", name: "faults" }, "customer");
  if (!reg.ok) throw new Error(reg.message);
  const created = await createApp(db, reg.value.id, { name: `faults-${Date.now()}`, description: "" });
  if (!created.ok) throw new Error(created.message);
  await db.update(apps).set({ rateLimitPerSec: 1_000_000 }).where(eq(apps.id, created.value.app.id));
  await grantPack(db, { appId: created.value.app.id, api: "general", calls: 10_000_000, source: "operator" });
  for (const api of ["idcard", "plate"] as const) await grantPack(db, { appId: created.value.app.id, api, calls: 10_000_000, source: "operator" });
  return { appKey: created.value.app.appKey, secret: created.value.appSecret, codes: created.value.serviceCodes, id: created.value.app.id };
}

/** The server's environment: ours, its database through the proxy, the embedded engine. */
function serverEnv(databaseUrl: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: "production" };
  delete env.OCR_ENGINE_URL;
  delete env.NATS_URL;
  return env;
}

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("bench:faults needs DATABASE_URL (a PostgreSQL database, migrated)");
  if (!fs.existsSync(path.join(repoRoot, ".next", "BUILD_ID"))) throw new Error("run `npx next build` first");
  // the server must decrypt the AppSecrets this process encrypts
  process.env.AUTH_SECRET ??= crypto.randomBytes(32).toString("base64url");
  process.env.APP_ENCRYPTION_KEY ??= crypto.randomBytes(32).toString("base64");
  const [app, other] = [await makeApp(), await makeApp()];
  const u = new URL(url);
  const proxy = await startTcpProxy({ host: u.hostname, port: Number(u.port || 5432) });
  const child = spawn(process.execPath, [path.join(repoRoot, "node_modules/next/dist/bin/next"), "start", "-p", String(PORT), "-H", "127.0.0.1"], {
    cwd: repoRoot,
    env: serverEnv(proxy.url(url)),
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  let escaped = 0; // what postgres.js let escape during an outage before patches/postgres+3.4.9.patch
  child.stderr!.on("data", (d: Buffer) => {
    escaped += (d.toString().match(/unhandledRejection|uncaughtException/g) ?? []).length;
    stderr = (stderr + d.toString()).slice(-20000);
    if (process.env.FAULTS_VERBOSE) process.stderr.write(d);
  });
  try {
    await waitUp();
    const pid = child.pid!;
    console.log(`next start on ${base} (pid ${pid}), database through a proxy on :${proxy.port}; RSS ${mb(rssOf(pid))}`);
    await fuzz(app, other, pid);
    await outage(app, proxy, pid);
    check(escaped === 0, `no unhandledRejection or uncaughtException in the server's log (${escaped})`);
  } finally {
    child.kill("SIGTERM");
    await proxy.close();
    await closeDb();
  }
  if (failures > 0) {
    console.log(`\n${failures} check(s) failed. Server stderr (tail):\n${stderr.slice(-1500)}`);
    process.exit(1);
  }
  console.log("\nall checks passed");
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
