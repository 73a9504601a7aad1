import { and, asc, desc, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { API_KINDS, apps, serviceCodes, type App, type ApiKindColumn } from "@/db/schema";

/** Every lookup here is scoped to the owner: another customer's id reads as "not found". */

export async function listApps(db: DbOrTx, userId: string): Promise<App[]> {
  return db
    .select()
    .from(apps)
    .where(and(eq(apps.userId, userId), isNull(apps.deletedAt)))
    .orderBy(desc(apps.createdAt));
}

/** The application `appId` of `userId`, unless deleted; undefined for anyone else's. */
export async function getApp(db: DbOrTx, userId: string, appId: string): Promise<App | undefined> {
  const [app] = await db
    .select()
    .from(apps)
    .where(and(eq(apps.id, appId), eq(apps.userId, userId), isNull(apps.deletedAt)));
  return app;
}

/** Service code per API of an application (call after getApp has checked the owner). */
export async function serviceCodesOf(db: DbOrTx, appId: string): Promise<Record<ApiKindColumn, string>> {
  const rows = await db.select().from(serviceCodes).where(eq(serviceCodes.appId, appId)).orderBy(asc(serviceCodes.api));
  const out = {} as Record<ApiKindColumn, string>;
  for (const api of API_KINDS) out[api] = rows.find((r) => r.api === api)?.code ?? "";
  return out;
}
