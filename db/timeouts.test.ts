/**
 * A half-dead PostgreSQL (a proxy that stops forwarding, the server itself untouched)
 * must cost a bounded wait, and the same client must work again once it answers.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTcpProxy, type TcpProxy } from "@/tests/helpers/tcp-proxy";
import { testDb } from "@/tests/helpers/db";
import { dbTimeouts, getDb, openPostgres, rowsOf } from "./index";
import { sql } from "drizzle-orm";

let proxy: TcpProxy;
beforeAll(async () => {
  await testDb();
  const u = new URL(process.env.DATABASE_URL!);
  proxy = await startTcpProxy({ host: u.hostname, port: Number(u.port || 5432) });
});
afterAll(() => proxy.close());

describe("database timeouts", () => {
  it("every connection of the app's client carries a statement_timeout", async () => {
    const [row] = rowsOf<{ statement_timeout: string }>(await (await getDb()).execute(sql`show statement_timeout`));
    expect(row!.statement_timeout).toBe(`${dbTimeouts().statementMs / 1000}s`);
  });

  it("a query to a silent server fails within the socket timeout, and the client recovers without a restart", async () => {
    const client = openPostgres(proxy.url(process.env.DATABASE_URL!), { statementMs: 500, connectS: 1, idleS: 5, socketMs: 1500 }, 2);
    try {
      expect(await client`select 1 as one`).toEqual([{ one: 1 }]);
      proxy.pause();
      const t = Date.now();
      const results = await Promise.allSettled([client`select 2`, client`select 3`, client`select 4`]);
      expect(results.map((r) => r.status)).toEqual(["rejected", "rejected", "rejected"]);
      expect(Date.now() - t).toBeLessThan(10_000);
      proxy.restore();
      expect(await client`select 5 as five`).toEqual([{ five: 5 }]);
      proxy.cut();
      await expect(client`select 6`).rejects.toThrow();
      proxy.restore();
      expect(await client`select 7 as seven`).toEqual([{ seven: 7 }]);
    } finally {
      proxy.restore();
      await client.end({ timeout: 1 });
    }
  });
});
