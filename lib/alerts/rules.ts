/** Alert rules of a customer's applications: list and edit (owner-scoped). */
import { and, asc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { ALERT_KINDS, alertRules, apps, type AlertRule } from "@/db/schema";
import { ensureDefaultAlertRules } from "./defaults";
import { KIND_INFO } from "./kinds";

/** Rules of one application of `userId`, in the order of ALERT_KINDS; [] for anyone else's app. */
export async function listRules(db: DbOrTx, userId: string, appId: string): Promise<AlertRule[]> {
  const [app] = await db.select({ id: apps.id }).from(apps).where(and(eq(apps.id, appId), eq(apps.userId, userId), isNull(apps.deletedAt)));
  if (!app) return [];
  await ensureDefaultAlertRules(db, appId); // apps created before a kind existed get it now
  const rows = await db.select().from(alertRules).where(eq(alertRules.appId, appId)).orderBy(asc(alertRules.createdAt));
  return ALERT_KINDS.map((k) => rows.find((r) => r.kind === k)!).filter(Boolean);
}

export const updateRuleSchema = z.object({
  ruleId: z.string().min(1).max(64),
  enabled: z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean()),
  threshold: z.coerce.number({ message: "请输入数字" }).int("请输入整数").min(0, "不能为负数"),
});
export type UpdateRuleInput = z.infer<typeof updateRuleSchema>;

export type UpdateRuleResult = { ok: true; rule: AlertRule } | { ok: false; message: string };

export async function updateRule(db: DbOrTx, userId: string, input: UpdateRuleInput): Promise<UpdateRuleResult> {
  const [row] = await db
    .select({ rule: alertRules })
    .from(alertRules)
    .innerJoin(apps, eq(apps.id, alertRules.appId))
    .where(and(eq(alertRules.id, input.ruleId), eq(apps.userId, userId), isNull(apps.deletedAt)));
  if (!row) return { ok: false, message: "规则不存在" };
  const info = KIND_INFO[row.rule.kind];
  const threshold = info.max === 0 ? 0 : input.threshold;
  if (threshold < info.min || threshold > info.max) return { ok: false, message: `阈值应在 ${info.min}–${info.max} ${info.unit} 之间` };
  const [rule] = await db.update(alertRules).set({ enabled: input.enabled, threshold }).where(eq(alertRules.id, input.ruleId)).returning();
  return { ok: true, rule: rule! };
}
