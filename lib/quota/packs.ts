import { and, inArray, ne } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { quotaPacks } from "@/db/schema";

/** The packs of these applications that were not cancelled, with what a quota summary needs of each. */
export async function packsOfApps(db: DbOrTx, appIds: string[]) {
  return db
    .select({
      api: quotaPacks.api,
      callsTotal: quotaPacks.callsTotal,
      callsUsed: quotaPacks.callsUsed,
      startsAt: quotaPacks.startsAt,
      expiresAt: quotaPacks.expiresAt,
      source: quotaPacks.source,
      status: quotaPacks.status,
    })
    .from(quotaPacks)
    .where(and(inArray(quotaPacks.appId, appIds), ne(quotaPacks.status, "cancelled")));
}
