import { closeDb, dbKind, getDb } from "../db";
import { migrate } from "../db/migrate";
import { ensureDefaults } from "../lib/pricing/defaults";

await migrate();
await ensureDefaults(await getDb());
console.log(`migrations applied (${await dbKind()})`);
await closeDb();
