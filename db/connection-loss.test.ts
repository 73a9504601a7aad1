/**
 * PostgreSQL closing the app's connections under load (an administrator's pg_terminate_backend,
 * a restart, a network that drops or goes silent) must cost the queries in flight and nothing
 * else: no unhandledRejection or uncaughtException escapes the driver (postgres.js 3.4.9 raised
 * both: its array-type query at connection start and the rollback/commit its transactions send
 * on a closed connection), and the very next queries and transactions answer.
 */
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTcpProxy, type TcpProxy } from "@/tests/helpers/tcp-proxy";
import { testDb } from "@/tests/helpers/db";
import { openPostgres, rowsOf } from "./index";

const escaped: string[] = [];
const onRejection = (e: unknown) => escaped.push(`unhandledRejection: ${(e as Error)?.message ?? String(e)}`);
const onException = (e: Error) => escaped.push(`uncaughtException: ${e.message}`);

let proxy: TcpProxy;
let killer: postgres.Sql;
beforeAll(async () => {
  await testDb();
  const u = new URL(process.env.DATABASE_URL!);
  proxy = await startTcpProxy({ host: u.hostname, port: Number(u.port || 5432) });
  killer = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
  process.on("unhandledRejection", onRejection);
  process.on("uncaughtException", onException);
});
afterAll(async () => {
  process.off("unhandledRejection", onRejection);
  process.off("uncaughtException", onException);
  await killer.end({ timeout: 1 });
  await proxy.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Plain queries and small transactions in `n` loops until `stop()`; counts answers and failures. */
function load(db: ReturnType<typeof drizzle>, n: number) {
  let stop = false;
  const counts = { ok: 0, failed: 0 };
  const loops = Array.from({ length: n }, async (_, i) => {
    while (!stop) {
      try {
        if (i % 2) {
          await db.transaction(async (tx) => {
            await tx.execute(sql`select pg_sleep(0.01)`);
            await tx.execute(sql`select 1`);
          });
        } else await db.execute(sql`select pg_sleep(0.005)`);
        counts.ok++;
      } catch {
        counts.failed++;
        await sleep(5);
      }
    }
  });
  return {
    counts,
    stop: async () => {
      stop = true;
      await Promise.all(loops);
    },
  };
}

async function answersAgain(db: ReturnType<typeof drizzle>): Promise<void> {
  // every pool slot, at once: a slot left broken by the outage would fail here
  const rows = await Promise.all(Array.from({ length: 8 }, (_, i) => db.execute(sql`select ${i}::int as i`)));
  expect(rows.map((r) => rowsOf<{ i: number }>(r)[0]!.i)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  const n = await db.transaction(async (tx) => rowsOf<{ n: number }>(await tx.execute(sql`select 41 + 1 as n`))[0]!.n);
  expect(n).toBe(42);
}

describe("database connections closed under load", () => {
  it("pg_terminate_backend on the app's connections: nothing escapes, the next queries answer", async () => {
    const name = `conn_loss_${process.pid}`;
    const client = openPostgres(`${process.env.DATABASE_URL}?application_name=${name}`, { statementMs: 2000, connectS: 2, idleS: 5, socketMs: 3000 }, 4);
    const db = drizzle(client);
    try {
      const l = load(db, 6);
      for (let round = 0; round < 40; round++) {
        await sleep(30 + Math.random() * 120);
        await killer`select pg_terminate_backend(pid) from pg_stat_activity where application_name = ${name}`;
      }
      await l.stop();
      expect(l.counts.failed).toBeGreaterThan(0); // the storm did hit queries in flight
      await sleep(200);
      await answersAgain(db);
      expect(escaped).toEqual([]);
    } finally {
      await client.end({ timeout: 1 });
    }
  });

  it("a network that drops or goes silent: nothing escapes, the next queries answer", async () => {
    const client = openPostgres(proxy.url(process.env.DATABASE_URL!), { statementMs: 1000, connectS: 1, idleS: 5, socketMs: 1500 }, 4);
    const db = drizzle(client);
    try {
      const l = load(db, 6);
      for (let round = 0; round < 12; round++) {
        await sleep(50 + Math.random() * 150);
        if (round % 4 === 3) {
          proxy.pause(); // silent past the socket timeout: connections in every state are destroyed
          await sleep(1800);
        } else {
          proxy.cut(); // reset: refused, like a stopped server
          await sleep(60);
        }
        proxy.restore();
      }
      await l.stop();
      expect(l.counts.failed).toBeGreaterThan(0);
      await sleep(300);
      await answersAgain(db);
      expect(escaped).toEqual([]);
    } finally {
      proxy.restore();
      await client.end({ timeout: 1 });
    }
  });

  it("a server that accepts and at once closes (a proxy before a stopped PostgreSQL): a query fails CONNECT_TIMEOUT instead of waiting for the database", async () => {
    const client = openPostgres(proxy.url(process.env.DATABASE_URL!), { statementMs: 1000, connectS: 1, idleS: 5, socketMs: 1500 }, 1);
    const db = drizzle(client);
    // if the query waited for the database instead, it would answer once this brings it back
    const back = setTimeout(() => proxy.restore(), 15_000);
    try {
      await answersAgain(db);
      proxy.cut();
      await sleep(300); // the idle connection is gone too: the next query needs a new one
      const outcome = await db.execute(sql`select 1`).then(
        () => "answered",
        (e: unknown) => String((e as { cause?: { code?: string } }).cause?.code ?? (e as { code?: string }).code),
      );
      expect(outcome).toBe("CONNECT_TIMEOUT");
      expect(proxy.mode()).toBe("cut");
      proxy.restore();
      await answersAgain(db);
      expect(escaped).toEqual([]);
    } finally {
      clearTimeout(back);
      proxy.restore();
      await client.end({ timeout: 1 });
    }
  });
});
