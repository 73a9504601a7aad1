import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { eq } from "drizzle-orm";
import postgres from "postgres";
import { drizzle as drizzlePg } from "drizzle-orm/postgres-js";
import { migrate as migratePg } from "drizzle-orm/postgres-js/migrator";
import * as schema from "./schema";
import { MIGRATIONS_DIR, openPglite, ping, type Db } from "./index";
import { seedDemo, DEMO } from "./seed";

const adminUrl = process.env.DATABASE_URL;

describe("migrations", () => {
  it("open an embedded PGlite in a folder that does not exist yet (a fresh clone has no .data/)", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "pglite-fresh-"));
    const dir = path.join(root, ".data", "pglite");
    const h = await openPglite(dir);
    await ping(h.db);
    expect(h.kind).toBe("pglite");
    expect(fs.existsSync(dir)).toBe(true);
    await h.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("apply to an empty PGlite, and the data layer (seed) runs on it twice leaving one demo customer", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pglite-"));
    const client = new PGlite(dir);
    const db = drizzle(client, { schema });
    await migrate(db, { migrationsFolder: MIGRATIONS_DIR });
    const first = await seedDemo(db as unknown as Db);
    const second = await seedDemo(db as unknown as Db);
    expect(second.app.appKey).toBe(first.app.appKey);
    expect(first.accessKey.ak).toMatch(/^[0-9a-f]{32}$/);
    expect(second.accessKey).toEqual(first.accessKey);
    expect(await db.select().from(schema.accessKeys)).toHaveLength(1);
    const demo = await db.select().from(schema.users).where(eq(schema.users.email, DEMO.customer.email));
    expect(demo).toHaveLength(1);
    expect(demo[0]!.balanceFen).toBe(DEMO.balanceFen);
    const packs = await db.select().from(schema.quotaPacks);
    expect(packs).toHaveLength(3);
    await client.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it.runIf(!!adminUrl)("apply to an empty PostgreSQL database, and the seed run twice leaves one demo customer", async () => {
    const name = `mig_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
    const admin = postgres(adminUrl!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(adminUrl!);
    url.pathname = `/${name}`;
    const client = postgres(url.toString(), { max: 2, onnotice: () => {} });
    try {
      const db = drizzlePg(client, { schema });
      await migratePg(db, { migrationsFolder: MIGRATIONS_DIR });
      const tables = await client`select table_name from information_schema.tables where table_schema = 'public'`;
      expect(tables.map((t) => t.table_name)).toEqual(expect.arrayContaining(["users", "apps", "orders", "calls", "call_rollups"]));
      await seedDemo(db);
      await seedDemo(db);
      const demo = await db.select().from(schema.users).where(eq(schema.users.email, DEMO.customer.email));
      expect(demo).toHaveLength(1);
    } finally {
      await client.end();
      await admin.unsafe(`drop database if exists ${name}`);
      await admin.end();
    }
  });
});
