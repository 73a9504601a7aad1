import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle as drizzleLite } from "drizzle-orm/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { executePrepared, type Db } from "./index";

const query = (n: number) => sql`select ${n}::int + 1 as next, 'x' || ${String(n)} as label`;

describe("executePrepared on PGlite (plain execute)", () => {
  it("returns the rows, also inside a transaction", async () => {
    const client = new PGlite();
    const db = drizzleLite(client) as unknown as Db;
    try {
      expect(await executePrepared<{ next: number; label: string }>(db, query(1))).toEqual([{ next: 2, label: "x1" }]);
      const inTx = await db.transaction((tx) => executePrepared<{ next: number }>(tx, query(5)));
      expect(inTx.map((r) => r.next)).toEqual([6]);
    } finally {
      await client.close();
    }
  });
});

describe.runIf(process.env.DATABASE_URL)("executePrepared on PostgreSQL (named prepared statement)", () => {
  it("prepares the statement once per connection and reuses it with new parameters", async () => {
    const client = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    const db = drizzlePg(client) as unknown as Db;
    try {
      expect(await executePrepared<{ next: number; label: string }>(db, query(1))).toEqual([{ next: 2, label: "x1" }]);
      expect(await executePrepared<{ next: number; label: string }>(db, query(41))).toEqual([{ next: 42, label: "x41" }]);
      const prepared = await client`select statement from pg_prepared_statements where statement like ${"%as next, 'x' ||%"}`;
      expect(prepared).toHaveLength(1);
      // inside a transaction it runs on the transaction's connection, unprepared
      const inTx = await db.transaction((tx) => executePrepared<{ next: number }>(tx, query(7)));
      expect(inTx.map((r) => r.next)).toEqual([8]);
    } finally {
      await client.end({ timeout: 5 });
    }
  });
});
