import { and, count, desc, eq, like, or, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { auditLog, users } from "@/db/schema";

/** What an operator did, in a sentence's words; the audit page shows these labels. */
export const AUDIT_ACTIONS: Record<string, string> = {
  "price.update": "修改价格",
  "settings.free_quota": "修改免费额度",
  "settings.job_retention": "修改异步任务结果保留天数",
  "app.rate_limit": "修改 QPS 上限",
  "app.disable": "停用应用",
  "app.enable": "启用应用",
  "app.revoke_prev_secret": "作废旧密钥",
  "account.disable": "停用账号",
  "account.enable": "恢复账号",
  "pack.cancel": "作废资源包",
  "balance.credit": "调整余额",
  "voucher.issue": "发放代金券",
  "coupon.issue": "发放优惠券",
  "transfer.confirm": "确认线下汇款",
  "transfer.reject": "驳回线下汇款",
  "app.limits": "修改应用调用限制",
  "account.qps_ceiling": "修改账户 QPS 上限",
  "access_key.create": "创建 AccessKey",
  "access_key.disable": "停用 AccessKey",
  "access_key.enable": "启用 AccessKey",
  "access_key.delete": "删除 AccessKey",
};

export interface AuditEntry {
  actorId: string;
  action: string;
  targetType: string;
  targetId: string;
  before?: unknown;
  after?: unknown;
  reason?: string;
}

/** JSON-safe copy (Dates become ISO strings) so before/after read the same from both drivers. */
function plain(v: unknown): unknown {
  return v === undefined ? null : JSON.parse(JSON.stringify(v));
}

/**
 * Writes one audit row. Call it with the transaction that makes the change, so the
 * change and its record commit (or roll back) together.
 */
export async function writeAudit(tx: DbOrTx, e: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    actorId: e.actorId,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    before: plain(e.before),
    after: plain(e.after),
    reason: e.reason ?? "",
  });
}

export const AUDIT_PAGE_SIZE = 30;

export interface AuditRow {
  id: number;
  actorId: string;
  actorEmail: string | null;
  action: string;
  targetType: string;
  targetId: string;
  before: unknown;
  after: unknown;
  reason: string;
  createdAt: Date;
}

/** 操作审计: newest first, optionally one action, or a search in the target / actor. */
export async function listAudit(
  db: DbOrTx,
  f: { action?: string; q?: string; page?: number; limit?: number } = {},
): Promise<{ rows: AuditRow[]; total: number; pages: number }> {
  const limit = f.limit ?? AUDIT_PAGE_SIZE;
  const page = Math.max(1, f.page ?? 1);
  const where: SQL[] = [];
  if (f.action) where.push(eq(auditLog.action, f.action));
  if (f.q) {
    const pat = `%${f.q}%`;
    where.push(or(like(auditLog.targetId, pat), like(users.email, pat), like(auditLog.reason, pat))!);
  }
  const cond = where.length ? and(...where) : undefined;
  const [{ n }] = await db
    .select({ n: count() })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(cond);
  const rows = await db
    .select({
      id: auditLog.id,
      actorId: auditLog.actorId,
      actorEmail: users.email,
      action: auditLog.action,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      before: auditLog.before,
      after: auditLog.after,
      reason: auditLog.reason,
      createdAt: auditLog.createdAt,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(cond)
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(limit)
    .offset((page - 1) * limit);
  return { rows, total: n, pages: Math.max(1, Math.ceil(n / limit)) };
}

/** The fields whose values differ between before and after (top level), for a compact diff. */
export function changedFields(before: unknown, after: unknown): { field: string; before: unknown; after: unknown }[] {
  const b = (before && typeof before === "object" ? before : {}) as Record<string, unknown>;
  const a = (after && typeof after === "object" ? after : {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys
    .filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]))
    .map((k) => ({ field: k, before: b[k], after: a[k] }));
}
