/**
 * npm run bench:scale — past one machine, on one machine (issue 18, "Proof").
 *
 * Starts, all on 127.0.0.1:
 *   - a fresh PostgreSQL database on the local server (DATABASE_URL's server, database
 *     `<its name>_scale`, dropped and re-created, migrated);
 *   - a NATS server of its own with JetStream (`nats-server -js`, SCALE_NATS_PORT, default 14222);
 *   - two `next start` instances (SCALE_PORTS, default 3250,3251; needs `npx next build` first)
 *     with NATS_URL, both running the job runner, alert and order schedulers;
 *   - Debian's nginx in front of them, round-robin (SCALE_NGINX_PORT, default 3259; its own
 *     config, pid and logs under a temporary directory);
 *   - 1, 2 then 3 engine workers (`npm run engine -- --nats …`, ENGINE_CONCURRENCY=1 and
 *     ENGINE_THREADS=1 each, so the figures show what each worker adds).
 *
 * Prints images/s and p50/p95 latency (client side, through nginx) for each worker count,
 * then checks, against the database:
 *   1. 200 concurrent 1-image calls on a 50-call pack, alternating between the two instances
 *      (a 5001 is resent as is after Retry-After, as the manual's clients do) → exactly 50
 *      answered 0, 50 calls charged, 50 images recorded in metering;
 *   2. a request answered by one instance, replayed to the other → 4016; and one application's
 *      rate limit (5/s) holds across both instances (40 concurrent calls: per one-second
 *      window of the database, at most 5 admitted, the rest 4020 with Retry-After);
 *   3. a worker killed (SIGKILL) under load → every image answered and charged exactly once
 *      (pack's used calls = images answered 0 = images recorded);
 *   4. one alert for one condition: the used-up pack of check 1 opened one 额度已用完 event
 *      across both instances (and no rule has two open events), checked again at the end
 *      after both instances' schedulers have run;
 *   5. an asynchronous job of SCALE_JOB_IMAGES (default 500) rendered text images
 *      (lib/render), during which every process (both apps, every worker) is killed with
 *      SIGKILL once SCALE_RESTART_AT of it is done and started again → the job finishes
 *      with every image recognised (its own number read back), 500 charged, 500 metered
 *      once each.
 *
 * Knobs: SCALE_IMAGES (images per worker count, default 60), SCALE_CLIENTS (concurrent
 * clients, default 6), SCALE_WORKERS (default 3), SCALE_KILL_IMAGES (default 60),
 * SCALE_JOB_IMAGES (default 500), SCALE_RESTART_AT (fraction, default 0.3), SCALE_LEASE_MS
 * (the apps' JOB_LEASE_MS, default 15000), SCALE_JOB_TIMEOUT_S (default 900),
 * SCALE_VERBOSE=1 (children's output). Exits non-zero when a check fails; stops every
 * process it started, on success, failure or Ctrl-C.
 */
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { closeDb, getDb, rowsOf } from "../db";
import { alertEvents, apps, quotaPacks, users } from "../db/schema";
import { registerUser } from "../lib/accounts/users";
import { createApp } from "../lib/apps/create";
import { pathTemplate } from "../lib/gateway/routes";
import { newId } from "../lib/id";
import { jobPath } from "../lib/jobs/routes";
import { grantPack } from "../lib/quota/grant";
import { renderTextPage } from "../lib/render";
import { computeSign } from "../lib/signature";

const repoRoot = path.resolve(import.meta.dirname, "..");
const num = (k: string, d: number) => (process.env[k] ? Number(process.env[k]) : d);
const [PORT_A, PORT_B] = (process.env.SCALE_PORTS ?? "3250,3251").split(",").map(Number) as [number, number];
const NGINX_PORT = num("SCALE_NGINX_PORT", 3259);
const NATS_PORT = num("SCALE_NATS_PORT", 14222);
const IMAGES = num("SCALE_IMAGES", 60);
const CLIENTS = num("SCALE_CLIENTS", 6);
const MAX_WORKERS = num("SCALE_WORKERS", 3);
const KILL_IMAGES = num("SCALE_KILL_IMAGES", 60);
const JOB_IMAGES = num("SCALE_JOB_IMAGES", 500);
const RESTART_AT = num("SCALE_RESTART_AT", 0.3);
const LEASE_MS = num("SCALE_LEASE_MS", 15_000);
const JOB_TIMEOUT_S = num("SCALE_JOB_TIMEOUT_S", 900);
const VERBOSE = process.env.SCALE_VERBOSE === "1";
const NATS_URL = `nats://127.0.0.1:${NATS_PORT}`;
const LB = `http://127.0.0.1:${NGINX_PORT}`;
const INSTANCES = [`http://127.0.0.1:${PORT_A}`, `http://127.0.0.1:${PORT_B}`] as const;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "bench-scale-"));
fs.chmodSync(tmp, 0o755); // nginx's workers (user nobody when started as root) buffer large bodies under it

let failures = 0;
function check(ok: boolean, what: string): void {
  console.log(`  ${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures++;
}
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : NaN;
};

// ---------- processes ----------
/** Every process this bench started, each the leader of its own process group. */
const children = new Set<ChildProcess>();

function start(name: string, cmd: string, args: string[], env: NodeJS.ProcessEnv, onLine?: (l: string) => void): ChildProcess {
  const child = spawn(cmd, args, { cwd: repoRoot, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  children.add(child);
  child.on("exit", () => children.delete(child));
  let buf = "";
  const log = fs.createWriteStream(path.join(tmp, `${name}.log`), { flags: "a" });
  const feed = (d: Buffer) => {
    if (VERBOSE) process.stderr.write(`[${name}] ${d.toString()}`);
    log.write(d);
    buf += d.toString();
    let i: number;
    while ((i = buf.indexOf("\n")) >= 0) {
      onLine?.(buf.slice(0, i));
      buf = buf.slice(i + 1);
    }
  };
  child.stdout!.on("data", feed);
  child.stderr!.on("data", feed);
  return child;
}

/** Kills a child's whole process group (npm → tsx → node, next start → its server). */
function kill(child: ChildProcess, signal: NodeJS.Signals = "SIGKILL"): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return Promise.resolve();
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  try {
    process.kill(-child.pid, signal);
  } catch {
    /* already gone */
  }
  return Promise.race([exited, sleep(10_000)]);
}

async function stopAll(): Promise<void> {
  await Promise.all([...children].map(async (c) => {
    await Promise.race([kill(c, "SIGTERM"), sleep(3000)]);
    await kill(c, "SIGKILL");
  }));
}

async function waitHttp(url: string, what: string, timeoutMs = 180_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const r = await fetch(url, { signal: AbortSignal.timeout(3000) });
      if (r.status < 500) return;
    } catch {
      /* not yet */
    }
    await sleep(300);
  }
  throw new Error(`${what} did not come up on ${url}`);
}

// ---------- database ----------
async function freshDatabase(): Promise<string> {
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error("bench:scale needs DATABASE_URL (the local PostgreSQL server; a fresh database <name>_scale is created beside it)");
  const u = new URL(base);
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(u.hostname)) throw new Error(`refusing a non-local PostgreSQL server: ${u.hostname}`);
  const name = `${u.pathname.slice(1) || "ocr"}_scale`;
  const admin = new URL(base);
  admin.pathname = "/postgres";
  const sqlc = postgres(admin.toString(), { max: 1, onnotice: () => {} });
  try {
    await sqlc.unsafe(`drop database if exists "${name}" with (force)`);
    await sqlc.unsafe(`create database "${name}"`);
  } finally {
    await sqlc.end({ timeout: 5 });
  }
  u.pathname = `/${name}`;
  const url = u.toString();
  await new Promise<void>((resolve, reject) => {
    const m = spawn(process.execPath, [path.join(repoRoot, "node_modules/tsx/dist/cli.mjs"), "scripts/migrate.ts"], { cwd: repoRoot, env: { ...process.env, DATABASE_URL: url }, stdio: "inherit" });
    m.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`migrate exited ${code}`))));
  });
  return url;
}

interface App {
  id: string;
  appKey: string;
  secret: string;
  code: string;
}

async function benchApp(label: string, calls: number): Promise<App> {
  const db = await getDb();
  const reg = await registerUser(db, { email: `${newId("scale").replace("_", "-")}@bench.local`, password: "Passw0rd!", name: label }, "customer");
  if (!reg.ok) throw new Error(reg.message);
  await db.update(users).set({ qpsCeiling: 1_000_000 }).where(eq(users.id, reg.value.id));
  const created = await createApp(db, reg.value.id, { name: `${label}-${Date.now()}`, description: "" });
  if (!created.ok) throw new Error(created.message);
  await db.update(apps).set({ rateLimitPerSec: 1_000_000 }).where(eq(apps.id, created.value.app.id));
  await grantPack(db, { appId: created.value.app.id, api: "general", calls, source: "operator" });
  return { id: created.value.app.id, appKey: created.value.app.appKey, secret: created.value.appSecret, code: created.value.serviceCodes.general };
}

// ---------- signed calls ----------
let lastTs = 0;
const ts = () => String((lastTs = Math.max(Date.now(), lastTs + 1)));

interface Signed {
  path: string;
  headers: Record<string, string>;
  body: string;
}

function sign(app: App, p: string, body: string): Signed {
  const t = ts();
  return { path: p, body, headers: { "content-type": "application/json", AppKey: app.appKey, Timestamp: t, Sign: computeSign(app.appKey, app.secret, t, p, body) } };
}

const ocrPath = (app: App) => pathTemplate("general").replace("{serviceCode}", app.code);
const jobsPath = (app: App, action: "submit" | "status") => jobPath("general", action).replace("{serviceCode}", app.code);

interface Answer {
  status: number;
  code: number | null;
  ms: number;
  json: Record<string, unknown> | null;
  retryAfter: number;
}

async function send(base: string, s: Signed, timeoutMs = 300_000): Promise<Answer> {
  const t = performance.now();
  try {
    const res = await fetch(base + s.path, { method: "POST", headers: s.headers, body: s.body, signal: AbortSignal.timeout(timeoutMs) });
    const json = (await res.json().catch(() => null)) as Record<string, unknown> | null;
    return { status: res.status, code: typeof json?.code === "number" ? json.code : null, ms: performance.now() - t, json, retryAfter: Number(res.headers.get("retry-after")) || 1 };
  } catch {
    return { status: 0, code: null, ms: performance.now() - t, json: null, retryAfter: 1 };
  }
}

/**
 * One image call, resent as is (same Sign: the gateway forgets a 5001's sign) while the
 * pool answers 5001 or nginx finds no instance. Latency is the last attempt's.
 */
async function callImage(base: string, app: App, image: string): Promise<Answer & { busy: number }> {
  const s = sign(app, ocrPath(app), JSON.stringify({ data: [image] }));
  let busy = 0;
  for (;;) {
    const a = await send(base, s);
    if ((a.code === 5001 || a.status === 502) && busy < 60) {
      busy++;
      await sleep(a.retryAfter * 1000);
      continue;
    }
    return { ...a, busy };
  }
}

function textOf(a: Answer): string {
  const r = (a.json?.result as { detail?: { text: string }[] }[] | undefined)?.[0];
  return (r?.detail ?? []).map((d) => d.text).join("");
}

// ---------- images ----------
const WORDS = ["北京", "上海", "识别", "发票", "合同", "订单", "服务", "平台", "数据", "用户"];
async function renderedImage(i: number): Promise<string> {
  const line = `编号${String(i).padStart(4, "0")} ${WORDS[i % WORDS.length]}${WORDS[(i * 7 + 3) % WORDS.length]}`;
  return (await renderTextPage([line], { size: 28, width: 420 })).toString("base64");
}

// ---------- the cluster ----------
interface Cluster {
  apps: ChildProcess[];
  workers: ChildProcess[];
  nats: ChildProcess | null;
  nginx: ChildProcess | null;
}
const cluster: Cluster = { apps: [], workers: [], nats: null, nginx: null };
let appEnv: NodeJS.ProcessEnv = { ...process.env };

async function startNats(): Promise<void> {
  const dir = path.join(tmp, "nats");
  cluster.nats = start("nats", "/usr/sbin/nats-server", ["-a", "127.0.0.1", "-p", String(NATS_PORT), "-js", "-sd", dir], process.env);
  const until = Date.now() + 20_000;
  while (Date.now() < until) {
    const up = await new Promise<boolean>((r) => {
      const s = net.connect(NATS_PORT, "127.0.0.1", () => {
        s.destroy();
        r(true);
      });
      s.on("error", () => r(false));
    });
    if (up) return;
    await sleep(200);
  }
  throw new Error(`nats-server did not listen on ${NATS_PORT}`);
}

async function startNginx(): Promise<void> {
  const dir = path.join(tmp, "nginx");
  fs.mkdirSync(dir, { recursive: true });
  fs.chmodSync(dir, 0o777);
  const conf = `worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  client_max_body_size 110m;
  upstream ocr_apps {
    server 127.0.0.1:${PORT_A};
    server 127.0.0.1:${PORT_B};
    keepalive 32;
  }
  server {
    listen 127.0.0.1:${NGINX_PORT};
    location / {
      proxy_pass http://ocr_apps;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_read_timeout 300s;
      proxy_request_buffering on;
    }
  }
}
`;
  fs.writeFileSync(path.join(dir, "nginx.conf"), conf);
  cluster.nginx = start("nginx", "/usr/sbin/nginx", ["-c", path.join(dir, "nginx.conf"), "-p", dir, "-e", path.join(dir, "error.log"), "-g", "daemon off;"], process.env);
  await waitHttp(`${LB}/api/health`, "nginx (and an app behind it)");
}

async function startApps(): Promise<void> {
  const next = path.join(repoRoot, "node_modules/next/dist/bin/next");
  cluster.apps = INSTANCES.map((_, i) =>
    start(`app${i + 1}`, process.execPath, [next, "start", "-p", String(i === 0 ? PORT_A : PORT_B), "-H", "127.0.0.1"], appEnv),
  );
  await Promise.all(INSTANCES.map((b) => waitHttp(`${b}/api/health`, `next start ${b}`)));
}

async function startWorker(n: number): Promise<ChildProcess> {
  let joined: () => void = () => {};
  const ready = new Promise<void>((r) => (joined = r));
  const env: NodeJS.ProcessEnv = { ...process.env, ENGINE_CONCURRENCY: "1", ENGINE_THREADS: "1", ENGINE_HOST_LABEL: `bench-worker-${n}`, NODE_ENV: "production" };
  delete env.DATABASE_URL;
  const w = start(`worker${n}`, "npm", ["run", "--silent", "engine", "--", "--nats", NATS_URL], env, (l) => {
    if (/engine worker .* joined/.test(l)) joined();
  });
  const died = new Promise<never>((_, rej) => w.once("exit", (c) => rej(new Error(`engine worker ${n} exited (${c}) before joining`))));
  await Promise.race([ready, died, sleep(180_000).then(() => Promise.reject(new Error(`engine worker ${n} did not join in 180 s`)))]);
  cluster.workers.push(w);
  return w;
}

// ---------- phases ----------
async function throughput(app: App, workers: number, images: string[]): Promise<{ ips: number; p50: number; p95: number; busy: number; bad: number }> {
  // warm-up: each worker's first image pays for lazy initialisation
  await Promise.all(Array.from({ length: workers * 2 }, (_, i) => callImage(LB, app, images[i % images.length]!)));
  const lat: number[] = [];
  let next = 0;
  let busy = 0;
  let bad = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < IMAGES) {
        const i = next++;
        const a = await callImage(LB, app, images[i % images.length]!);
        busy += a.busy;
        if (a.code === 0) lat.push(a.ms);
        else bad++;
      }
    }),
  );
  const secs = (performance.now() - t0) / 1000;
  return { ips: lat.length / secs, p50: pct(lat, 50), p95: pct(lat, 95), busy, bad };
}

async function packCheck(tiny: string): Promise<App> {
  console.log("\n1. 200 concurrent calls on a 50-call pack, alternating between the two instances");
  const app = await benchApp("pack50", 50);
  const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => callImage(INSTANCES[i % 2]!, app, tiny)));
  const by = new Map<string, number>();
  for (const a of answers) {
    const per = (a.json?.result as { err_code?: number }[] | undefined)?.[0]?.err_code;
    const k = `${a.status}/${a.code}${per ? `/image ${per}` : ""}`;
    by.set(k, (by.get(k) ?? 0) + 1);
  }
  console.log(`   answers: ${[...by].map(([k, v]) => `${k} ×${v}`).join(", ")}; 5001 resent ${answers.reduce((s, a) => s + a.busy, 0)} times`);
  const served = answers.filter((a) => a.code === 0 && !(a.json?.result as { err_code?: number }[])[0]?.err_code).length;
  const db = await getDb();
  const [pack] = await db.select().from(quotaPacks).where(eq(quotaPacks.appId, app.id));
  const [rec] = rowsOf<{ ok: number; n: number }>(await db.execute(sql`select coalesce(sum(images_ok), 0)::int as ok, count(*)::int as n from calls where app_id = ${app.id}`));
  check(served === 50, `exactly 50 answered with a result (${served})`);
  check(pack!.callsUsed === 50, `exactly 50 charged (pack used ${pack!.callsUsed}/${pack!.callsTotal})`);
  check(rec!.ok === 50, `exactly 50 images recorded in metering (${rec!.ok}, over ${rec!.n} call rows)`);
  check(answers.every((a) => a.code !== null), "every call answered with the manual's JSON");
  return app;
}

async function replayCheck(app: App, image: string): Promise<void> {
  console.log("\n2. A request replayed to the other instance");
  const s = sign(app, ocrPath(app), JSON.stringify({ data: [image] }));
  let first = await send(INSTANCES[0], s);
  for (let i = 0; first.code === 5001 && i < 30; i++) {
    await sleep(first.retryAfter * 1000);
    first = await send(INSTANCES[0], s);
  }
  const again = await send(INSTANCES[1], s);
  console.log(`   first on ${INSTANCES[0]}: ${first.status}/${first.code}; the same bytes on ${INSTANCES[1]}: ${again.status}/${again.code}`);
  check(first.code === 0, "the first request is served");
  check(again.code === 4016, `the replay on the other instance is refused 4016 (${again.code})`);
}

async function rateCheck(): Promise<void> {
  const LIMIT = 5;
  const N = 40;
  console.log(`\n2b. One rate limit for both instances (${LIMIT}/s; ${N} concurrent calls, alternating)`);
  const app = await benchApp("rate", 1000);
  const db = await getDb();
  await db.update(apps).set({ rateLimitPerSec: LIMIT }).where(eq(apps.id, app.id));
  // an image the gateway refuses per image (4008): admission is the subject, not recognition
  const answers = await Promise.all(Array.from({ length: N }, (_, i) => send(INSTANCES[i % 2]!, sign(app, ocrPath(app), JSON.stringify({ data: ["not base64!!"] })))));
  const admitted = answers.filter((a) => a.code === 0).length;
  const limited = answers.filter((a) => a.code === 4020).length;
  const [w] = rowsOf<{ windows: number; hits: number; allowed: number }>(
    await db.execute(sql`select count(*)::int as windows, coalesce(sum(count), 0)::int as hits, coalesce(sum(least(count, ${LIMIT}::int)), 0)::int as allowed from rate_windows where app_id = ${app.id}`),
  );
  console.log(`   answers: ${admitted} admitted, ${limited} × 4020; ${w!.hits} hits counted in ${w!.windows} one-second window(s) shared by both instances`);
  check(admitted + limited === N && w!.hits === N, `every call admitted or refused 4020, each counted once (${admitted} + ${limited}, ${w!.hits} hits)`);
  check(admitted === w!.allowed && admitted <= LIMIT * w!.windows, `at most ${LIMIT} admitted per second across both instances (${admitted} in ${w!.windows} s)`);
  check(answers.filter((a) => a.code === 4020).every((a) => a.retryAfter >= 1), "every 4020 carries Retry-After");
}

async function alertCheck(app: App, when: string): Promise<void> {
  const db = await getDb();
  const evs = await db.select().from(alertEvents).where(eq(alertEvents.appId, app.id));
  const exhausted = evs.filter((e) => e.kind === "quota_exhausted");
  const open = new Map<string, number>();
  for (const e of evs.filter((x) => !x.clearedAt)) open.set(`${e.ruleId}/${e.subject}`, (open.get(`${e.ruleId}/${e.subject}`) ?? 0) + 1);
  console.log(`   ${when}: events ${evs.map((e) => `${e.kind}/${e.subject}`).join(", ") || "none"}`);
  check(exhausted.length === 1, `${when}: one 额度已用完 event for the used-up pack (${exhausted.length})`);
  check([...open.values()].every((n) => n === 1), `${when}: no rule has two open events`);
}

async function killCheck(images: string[]): Promise<void> {
  console.log(`\n3. A worker killed under load (${KILL_IMAGES} images, ${CLIENTS} clients, ${cluster.workers.length} workers)`);
  const app = await benchApp("kill", 100_000);
  let next = 0;
  let done = 0;
  let killed = false;
  const answers: (Answer & { busy: number })[] = [];
  const victim = cluster.workers[cluster.workers.length - 1]!;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < KILL_IMAGES) {
        const i = next++;
        answers.push(await callImage(LB, app, images[i % images.length]!));
        done++;
        if (!killed && done >= KILL_IMAGES / 3) {
          killed = true;
          console.log(`   killing worker pid ${victim.pid} (SIGKILL) after ${done} answers`);
          void kill(victim);
        }
      }
    }),
  );
  cluster.workers = cluster.workers.filter((w) => w !== victim);
  const ok = answers.filter((a) => a.code === 0).length;
  const by = new Map<string, number>();
  for (const a of answers) by.set(`${a.status}/${a.code}`, (by.get(`${a.status}/${a.code}`) ?? 0) + 1);
  console.log(`   answers: ${[...by].map(([k, v]) => `${k} ×${v}`).join(", ")}; 5001 resent ${answers.reduce((s, a) => s + a.busy, 0)} times; slowest ${Math.max(...answers.map((a) => a.ms)).toFixed(0)} ms`);
  const db = await getDb();
  const [pack] = await db.select().from(quotaPacks).where(eq(quotaPacks.appId, app.id));
  const [rec] = rowsOf<{ ok: number; dup: number }>(
    await db.execute(sql`select coalesce(sum(images_ok), 0)::int as ok, (count(*) - count(distinct request_id))::int as dup from calls where app_id = ${app.id}`),
  );
  check(answers.length === KILL_IMAGES && ok === KILL_IMAGES, `no image lost: all ${KILL_IMAGES} answered with a result (${ok})`);
  check(pack!.callsUsed === ok, `charged once each: pack used ${pack!.callsUsed} = images served ${ok}`);
  check(rec!.ok === ok && rec!.dup === 0, `metering: ${rec!.ok} images recorded, ${rec!.dup} duplicate request ids`);
}

async function jobStatus(app: App, jobId: string, page = 1): Promise<Answer> {
  for (;;) {
    const a = await send(LB, sign(app, jobsPath(app, "status"), JSON.stringify({ job_id: jobId, page, page_size: 100 })), 30_000);
    if (a.code !== null) return a;
    await sleep(500); // nginx with no instance up (restart), or an instance starting
  }
}

async function jobCheck(): Promise<void> {
  console.log(`\n5. An asynchronous job of ${JOB_IMAGES} rendered images, every process killed and started again`);
  const app = await benchApp("job", 100_000);
  const images = await Promise.all(Array.from({ length: JOB_IMAGES }, (_, i) => renderedImage(1000 + i)));
  const sub = await send(LB, sign(app, jobsPath(app, "submit"), JSON.stringify({ data: images })));
  const jobId = sub.json?.job_id as string | undefined;
  check(sub.code === 0 && !!jobId, `submitted through nginx at once (${sub.status}/${sub.code}, ${(sub.ms / 1000).toFixed(1)} s, ${(images.join("").length / 1e6).toFixed(1)} MB)`);
  if (!jobId) return;
  const t0 = performance.now();
  let restarted = false;
  let st: Answer;
  let doneBefore = 0;
  for (;;) {
    st = await jobStatus(app, jobId);
    const prog = st.json?.progress as { done: number; total: number };
    if (!restarted && prog.done >= JOB_IMAGES * RESTART_AT) {
      restarted = true;
      doneBefore = prog.done;
      const workers = cluster.workers.length;
      console.log(`   ${prog.done}/${prog.total} done after ${((performance.now() - t0) / 1000).toFixed(0)} s: SIGKILL to both apps and ${workers} workers`);
      await Promise.all([...cluster.apps, ...cluster.workers].map((c) => kill(c)));
      cluster.workers = [];
      const db = await getDb();
      const [mid] = rowsOf<{ running: number; done: number }>(
        await db.execute(sql`select count(*) filter (where state = 'running')::int as running, count(*) filter (where state = 'done')::int as done from ocr_job_images where job_id = ${jobId}`),
      );
      console.log(`   after the kill: ${mid!.done} images done, ${mid!.running} left claimed (leases of dead processes, ${LEASE_MS} ms)`);
      const tr = performance.now();
      await startApps();
      for (let n = 1; n <= workers; n++) await startWorker(10 + n);
      console.log(`   apps and ${workers} workers up again in ${((performance.now() - tr) / 1000).toFixed(0)} s`);
      continue;
    }
    if (st.json?.state !== "排队中" && st.json?.state !== "处理中") break;
    if (performance.now() - t0 > JOB_TIMEOUT_S * 1000) {
      check(false, `job finished within ${JOB_TIMEOUT_S} s (at ${prog.done}/${prog.total})`);
      return;
    }
    await sleep(2000);
  }
  const secs = (performance.now() - t0) / 1000;
  console.log(`   job ${st.json?.state} in ${secs.toFixed(0)} s (${(JOB_IMAGES / secs).toFixed(2)} images/s including the restart; ${doneBefore} were done before it)`);
  const results: unknown[] = [];
  for (let page = 1; results.length < JOB_IMAGES; page++) {
    const p = await jobStatus(app, jobId, page);
    const r = (p.json?.result as unknown[] | undefined) ?? [];
    if (r.length === 0) break;
    results.push(...r);
  }
  const read = results.filter((r, i) => {
    const text = ((r as { detail?: { text: string }[] } | null)?.detail ?? []).map((d) => d.text).join("");
    return text.includes(String(1000 + i).padStart(4, "0"));
  }).length;
  const errors = results.filter((r) => r === null || (r as { err_code?: number }).err_code !== undefined).length;
  const db = await getDb();
  const [pack] = await db.select().from(quotaPacks).where(eq(quotaPacks.appId, app.id));
  const [rec] = rowsOf<{ rows: number; ids: number; ok: number }>(
    await db.execute(sql`select count(*)::int as rows, count(distinct request_id)::int as ids, coalesce(sum(images_ok), 0)::int as ok from calls where request_id like ${`${jobId}.%`}`),
  );
  check(st.json?.state === "已完成", `job 已完成 (${String(st.json?.state)}, ${JSON.stringify(st.json?.message)})`);
  check(results.length === JOB_IMAGES && errors === 0, `no image lost: ${results.length} results, ${errors} errors or missing`);
  check(read >= JOB_IMAGES * 0.95, `real recognition: ${read}/${JOB_IMAGES} results contain their image's own number`);
  check(pack!.callsUsed === JOB_IMAGES, `charged exactly once each: pack used ${pack!.callsUsed} for ${JOB_IMAGES} images`);
  check(rec!.rows === JOB_IMAGES && rec!.ids === JOB_IMAGES && rec!.ok === JOB_IMAGES, `metered once each: ${rec!.rows} rows, ${rec!.ids} distinct images, ${rec!.ok} ok`);
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(repoRoot, ".next", "BUILD_ID"))) throw new Error("run `npx next build` first");
  const t0 = performance.now();
  const url = await freshDatabase();
  process.env.DATABASE_URL = url;
  const secrets = { AUTH_SECRET: crypto.randomBytes(32).toString("base64url"), APP_ENCRYPTION_KEY: crypto.randomBytes(32).toString("base64") };
  Object.assign(process.env, secrets); // this process encrypts the AppSecrets the apps decrypt
  appEnv = {
    ...process.env,
    ...secrets,
    DATABASE_URL: url,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    NATS_URL,
    JOB_LEASE_MS: String(LEASE_MS),
    JOB_CONCURRENCY: String(Math.max(2, MAX_WORKERS + 1)),
    ENGINE_NATS_IDLE_MS: "3000",
  };
  delete appEnv.OCR_ENGINE_URL;
  console.log(`database ${url.replace(/\/\/[^@]*@/, "//")} (fresh), NATS ${NATS_URL}, apps ${INSTANCES.join(" ")}, nginx ${LB}; ${os.cpus().length} CPUs, load ${os.loadavg()[0]!.toFixed(1)}`);

  await startNats();
  await startApps();
  await startNginx();
  console.log(`cluster up in ${((performance.now() - t0) / 1000).toFixed(0)} s`);

  const images = await Promise.all(Array.from({ length: 40 }, (_, i) => renderedImage(i)));
  const tiny = (await renderTextPage(["额度"], { size: 20, width: 120 })).toString("base64");
  const load = await benchApp("load", 1_000_000);

  console.log(`\nThroughput through nginx (${IMAGES} one-image calls per row, ${CLIENTS} clients, rendered one-line text images; workers ENGINE_CONCURRENCY=1 ENGINE_THREADS=1)`);
  console.log("  workers  images/s   p50 ms   p95 ms   5001 resent  failed");
  const rows: string[] = [];
  for (let w = 1; w <= MAX_WORKERS; w++) {
    await startWorker(w);
    const r = await throughput(load, w, images);
    const row = `  ${String(w).padStart(7)}  ${r.ips.toFixed(2).padStart(8)}  ${r.p50.toFixed(0).padStart(7)}  ${r.p95.toFixed(0).padStart(7)}  ${String(r.busy).padStart(11)}  ${String(r.bad).padStart(6)}`;
    rows.push(row);
    console.log(row);
  }
  const sample = await callImage(LB, load, images[7]!);
  console.log(`  (sample read back: "${textOf(sample)}")`);

  const packApp = await packCheck(tiny);
  await sleep(3000); // the quota hook's evaluation on both instances
  console.log("\n4. One alert for one condition");
  await alertCheck(packApp, "just after");
  await replayCheck(load, tiny);
  await rateCheck();
  await killCheck(images);
  await startWorker(MAX_WORKERS + 1); // back to full strength for the job
  await jobCheck();
  console.log("\n4'. One alert for one condition, after both instances' schedulers ran for minutes");
  await alertCheck(packApp, "at the end");
  console.log(`\ntotal ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}

let exiting = false;
async function shutdown(code: number): Promise<never> {
  if (!exiting) {
    exiting = true;
    await stopAll();
    await closeDb().catch(() => undefined);
    if (code === 0) fs.rmSync(tmp, { recursive: true, force: true });
    else console.log(`logs of every process kept in ${tmp}`);
  }
  process.exit(code);
}
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => void shutdown(130));

main().then(
  () => {
    console.log(failures === 0 ? "\nall checks passed" : `\n${failures} check(s) failed`);
    return shutdown(failures === 0 ? 0 : 1);
  },
  (e: unknown) => {
    console.error(e);
    return shutdown(1);
  },
);
