import { closeDb, dbKind, getDb } from "../db";
import { migrate } from "../db/migrate";
import { moveLegacyIdHashes } from "../lib/accounts/fingerprint";
import { ensureDefaults } from "../lib/pricing/defaults";
import { rekeyLegacyFreeClaims } from "../lib/quota/free";

await migrate();
await ensureDefaults(await getDb());
const moved = await moveLegacyIdHashes(await getDb());
if (moved > 0) console.log(`real-name records moved to keyed fingerprints: ${moved}`);
// without the servers' key, only claims of accounts that already have a fingerprint can move
const keyMissing = !!process.env.DATABASE_URL && !process.env.APP_ENCRYPTION_KEY && process.env.NODE_ENV !== "test";
const rekeyed = await rekeyLegacyFreeClaims(await getDb(), { withKey: !keyMissing });
if (rekeyed > 0) console.log(`free quota claimed before the per-person rule, now counted per person: ${rekeyed}`);
console.log(`migrations applied (${await dbKind()})`);
await closeDb();
