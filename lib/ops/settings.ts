import { eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { ocrJobs, settings } from "@/db/schema";
import { RETENTION_SETTING, retentionDays } from "@/lib/jobs/limits";
import { DEFAULT_SETTINGS } from "@/lib/pricing/defaults";
import { writeAudit } from "./audit";
import type { UpdateFreeQuotaInput, UpdateJobRetentionInput } from "./schemas";

const KEYS = ["free_quota_calls", "free_quota_days", "max_apps_per_account"] as const;

/** 免费额度 as operators set it (defaults where a row is missing). */
export async function getFreeQuota(db: DbOrTx): Promise<UpdateFreeQuotaInput> {
  const rows = await db.select().from(settings).where(inArray(settings.key, [...KEYS]));
  const read = (k: (typeof KEYS)[number]) => Number(rows.find((r) => r.key === k)?.value ?? DEFAULT_SETTINGS[k]);
  return { calls: read("free_quota_calls"), days: read("free_quota_days"), maxApps: read("max_apps_per_account") };
}

/**
 * Changes the free quota (0 switches it off; packs already granted stay as they are) and the
 * cap of applications per account,
 * with its audit row, in one transaction.
 */
export async function updateFreeQuota(db: DbOrTx, actorId: string, input: UpdateFreeQuotaInput, now = new Date()) {
  return db.transaction(async (tx) => {
    await tx.select().from(settings).where(inArray(settings.key, [...KEYS])).for("update");
    const before = await getFreeQuota(tx);
    if (before.calls === input.calls && before.days === input.days && before.maxApps === input.maxApps) return { before, after: before, changed: false };
    await tx
      .insert(settings)
      .values([
        { key: "free_quota_calls", value: String(input.calls), updatedAt: now },
        { key: "free_quota_days", value: String(input.days), updatedAt: now },
        { key: "max_apps_per_account", value: String(input.maxApps), updatedAt: now },
      ])
      .onConflictDoUpdate({ target: settings.key, set: { value: sql`excluded.value`, updatedAt: now } });
    await writeAudit(tx, { actorId, action: "settings.free_quota", targetType: "settings", targetId: "free_quota", before, after: input });
    return { before, after: input, changed: true };
  });
}

/**
 * Changes how many days an asynchronous job's results are kept after it ends, with its
 * audit row, in one transaction. The new period applies to every finished job, counted
 * from when it ended (shortening it lets the runner's housekeeping delete older results
 * within a minute); jobs still running get theirs when they end.
 */
export async function updateJobRetention(db: DbOrTx, actorId: string, input: UpdateJobRetentionInput, now = new Date()) {
  return db.transaction(async (tx) => {
    await tx.select().from(settings).where(eq(settings.key, RETENTION_SETTING)).for("update");
    const before = { days: await retentionDays(tx) };
    if (before.days === input.days) return { before, after: before, changed: false, jobs: 0 };
    await tx
      .insert(settings)
      .values({ key: RETENTION_SETTING, value: String(input.days), updatedAt: now })
      .onConflictDoUpdate({ target: settings.key, set: { value: String(input.days), updatedAt: now } });
    const jobs = await tx
      .update(ocrJobs)
      .set({ expiresAt: sql`${ocrJobs.finishedAt} + make_interval(days => ${input.days}::int)` })
      .where(isNotNull(ocrJobs.finishedAt))
      .returning({ id: ocrJobs.id });
    await writeAudit(tx, { actorId, action: "settings.job_retention", targetType: "settings", targetId: RETENTION_SETTING, before, after: input });
    return { before, after: input, changed: true, jobs: jobs.length };
  });
}
