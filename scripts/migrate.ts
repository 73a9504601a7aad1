import { closeDb, dbKind, getDb } from "../db";
import { migrate } from "../db/migrate";
import { moveLegacyIdHashes } from "../lib/accounts/fingerprint";
import { ensureDefaults } from "../lib/pricing/defaults";

await migrate();
await ensureDefaults(await getDb());
const moved = await moveLegacyIdHashes(await getDb());
if (moved > 0) console.log(`real-name records moved to keyed fingerprints: ${moved}`);
console.log(`migrations applied (${await dbKind()})`);
await closeDb();
