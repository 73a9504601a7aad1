import { and, count, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { alertEvents } from "@/db/schema";

/** Open (未处理) alert events of one account, for the console badge. */
export async function countOpenAlerts(db: DbOrTx, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(alertEvents)
    .where(and(eq(alertEvents.userId, userId), eq(alertEvents.status, "未处理")));
  return row?.n ?? 0;
}
