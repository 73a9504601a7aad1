import { and, count, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { API_KINDS, apps, serviceCodes, settings, users, type App } from "@/db/schema";
import { DEFAULT_SETTINGS } from "@/lib/pricing/defaults";
import { encryptSecret } from "@/lib/crypto";
import { newAppKey, newAppSecret, newId, newServiceCode } from "@/lib/id";
import { ok, type Result } from "@/lib/result";
import { fail } from "@/lib/console/errors";
import { ensureDefaultAlertRules } from "@/lib/alerts/defaults";
import type { CreateAppInput } from "./schemas";

export interface CreatedApp {
  app: App;
  /** the AppSecret in clear, returned once to the caller that created it */
  appSecret: string;
  serviceCodes: Record<(typeof API_KINDS)[number], string>;
}

/** Applications (not deleted) one account may have: settings max_apps_per_account, set in /ops. */
export async function maxAppsPerAccount(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, "max_apps_per_account"));
  const n = Number(row?.value ?? DEFAULT_SETTINGS.max_apps_per_account);
  return Number.isInteger(n) && n >= 1 ? n : Number(DEFAULT_SETTINGS.max_apps_per_account);
}

/**
 * Creates an application with its AppKey, encrypted AppSecret, one service code per API
 * and the default alert rules, in one transaction — refused past the account's cap of live
 * applications (the account row is locked, so parallel creations cannot pass the cap).
 */
export async function createApp(
  db: DbOrTx,
  userId: string,
  input: CreateAppInput,
): Promise<Result<CreatedApp, "name_taken" | "too_many_apps">> {
  const [dup] = await db
    .select({ id: apps.id })
    .from(apps)
    .where(and(eq(apps.userId, userId), eq(apps.name, input.name), isNull(apps.deletedAt)));
  if (dup) return fail("name_taken");

  const cap = await maxAppsPerAccount(db);
  return db.transaction(async (tx) => {
    await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for("update");
    const [{ n }] = await tx.select({ n: count() }).from(apps).where(and(eq(apps.userId, userId), isNull(apps.deletedAt)));
    if (n >= cap) return fail("too_many_apps", { cap });
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
