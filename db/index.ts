import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { sql, type SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { drizzle as drizzlePg, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres"; // 3.4.9 with our fixes for closed connections: patches/README.md
import * as schema from "./schema";

/**
 * One database client per process. With DATABASE_URL the app talks to PostgreSQL
 * through postgres.js; without it, to an embedded PGlite (real Postgres in WASM)
 * kept in .data/pglite (PGLITE_DIR overrides), so the product runs with nothing installed.
 * Both expose the same drizzle API; code takes `Db` (or a transaction `Tx`).
 */
export type Db = PostgresJsDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;
export type DbKind = "postgres" | "pglite";

interface Handle {
  db: Db;
  kind: DbKind;
  close: () => Promise<void>;
}

const g = globalThis as unknown as { __ocrDb?: Promise<Handle> };

export const MIGRATIONS_DIR = path.join(process.cwd(), "db", "migrations");

export function pgliteDir(): string {
  return process.env.PGLITE_DIR ?? path.join(process.cwd(), ".data", "pglite");
}

/**
 * How long the app waits for PostgreSQL, so a half-dead server costs a bounded wait
 * (the gateway answers 5000) instead of requests hanging with their bodies, and the
 * pool heals by itself once the server is back:
 *  - statementMs: statement_timeout (and lock_timeout) set on every connection — the
 *    server cancels a statement past it (DATABASE_STATEMENT_TIMEOUT_MS, default 10 s);
 *  - connectS: a connection not ready within it fails (DATABASE_CONNECT_TIMEOUT_S, 5 s);
 *  - idleS: an idle pooled connection is closed after it (DATABASE_IDLE_TIMEOUT_S, 10 s);
 *  - socketMs: a connection that receives nothing for this long while in use is
 *    destroyed on our side (statement timeout + 5 s): when the server or the network
 *    stops answering, statement_timeout cannot help, and without this a query — and the
 *    pool slot it holds — would wait for TCP keepalive, i.e. for ever in practice.
 */
export interface DbTimeouts {
  statementMs: number;
  connectS: number;
  idleS: number;
  socketMs: number;
}

export function dbTimeouts(env: NodeJS.ProcessEnv = process.env): DbTimeouts {
  const statementMs = Number(env.DATABASE_STATEMENT_TIMEOUT_MS) || 10_000;
  return {
    statementMs,
    connectS: Number(env.DATABASE_CONNECT_TIMEOUT_S) || 5,
    idleS: Number(env.DATABASE_IDLE_TIMEOUT_S) || 10,
    socketMs: statementMs + 5_000,
  };
}

interface SocketTarget {
  host: string[];
  port: number[];
  path?: string | false;
}

/** postgres.js's socket option: a connected TCP socket destroyed after `silentMs` without data. */
function timedSocket(silentMs: number) {
  return (o: SocketTarget): Promise<net.Socket> =>
    new Promise((resolve, reject) => {
      const s = o.path ? net.connect(o.path) : net.connect(o.port[0] ?? 5432, o.host[0] ?? "localhost");
      s.setTimeout(silentMs, () => s.destroy(Object.assign(new Error(`database connection silent for ${silentMs} ms`), { code: "ETIMEDOUT" })));
      s.setNoDelay(true);
      s.once("error", reject);
      s.once("connect", () => {
        s.off("error", reject);
        resolve(s);
      });
    });
}

const never = new Promise<never>(() => {});

/**
 * Transactions that outlive their connection. When the connection of a `begin()` closes,
 * postgres.js rejects the transaction at once (CONNECTION_CLOSED), but the callback goes on: its
 * next statements, and the `commit`/`rollback` postgres.js sends with its outcome, would go to
 * that connection slot — which by then may have reconnected for another request, even inside
 * another transaction. So once the transaction has settled, the callback's statements fail
 * without touching the connection, and its outcome is never handed back (nothing is sent).
 */
function guardTransactions(client: postgres.Sql): postgres.Sql {
  const begin = (...args: unknown[]) => {
    const fn = args.pop() as (sql: postgres.TransactionSql) => unknown;
    const opts = typeof args[0] === "string" ? args[0] : "";
    const state = { settled: false };
    const p = client.begin(opts, async (txSql) => {
      const tx = guardTx(txSql, state);
      try {
        const result = await fn(tx);
        return state.settled ? never : result;
      } catch (e) {
        if (state.settled) return never;
        throw e;
      }
    });
    p.then(
      () => (state.settled = true),
      () => (state.settled = true),
    );
    return p;
  };
  return new Proxy(client, { get: (t, k, r) => (k === "begin" ? begin : Reflect.get(t, k, r)) });
}

/** The transaction's sql as drizzle uses it (unsafe, savepoint), refusing statements once the transaction settled. */
function guardTx(txSql: postgres.TransactionSql, state: { settled: boolean }): postgres.TransactionSql {
  return new Proxy(txSql, {
    get(t, k, r) {
      if (k === "unsafe") {
        return (...a: Parameters<postgres.TransactionSql["unsafe"]>) => {
          if (!state.settled) return t.unsafe(...a);
          const gone = Object.assign(new Error("database connection closed during the transaction"), { code: "CONNECTION_CLOSED" });
          const q = Object.assign(Promise.reject(gone), { values: () => q, raw: () => q, execute: () => q });
          return q;
        };
      }
      if (k === "savepoint") {
        return (...a: unknown[]) => {
          const fn = a.pop() as (sql: postgres.TransactionSql) => unknown;
          return (t.savepoint as (...x: unknown[]) => Promise<unknown>)(...a, (s: postgres.TransactionSql) => fn(guardTx(s, state)));
        };
      }
      return Reflect.get(t, k, r);
    },
  });
}

/** A postgres.js client with the timeouts above (tests and benchmarks may pass their own). */
export function openPostgres(url: string, t: DbTimeouts = dbTimeouts(), max = Number(process.env.DATABASE_POOL_SIZE ?? 10)): postgres.Sql {
  const options: postgres.Options<Record<string, never>> & { socket: ReturnType<typeof timedSocket> } = {
    max,
    onnotice: () => {},
    // postgres.js runs a pg_type query first on every new connection to learn array types and
    // drops its promise (porsager/postgres#1192, #1223): a connection closed at that moment
    // raised an unhandledRejection (CONNECTION_CLOSED, seen in bench:faults) and replayed its
    // error onto the next query. Drizzle parses its array columns itself; raw selects return
    // arrays as JSON (lib/monitoring/series.ts histSumJsonSql).
    fetch_types: false,
    connect_timeout: t.connectS,
    idle_timeout: t.idleS,
    connection: { statement_timeout: t.statementMs, lock_timeout: t.statementMs, idle_in_transaction_session_timeout: t.statementMs * 3 },
    socket: timedSocket(t.socketMs), // supported by postgres.js, missing from its types
  };
  return guardTransactions(postgres(url, options));
}

async function open(): Promise<Handle> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const client = openPostgres(url);
    const db = drizzlePg(client, { schema });
    return { db, kind: "postgres", close: () => client.end({ timeout: 5 }) };
  }
  return openPglite(pgliteDir());
}

/** Opens (creating its folder if needed) an embedded PGlite database in `dir`. */
export async function openPglite(dir: string): Promise<Handle> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle: drizzleLite } = await import("drizzle-orm/pglite");
  fs.mkdirSync(dir, { recursive: true }); // a fresh clone has no .data/ yet
  const client = new PGlite(dir);
  await client.waitReady;
  const db = drizzleLite(client, { schema }) as unknown as Db;
  return { db, kind: "pglite", close: () => client.close() };
}

function handle(): Promise<Handle> {
  if (!g.__ocrDb) g.__ocrDb = open();
  return g.__ocrDb;
}

/** The process-wide database. */
export async function getDb(): Promise<Db> {
  return (await handle()).db;
}

export async function dbKind(): Promise<DbKind> {
  return (await handle()).kind;
}

export async function closeDb(): Promise<void> {
  const h = g.__ocrDb;
  g.__ocrDb = undefined;
  if (h) await (await h).close();
}

/** Rows of a raw `db.execute(sql…)`, whichever driver answered (postgres.js: array; PGlite: {rows}). */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  const r = result as { rows?: T[] };
  return r.rows ?? [];
}

const dialect = new PgDialect();

/** The postgres.js client behind a drizzle handle, or null (PGlite, or a transaction). */
function postgresClient(db: DbOrTx): postgres.Sql | null {
  const client = (db as { $client?: unknown }).$client;
  return typeof client === "function" && typeof (client as Partial<postgres.Sql>).unsafe === "function" ? (client as postgres.Sql) : null;
}

/**
 * Runs a hot raw statement as a named prepared statement on PostgreSQL: drizzle's
 * `db.execute(sql…)` sends it unprepared, so the server parses and plans it on every
 * call. postgres.js keeps one prepared statement per distinct text and connection, so
 * only use this for statements whose text does not vary with the data (values go in
 * parameters). On PGlite, or inside a transaction, it is a plain `db.execute`.
 * Returns the rows either way.
 */
export async function executePrepared<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const client = postgresClient(db);
  if (!client) return rowsOf<T>(await db.execute(query));
  const { sql: text, params } = dialect.sqlToQuery(query);
  return (await client.unsafe(text, params as postgres.ParameterOrJSON<never>[], { prepare: true })) as unknown as T[];
}

export async function ping(db: Db): Promise<void> {
  await db.execute(sql`select 1`);
}

export { schema };
