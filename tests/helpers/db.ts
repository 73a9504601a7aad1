import { getDb, type Db } from "@/db";
import { migrate } from "@/db/migrate";
import { unseedPublicBeta } from "@/lib/pricing/beta";
import { ensureDefaults } from "@/lib/pricing/defaults";

let ready: Promise<Db> | undefined;

/**
 * The integration-test database: the PostgreSQL at DATABASE_URL, migrated once per process.
 * Refuses anything but a local server, so a test run can never touch a real database.
 * Tests isolate themselves by creating their own users and applications (tests/helpers/fixtures.ts).
 */
export function testDb(): Promise<Db> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("integration tests need DATABASE_URL (a local PostgreSQL); see README");
  const host = new URL(url).hostname;
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host)) {
    throw new Error(`refusing to run tests against a non-local database (${host})`);
  }
  ready ??= (async () => {
    await migrate();
    const db = await getDb();
    await ensureDefaults(db);
    await unseedPublicBeta(db); // tests price at list prices, even on a database the demo seed put in its free beta
    return db;
  })();
  return ready;
}
