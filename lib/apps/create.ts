import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { API_KINDS, apps, serviceCodes, type App } from "@/db/schema";
import { encryptSecret } from "@/lib/crypto";
import { newAppKey, newAppSecret, newId, newServiceCode } from "@/lib/id";
import { err, ok, type Result } from "@/lib/result";
import { ensureDefaultAlertRules } from "@/lib/alerts/defaults";
import type { CreateAppInput } from "./schemas";

export interface CreatedApp {
  app: App;
  /** the AppSecret in clear, returned once to the caller that created it */
  appSecret: string;
  serviceCodes: Record<(typeof API_KINDS)[number], string>;
}

/**
 * Creates an application with its AppKey, encrypted AppSecret, one service code per API
 * and the default alert rules, in one transaction.
 */
export async function createApp(
  db: DbOrTx,
  userId: string,
  input: CreateAppInput,
): Promise<Result<CreatedApp, "name_taken">> {
  const [dup] = await db
    .select({ id: apps.id })
    .from(apps)
    .where(and(eq(apps.userId, userId), eq(apps.name, input.name), isNull(apps.deletedAt)));
  if (dup) return err("name_taken", "应用名称已存在，请换一个名称", "name");

  return db.transaction(async (tx) => {
    const appSecret = newAppSecret();
    const [app] = await tx
      .insert(apps)
      .values({
        id: newId("app"),
        userId,
        name: input.name,
        description: input.description,
        appKey: newAppKey(),
        secretEnc: encryptSecret(appSecret),
      })
      .returning();
    const codes = Object.fromEntries(API_KINDS.map((api) => [api, newServiceCode()])) as CreatedApp["serviceCodes"];
    await tx.insert(serviceCodes).values(API_KINDS.map((api) => ({ code: codes[api], appId: app!.id, api })));
    await ensureDefaultAlertRules(tx, app!.id);
    return ok({ app: app!, appSecret, serviceCodes: codes });
  });
}
