/**
 * An application's own limits, set by its owner in the console:
 *   - QPS (apps.rate_limit_per_sec), at most the account's ceiling (users.qps_ceiling, set
 *     by operators, default 10). The gateway reads it on every request, so a change is in
 *     force for the next request on every instance.
 *   - a daily call cap per API (apps.daily_caps; absent = none): calls admitted per
 *     Asia/Shanghai day are counted in app_daily_calls; past the cap a call gets 4019.
 *   - an IP allow-list (apps.ip_allow): IPv4/IPv6 addresses and CIDR ranges, at most
 *     MAX_ALLOW_ENTRIES; empty means any address. A call from elsewhere gets 4027. The
 *     address is the one lib/net/client-address trusts (TRUSTED_PROXIES hops only).
 * Every change is audited in the same transaction.
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import ipaddr from "ipaddr.js";
import { z } from "zod";
import { executePrepared, type DbOrTx } from "@/db";
import { API_KINDS, apps, users, type ApiKindColumn } from "@/db/schema";
import { normalizeAddress } from "@/lib/net/client-address";
import { writeAudit } from "@/lib/ops/audit";
import { crossesPercent, emitDailyCapProgress } from "@/lib/quota/events";
import { ok, type Result } from "@/lib/result";
import { fail } from "@/lib/console/errors";

export const MAX_ALLOW_ENTRIES = 50;
export const DEFAULT_QPS_CEILING = 10;
export const MAX_QPS_CEILING = 10_000;
export const MAX_DAILY_CAP = 100_000_000;

/** One allow-list entry in canonical form ("10.0.0.0/8", "2001:db8::/32", "1.2.3.4"), or null when it is not one. */
export function normalizeAllowEntry(raw: string): string | null {
  const s = raw.trim();
  if (!s) return null;
  if (s.includes("/")) {
    try {
      const [addr, bits] = ipaddr.parseCIDR(s);
      if (addr.kind() === "ipv4" && !ipaddr.IPv4.isValidFourPartDecimal(s.slice(0, s.indexOf("/")))) return null;
      // the network address, so 10.1.2.3/8 is written 10.0.0.0/8
      const net = addr.kind() === "ipv4" ? ipaddr.IPv4.networkAddressFromCIDR(s) : ipaddr.IPv6.networkAddressFromCIDR(s);
      return `${net.toString()}/${bits}`;
    } catch {
      return null;
    }
  }
  return normalizeAddress(s);
}

/** Splits what an owner typed (one per line, or separated by commas/spaces). */
export function splitAllowList(text: string): string[] {
  return text.split(/[\s,;]+/).filter(Boolean);
}

export const allowListSchema = z
  .array(z.string())
  .transform((items, ctx) => {
    const out: string[] = [];
    for (const item of items) {
      const norm = normalizeAllowEntry(item);
      if (!norm) {
        ctx.addIssue({ code: "custom", message: `“${item}”不是有效的 IPv4/IPv6 地址或 CIDR 网段` });
        return z.NEVER;
      }
      if (!out.includes(norm)) out.push(norm);
    }
    if (out.length > MAX_ALLOW_ENTRIES) {
      ctx.addIssue({ code: "custom", message: `IP 白名单最多 ${MAX_ALLOW_ENTRIES} 条，当前 ${out.length} 条` });
      return z.NEVER;
    }
    return out;
  });

/** True when `address` is allowed by `entries` (an empty list allows any; an unknown address only then). */
export function isAddressAllowed(address: string | null, entries: readonly string[]): boolean {
  if (entries.length === 0) return true;
  if (!address) return false;
  let addr: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    addr = ipaddr.process(address);
  } catch {
    return false;
  }
  for (const e of entries) {
    try {
      if (e.includes("/")) {
        const [net, bits] = ipaddr.parseCIDR(e);
        if (net.kind() === addr.kind() && addr.match(net, bits)) return true;
      } else if (ipaddr.process(e).toString() === addr.toString()) {
        return true;
      }
    } catch {
      // an entry that no longer parses allows nothing
    }
  }
  return false;
}

const capField = z
  .union([z.literal(""), z.coerce.number().int("每日上限须为整数").min(1, "每日上限至少 1 次").max(MAX_DAILY_CAP, `每日上限最多 ${MAX_DAILY_CAP} 次`)])
  .transform((v) => (v === "" ? null : v));

/** The console form: QPS, a cap per API (empty = none), the allow-list as text. */
export const limitsFormSchema = z.object({
  appId: z.string().min(1),
  qps: z.coerce.number({ message: "请输入 QPS" }).int("QPS 须为整数").min(1, "QPS 至少为 1"),
  capGeneral: capField.optional().default(null),
  capIdcard: capField.optional().default(null),
  capPlate: capField.optional().default(null),
  ipAllow: z
    .string()
    .max(5000, "IP 白名单过长")
    .optional()
    .default("")
    .transform((t) => splitAllowList(t))
    .pipe(allowListSchema),
});
export type LimitsForm = z.output<typeof limitsFormSchema>;

export interface AppLimits {
  qps: number;
  qpsCeiling: number;
  dailyCaps: Partial<Record<ApiKindColumn, number>>;
  ipAllow: string[];
}

export type LimitsFailure = "app_not_found" | "over_ceiling";

export async function getAppLimits(db: DbOrTx, userId: string, appId: string): Promise<AppLimits | null> {
  const [row] = await db
    .select({ qps: apps.rateLimitPerSec, qpsCeiling: users.qpsCeiling, dailyCaps: apps.dailyCaps, ipAllow: apps.ipAllow })
    .from(apps)
    .innerJoin(users, eq(users.id, apps.userId))
    .where(and(eq(apps.id, appId), eq(apps.userId, userId), isNull(apps.deletedAt)));
  return row ?? null;
}

/** Sets an application's limits for its owner; QPS above the account's ceiling is refused. */
export async function updateAppLimits(db: DbOrTx, userId: string, input: LimitsForm): Promise<Result<AppLimits, LimitsFailure>> {
  return db.transaction(async (tx) => {
    const before = await getAppLimits(tx, userId, input.appId);
    if (!before) return fail("app_not_found");
    if (input.qps > before.qpsCeiling) {
      return fail("over_ceiling", { ceiling: before.qpsCeiling });
    }
    const dailyCaps: Partial<Record<ApiKindColumn, number>> = {};
    if (input.capGeneral) dailyCaps.general = input.capGeneral;
    if (input.capIdcard) dailyCaps.idcard = input.capIdcard;
    if (input.capPlate) dailyCaps.plate = input.capPlate;
    await tx
      .update(apps)
      .set({ rateLimitPerSec: input.qps, dailyCaps, ipAllow: input.ipAllow, updatedAt: new Date() })
      .where(and(eq(apps.id, input.appId), eq(apps.userId, userId)));
    const after = { qps: input.qps, qpsCeiling: before.qpsCeiling, dailyCaps, ipAllow: input.ipAllow };
    await writeAudit(tx, { actorId: userId, action: "app.limits", targetType: "app", targetId: input.appId, before, after });
    return ok(after);
  });
}

/**
 * Operators set an account's QPS ceiling; its applications above the new ceiling are
 * lowered to it in the same transaction (audited with the reason). The gateway reads an
 * application's QPS on every request (no cache), so the next request on every instance obeys it.
 */
export async function setQpsCeiling(
  db: DbOrTx,
  actorId: string,
  userId: string,
  ceiling: number,
  reason: string,
): Promise<Result<{ lowered: number; changed: boolean }, "account_not_found" | "bad_ceiling">> {
  if (!Number.isInteger(ceiling) || ceiling < 1 || ceiling > MAX_QPS_CEILING) return fail("bad_ceiling", { max: MAX_QPS_CEILING });
  return db.transaction(async (tx) => {
    const [u] = await tx.select({ qpsCeiling: users.qpsCeiling }).from(users).where(eq(users.id, userId)).for("update");
    if (!u) return fail("account_not_found");
    if (u.qpsCeiling === ceiling) return ok({ lowered: 0, changed: false });
    await tx.update(users).set({ qpsCeiling: ceiling, updatedAt: new Date() }).where(eq(users.id, userId));
    const lowered = await tx
      .update(apps)
      .set({ rateLimitPerSec: ceiling })
      .where(and(eq(apps.userId, userId), sql`${apps.rateLimitPerSec} > ${ceiling}`))
      .returning({ id: apps.id });
    await writeAudit(tx, { actorId, action: "account.qps_ceiling", targetType: "user", targetId: userId, before: u, after: { qpsCeiling: ceiling, lowered: lowered.length }, reason });
    return ok({ lowered: lowered.length, changed: true });
  });
}

/** The Asia/Shanghai calendar day of `now` (China keeps no daylight saving time). */
export function shanghaiDay(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/**
 * Counts one admitted call against the daily cap; returns the count including it, or null
 * when the cap was already reached (nothing counted). One atomic statement, so instances agree.
 * A call that reaches another whole percent of the cap tells the alert jobs (daily_cap rule).
 */
export async function admitDailyCall(db: DbOrTx, appId: string, api: ApiKindColumn, cap: number, now: Date): Promise<number | null> {
  const [row] = await executePrepared<{ count: number }>(
    db,
    sql`insert into app_daily_calls as c (app_id, api, day, count) values (${appId}, ${api}, ${shanghaiDay(now)}::date, 1)
      on conflict (app_id, api, day) do update set count = c.count + 1 where c.count < ${cap} returning c.count`,
  );
  if (!row) return null;
  const count = Number(row.count);
  if (crossesPercent(count, cap)) emitDailyCapProgress({ appId, api, count, cap, at: now });
  return count;
}

/** Calls admitted today per API (for the console's limits card). */
export async function dailyCallsToday(db: DbOrTx, appId: string, now: Date = new Date()): Promise<Partial<Record<ApiKindColumn, number>>> {
  const rows = await executePrepared<{ api: ApiKindColumn; count: number }>(
    db,
    sql`select api, count from app_daily_calls where app_id = ${appId} and day = ${shanghaiDay(now)}::date`,
  );
  const out: Partial<Record<ApiKindColumn, number>> = {};
  for (const r of rows) if ((API_KINDS as readonly string[]).includes(r.api)) out[r.api] = Number(r.count);
  return out;
}
