import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { API_KINDS, quotaPacks, type ApiKindColumn, type QuotaPack } from "@/db/schema";
import { API_LABELS } from "@/lib/catalogue/apis";
import { packsOfApps } from "@/lib/quota/packs";
import { callsLeftIn, isPackLive } from "@/lib/quota/remaining";

export type CapabilityStatus = "待付费" | "已开通" | "已用完" | "已过期";

/** One row of 我的能力: an API of an application and the state of its packs. */
export interface Capability {
  api: ApiKindColumn;
  label: string;
  status: CapabilityStatus;
  /** calls left in the packs valid now */
  remaining: number;
  /** calls bought in the packs valid now */
  total: number;
  /** the soonest expiry among the packs valid now */
  nearestExpiry: Date | null;
  /** packs bought (orders and operator grants; the free pack not counted) */
  packsBought: number;
  freeClaimed: boolean;
}

type PackFacts = Pick<QuotaPack, "callsTotal" | "callsUsed" | "startsAt" | "expiresAt" | "source" | "status">;

/**
 * 待付费 until a pack was ever active; 已开通 while a valid pack has calls left;
 * 已用完 when valid packs exist but are used up; 已过期 when every pack has expired.
 */
export function summarise(api: ApiKindColumn, packs: PackFacts[], now: Date): Capability {
  const kept = packs.filter((p) => p.status === "active");
  const live = kept.filter((p) => isPackLive(p, now));
  const total = live.reduce((n, p) => n + p.callsTotal, 0);
  const remaining = callsLeftIn(live, now);
  const nearestExpiry = live.length ? new Date(Math.min(...live.map((p) => p.expiresAt.getTime()))) : null;
  let status: CapabilityStatus;
  if (remaining > 0) status = "已开通";
  else if (live.length > 0) status = "已用完";
  else if (kept.some((p) => p.expiresAt.getTime() <= now.getTime())) status = "已过期";
  else status = "待付费";
  return {
    api,
    label: API_LABELS[api],
    status,
    remaining,
    total,
    nearestExpiry,
    packsBought: kept.filter((p) => p.source !== "free").length,
    freeClaimed: packs.some((p) => p.source === "free"),
  };
}

/**
 * 我的能力 of one application: a row per API (通用型OCR, 身份证识别, 车牌识别).
 * The caller must have checked the application's owner (lib/apps/queries getApp).
 */
export async function appCapabilities(db: DbOrTx, appId: string, now = new Date()): Promise<Capability[]> {
  const packs = await packsOfApps(db, [appId]);
  // a cancelled free pack still counts as claimed (the unique index says so too)
  const freeRows = await db
    .select({ api: quotaPacks.api })
    .from(quotaPacks)
    .where(and(eq(quotaPacks.appId, appId), eq(quotaPacks.source, "free")));
  return API_KINDS.map((api) => {
    const row = summarise(
      api,
      packs.filter((p) => p.api === api),
      now,
    );
    return { ...row, freeClaimed: freeRows.some((f) => f.api === api) };
  });
}
