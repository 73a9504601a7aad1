/**
 * npm run bench:dashboards — the console's dashboard queries at ten million recorded calls.
 *
 * 1. Creates (once) a separate PostgreSQL database, ocr_bench by default, next to the one in
 *    DATABASE_URL, migrates it, and seeds it in SQL with `insert … select generate_series`:
 *    10,000,000 calls over the last 30 days (one big customer with 2 applications holds
 *    BENCH_BIG_SHARE of them, 100 other customers the rest), then call_rollups computed
 *    from those calls (so both agree exactly) and the hourly rollups from those (by the
 *    monitoring job itself), packs and alert rules. Secondary indexes are built after the load. A second run reuses the seeded database (--reseed to start over).
 * 2. Times every query behind the console pages for the big customer — 应用监控 in every
 *    range, burn-down, 控制台 overview, the call log with each filter, the alert list and a
 *    full alert evaluation — BENCH_RUNS times each after one warm-up, and prints median and
 *    max, and the sum per page.
 *
 * Env: DATABASE_URL (the server, default postgres://postgres@127.0.0.1:5432/ocr_dev),
 *      BENCH_DB (default ocr_bench), BENCH_CALLS (default 10000000), BENCH_RUNS (default 7).
 */
import postgres from "postgres";

const BASE_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/ocr_dev";
const BENCH_DB = process.env.BENCH_DB ?? "ocr_bench";
const CALLS = Number(process.env.BENCH_CALLS ?? 10_000_000);
const BIG_SHARE = Number(process.env.BENCH_BIG_SHARE ?? 0.4);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const OTHER_USERS = 100;
const CHUNK = 2_000_000;
const reseed = process.argv.includes("--reseed");

const host = new URL(BASE_URL).hostname;
if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host)) throw new Error(`refusing to seed a non-local database (${host})`);
if (!/^[a-z_][a-z0-9_]*$/.test(BENCH_DB)) throw new Error("BENCH_DB must be a plain identifier");

const benchUrl = (() => {
  const u = new URL(BASE_URL);
  u.pathname = `/${BENCH_DB}`;
  return u.toString();
})();

function secs(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

async function ensureDatabase(): Promise<boolean> {
  const admin = postgres(BASE_URL, { max: 1, onnotice: () => {} });
  try {
    const exists = (await admin`select 1 from pg_database where datname = ${BENCH_DB}`).length > 0;
    if (exists && reseed) {
      await admin.unsafe(`drop database ${BENCH_DB} with (force)`);
    } else if (exists) {
      return false;
    }
    await admin.unsafe(`create database ${BENCH_DB}`);
    return true;
  } finally {
    await admin.end();
  }
}

// the app's modules read DATABASE_URL when the database is first opened
process.env.DATABASE_URL = benchUrl;
const { getDb, closeDb, rowsOf } = await import("../db");
const { migrate } = await import("../db/migrate");
const { sql } = await import("drizzle-orm");
const { LATENCY_BOUNDS_MS } = await import("../lib/metering/histogram");
const { ensureDefaults } = await import("../lib/pricing/defaults");
const monitoring = await import("../lib/monitoring");
const { compactRollups } = await import("../lib/monitoring/compact");
const { evaluate } = await import("../lib/alerts/evaluate");
const { listEvents } = await import("../lib/alerts/events");
const { countOpenAlerts } = await import("../lib/alerts/count");
const { listApps } = await import("../lib/apps/queries");
type Db = Awaited<ReturnType<typeof getDb>>;

const SECONDARY_INDEXES = {
  calls_app_created: "create index calls_app_created on calls using btree (app_id, created_at)",
  calls_request_id: "create index calls_request_id on calls using btree (request_id)",
  calls_created: "create index calls_created on calls using btree (created_at)",
  calls_app_failed_created: "create index calls_app_failed_created on calls using btree (app_id, created_at) where code <> 0",
  call_rollups_minute: "create index call_rollups_minute on call_rollups using btree (minute)",
  call_rollups_user_minute: "create index call_rollups_user_minute on call_rollups using btree (user_id, minute)",
};

/** The latency histogram of a rollup from its calls, with the gateway's bucket bounds. */
function histogramSql(): string {
  const parts: string[] = [];
  let lo = -1;
  for (const hi of LATENCY_BOUNDS_MS) {
    parts.push(`count(*) filter (where latency_ms > ${lo} and latency_ms <= ${hi})::int`);
    lo = hi;
  }
  parts.push(`count(*) filter (where latency_ms > ${lo})::int`);
  return `array[${parts.join(", ")}]`;
}

async function seed(db: Db): Promise<void> {
  const t0 = performance.now();
  await db.execute(sql.raw(`set synchronous_commit = off`));
  await db.execute(sql.raw(`set maintenance_work_mem = '256MB'`));
  await db.execute(sql.raw(`set work_mem = '128MB'`));
  // customers and applications: big customer (usr_big) with app_big0/app_big1, then others
  await db.execute(sql.raw(`insert into users (id, email, password_hash, name)
    select 'usr_big', 'big@bench.local', 'x', '大客户' union all
    select 'usr_o' || i, 'o' || i || '@bench.local', 'x', '客户' || i from generate_series(1, ${OTHER_USERS}) i`));
  await db.execute(sql.raw(`insert into apps (id, user_id, name, app_key, secret_enc, created_at)
    select 'app_big' || i, 'usr_big', '大客户应用' || i, md5('big' || i), 'v1:x', now() - interval '60 days' from generate_series(0, 1) i union all
    select 'app_o' || i || '_' || j, 'usr_o' || i, '应用' || j, md5('o' || i || '_' || j), 'v1:x', now() - interval '60 days'
      from generate_series(1, ${OTHER_USERS}) i, generate_series(0, 1) j`));
  await db.execute(sql.raw(`insert into quota_packs (id, app_id, api, tier, calls_total, calls_used, source, starts_at, expires_at)
    select 'pck_' || a.id || '_' || k.api, a.id, k.api, 10000000, 10000000, 0, 'seed', now() - interval '40 days', now() + interval '325 days'
    from apps a, (values ('general'), ('idcard'), ('plate')) k(api)`));
  await db.execute(sql.raw(`insert into alert_rules (id, app_id, kind, threshold)
    select 'rul_' || a.id || '_' || k.kind, a.id, k.kind, k.t from apps a,
      (values ('quota_low_percent', 10), ('quota_low_calls', 100), ('quota_exhausted', 0), ('pack_expiring', 7),
              ('error_rate', 20), ('latency_p95', 3000), ('sign_failures', 20)) k(kind, t)`));
  console.log(`  users, apps, packs, rules: ${secs(performance.now() - t0)}`);

  for (const name of Object.keys(SECONDARY_INDEXES)) await db.execute(sql.raw(`drop index if exists ${name}`));
  const big = Math.round(CALLS * BIG_SHARE);
  const t1 = performance.now();
  for (let start = 1; start <= CALLS; start += CHUNK) {
    const end = Math.min(CALLS, start + CHUNK - 1);
    const t = performance.now();
    // g ≤ big: the big customer's 2 apps; else one of the others' 200 apps. Times spread
    // uniformly over 30 days; ~3 % failures (a third of them signature failures); latency
    // mostly 80–600 ms with a slow tail.
    await db.execute(
      sql.raw(`insert into calls (request_id, app_id, user_id, api, http_status, code, images_ok, images_failed, bytes_in, bytes_out, latency_ms, engine_ms, created_at)
      select 'req_' || lpad(to_hex(g), 16, '0'),
        case when g <= ${big} then 'app_big' || (g % 2) else 'app_o' || (1 + g % ${OTHER_USERS}) || '_' || ((g / ${OTHER_USERS}) % 2) end,
        case when g <= ${big} then 'usr_big' else 'usr_o' || (1 + g % ${OTHER_USERS}) end,
        (array['general', 'idcard', 'plate'])[1 + (g / 7) % 3],
        case when f < 0.01 then 401 when f < 0.02 then 403 when f < 0.03 then 500 else 200 end,
        case when f < 0.01 then 4014 when f < 0.02 then 4019 when f < 0.03 then 5000 else 0 end,
        case when f < 0.03 then 0 else 1 + (g % 10 = 0)::int end,
        case when f >= 0.03 and g % 50 = 0 then 1 else 0 end,
        20000 + (g * 7919) % 400000,
        300 + (g * 104729) % 3000,
        (80 + 520 * r * r + case when g % 200 = 0 then 4000 * r else 0 end)::int,
        (60 + 450 * r * r)::int,
        now() - (random() * interval '30 days')
      from (select g, random() as f, random() as r from generate_series(${start}::bigint, ${end}::bigint) g) s`),
    );
    console.log(`  calls ${start.toLocaleString("en-US")}–${end.toLocaleString("en-US")}: ${secs(performance.now() - t)}`);
  }
  const tCalls = performance.now() - t1;
  const t2 = performance.now();
  await db.execute(
    sql.raw(`insert into call_rollups (app_id, api, minute, user_id, calls, failed_calls, images_ok, images_failed, sign_failures, bytes_in, bytes_out, latency_sum_ms, lat_hist)
    select app_id, api, date_trunc('minute', created_at), user_id, count(*), count(*) filter (where code <> 0), sum(images_ok), sum(images_failed),
      count(*) filter (where code = 4014), sum(bytes_in), sum(bytes_out), sum(latency_ms), ${histogramSql()}
    from calls group by 1, 2, 3, 4`),
  );
  const tRollups = performance.now() - t2;
  // quota used so far = images recognised (as the gateway charges)
  await db.execute(sql.raw(`update quota_packs p set calls_used = least(p.calls_total, u.n) from
    (select app_id, api, sum(images_ok)::int as n from call_rollups group by 1, 2) u where u.app_id = p.app_id and u.api = p.api`));
  const t3 = performance.now();
  for (const [name, ddl] of Object.entries(SECONDARY_INDEXES)) {
    const t = performance.now();
    await db.execute(sql.raw(ddl));
    console.log(`  index ${name}: ${secs(performance.now() - t)}`);
  }
  const tIndexes = performance.now() - t3;
  const t4 = performance.now();
  await compactRollups(db, new Date());
  const tHourly = performance.now() - t4;
  await db.execute(sql.raw(`vacuum analyze calls`));
  await db.execute(sql.raw(`vacuum analyze call_rollups`));
  await db.execute(sql.raw(`vacuum analyze call_rollups_hourly`));
  await db.execute(sql.raw(`analyze`));
  await db.execute(sql`insert into settings (key, value) values ('bench_seeded_calls', ${String(CALLS)})`);
  console.log(
    `seeded in ${secs(performance.now() - t0)} (calls ${secs(tCalls)}, rollups ${secs(tRollups)}, indexes ${secs(tIndexes)}, hourly rollups ${secs(tHourly)})`,
  );
}

interface Timing {
  name: string;
  median: number;
  max: number;
}

async function time(name: string, fn: () => Promise<unknown>): Promise<Timing> {
  await fn(); // warm-up (plans, caches)
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { name, median: ms[Math.floor(ms.length / 2)]!, max: ms[ms.length - 1]! };
}

async function measure(db: Db): Promise<void> {
  const now = new Date();
  const userId = "usr_big";
  const appId = "app_big0";
  await compactRollups(db, now); // what the job does every 30 s
  const [counts] = rowsOf<{ calls: number; rollups: number; big: number }>(
    await db.execute(sql`select (select count(*) from calls)::int as calls, (select count(*) from call_rollups)::int as rollups,
      (select count(*) from calls where user_id = 'usr_big')::int as big`),
  );
  console.log(`\n${counts!.calls.toLocaleString("en-US")} calls (${counts!.big.toLocaleString("en-US")} of the measured customer), ${counts!.rollups.toLocaleString("en-US")} rollup rows`);
  const [sample] = rowsOf<{ request_id: string; created_at: Date | string }>(
    await db.execute(sql`select request_id, created_at from calls where app_id = ${appId} and created_at < now() - interval '10 days' order by created_at desc limit 1`),
  );
  const base = monitoring.callFilterSchema.parse({});
  const shanghai = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16);
  const page1 = await monitoring.listCalls(db, { userId, appId, filter: base });

  const t: Timing[] = [];
  for (const range of monitoring.RANGE_KEYS) {
    t.push(await time(`应用监控 metrics ${range}, all apps`, () => monitoring.getMetrics(db, { userId, range, now })));
  }
  t.push(await time("应用监控 metrics 30d, one app + API", () => monitoring.getMetrics(db, { userId, appId, api: "general", range: "30d", now })));
  t.push(await time("应用监控 burn-down + forecast, all apps", () => monitoring.getBurndown(db, { userId, now })));
  t.push(await time("app list (filters)", () => listApps(db, userId)));
  t.push(await time("控制台 overview", () => monitoring.getOverview(db, userId, now)));
  t.push(await time("calls log, newest page", () => monitoring.listCalls(db, { userId, appId, filter: base })));
  t.push(await time("calls log, next page (cursor)", () => monitoring.listCalls(db, { userId, appId, filter: { ...base, before: page1.next ?? "" } })));
  t.push(await time("calls log, API = idcard", () => monitoring.listCalls(db, { userId, appId, filter: { ...base, api: "idcard" } })));
  t.push(await time("calls log, code = 4014", () => monitoring.listCalls(db, { userId, appId, filter: { ...base, code: "4014" } })));
  t.push(await time("calls log, failed only", () => monitoring.listCalls(db, { userId, appId, filter: { ...base, code: "failed" } })));
  t.push(
    await time("calls log, 1 h window 10 days ago", () =>
      monitoring.listCalls(db, {
        userId,
        appId,
        filter: { ...base, from: shanghai(new Date(now.getTime() - 10 * 86_400_000)), to: shanghai(new Date(now.getTime() - 10 * 86_400_000 + 3_600_000)) },
      }),
    ),
  );
  t.push(await time("calls log, by request id", () => monitoring.listCalls(db, { userId, appId, filter: { ...base, q: sample!.request_id } })));
  t.push(await time("alert events + open count", () => Promise.all([listEvents(db, userId), countOpenAlerts(db, userId)])));
  t.push(await time("alert evaluation, one app", () => evaluate(db, now, { appId })));
  t.push(await time("alert evaluation, all 202 apps (scheduler tick)", () => evaluate(db, now)));

  const w = Math.max(...t.map((x) => x.name.length));
  console.log(`\n${"query".padEnd(w)}  median     max   (${RUNS} runs after a warm-up)`);
  for (const x of t) console.log(`${x.name.padEnd(w)}  ${x.median.toFixed(1).padStart(6)} ms ${x.max.toFixed(1).padStart(6)} ms`);

  const get = (n: string) => t.find((x) => x.name === n)!.median;
  const pages = {
    "/console/monitor (30d, all apps)": get("应用监控 metrics 30d, all apps") + get("应用监控 burn-down + forecast, all apps") + get("app list (filters)"),
    "/console/monitor (24h, all apps)": get("应用监控 metrics 24h, all apps") + get("应用监控 burn-down + forecast, all apps") + get("app list (filters)"),
    "/console": get("控制台 overview"),
    "/console/apps/[id]/calls (code filter)": get("calls log, code = 4014"),
    "/console/alerts": get("alert events + open count") + get("alert evaluation, one app") * 2 + get("app list (filters)"),
  };
  console.log("\npage data (sum of medians, queries run one after another):");
  for (const [p, ms] of Object.entries(pages)) console.log(`  ${p.padEnd(42)} ${ms.toFixed(1).padStart(6)} ms ${ms < 300 ? "✓ < 300 ms" : "✗ ≥ 300 ms"}`);
}

const fresh = await ensureDatabase();
const db = await getDb();
try {
  await migrate();
  await ensureDefaults(db);
  const [seeded] = rowsOf<{ value: string }>(await db.execute(sql`select value from settings where key = 'bench_seeded_calls'`));
  if (fresh || !seeded) {
    console.log(`seeding ${CALLS.toLocaleString("en-US")} calls into ${BENCH_DB} …`);
    await seed(db);
  } else {
    console.log(`${BENCH_DB} already holds ${Number(seeded.value).toLocaleString("en-US")} seeded calls (--reseed to start over)`);
  }
  await measure(db);
} finally {
  await closeDb();
}
