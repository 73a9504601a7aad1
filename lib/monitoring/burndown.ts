/**
 * Quota burn-down: calls left per API over the last 30 days, reconstructed backwards
 * from today's remaining (lib/quota/remaining) and the calls charged since (images_ok
 * in call_rollups: each recognised image is one charged call), and a forecast of the
 * day the quota runs out at the last 7 days' rate.
 *
 *   left(t) = left(now) + charged(t, now]
 *             − calls of packs that started after t (they did not exist yet)
 *             + calls a pack still had when it expired in (t, now] (they were lost then)
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "@/db";
import { API_KINDS, apps, type ApiKindColumn } from "@/db/schema";
import { packsOfApps } from "@/lib/quota/packs";
import { isPackLive, remainingByApi } from "@/lib/quota/remaining";
import { rollupSource } from "./compact";
import { forecastQuota, type Forecast } from "./forecast";
import { BUCKET_ORIGIN, bucketStart } from "./range";

const DAY = 86_400_000;
export const BURNDOWN_DAYS = 30;
export const FORECAST_WINDOW_DAYS = 7;

export interface BurnPoint {
  t: number;
  left: number;
}

export interface ApiBurndown {
  api: ApiKindColumn;
  /** calls left now */
  left: number;
  /** one point per Shanghai day end over the last 30 days, then now */
  points: BurnPoint[];
  /** calls charged per day over the last 7 days */
  dailyRate: number;
  /** when the calls left run out at dailyRate, or that they outlast the packs (lib/monitoring/forecast.ts) */
  forecast: Forecast;
  /** the expected calls left from now to the end of the forecast */
  forecastPath: BurnPoint[];
  /** whether the API has ever had a pack */
  hasPacks: boolean;
}

export async function getBurndown(db: DbOrTx, f: { userId: string; appId?: string | null; now: Date }): Promise<ApiBurndown[]> {
  const { now } = f;
  const appRows = await db
    .select({ id: apps.id })
    .from(apps)
    .where(and(eq(apps.userId, f.userId), isNull(apps.deletedAt), f.appId ? eq(apps.id, f.appId) : undefined));
  const appIds = appRows.map((a) => a.id);
  const left = Object.fromEntries(API_KINDS.map((a) => [a, 0])) as Record<ApiKindColumn, number>;
  if (appIds.length === 0) return [];
  for (const id of appIds) {
    const r = await remainingByApi(db, id, now);
    for (const api of API_KINDS) left[api] += r[api];
  }
  const packs = await packsOfApps(db, appIds);

  const firstDayEnd = bucketStart(new Date(now.getTime() - (BURNDOWN_DAYS - 1) * DAY), DAY).getTime();
  const since = new Date(firstDayEnd - DAY);
  const usage = rowsOf<{ api: ApiKindColumn; b: Date | string; n: string | number }>(
    await db.execute(sql`select api, date_bin('1 day'::interval, t, ${BUCKET_ORIGIN.toISOString()}::timestamptz) as b, sum(images_ok)::bigint as n
      from ${rollupSource({ userId: f.userId, appId: f.appId }, since, new Date(now.getTime() + 1), true)} s
      group by 1, 2`),
  );
  // the last 7 days from the first whole hour, so finished hours come from the hourly rollups
  const weekFrom = new Date(Math.ceil((now.getTime() - FORECAST_WINDOW_DAYS * DAY) / 3_600_000) * 3_600_000);
  const weekDays = (now.getTime() - weekFrom.getTime()) / DAY;
  const week = rowsOf<{ api: ApiKindColumn; n: string | number }>(
    await db.execute(sql`select api, sum(images_ok)::bigint as n
      from ${rollupSource({ userId: f.userId, appId: f.appId }, weekFrom, new Date(now.getTime() + 1), true)} s
      group by 1`),
  );

  return API_KINDS.map((api): ApiBurndown => {
    const mine = packs.filter((p) => p.api === api);
    const days = usage.filter((u) => u.api === api).map((u) => ({ start: new Date(u.b).getTime(), n: Number(u.n) }));
    /** calls charged after the day boundary `t` (whole days; today's partial day is whole too) */
    const chargedAfter = (t: number) => days.filter((d) => d.start >= t).reduce((s, d) => s + d.n, 0);
    const leftAt = (t: number): number => {
      let v = left[api] + chargedAfter(t);
      for (const p of mine) {
        if (p.startsAt.getTime() > t && p.expiresAt.getTime() > now.getTime()) v -= p.callsTotal;
        if (p.startsAt.getTime() <= t && p.expiresAt.getTime() > t && p.expiresAt.getTime() <= now.getTime()) v += p.callsTotal - p.callsUsed;
      }
      return Math.max(0, v);
    };
    const points: BurnPoint[] = [];
    for (let t = firstDayEnd; t <= now.getTime(); t += DAY) points.push({ t, left: leftAt(t) });
    points.push({ t: now.getTime(), left: left[api] });

    const charged7 = Number(week.find((w) => w.api === api)?.n ?? 0);
    const dailyRate = weekDays > 0 ? charged7 / weekDays : 0;
    const valid = mine.filter((p) => isPackLive(p, now));
    const { forecast, path } = forecastQuota(
      valid.map((p) => ({ left: p.callsTotal - p.callsUsed, expiresAt: p.expiresAt.getTime() })),
      dailyRate,
      now.getTime(),
    );
    return { api, left: left[api], points, dailyRate, forecast, forecastPath: path, hasPacks: mine.length > 0 };
  });
}
