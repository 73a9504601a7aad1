/**
 * When does an API's quota run out? Packs are spent earliest expiry first (lib/quota/consume.ts),
 * so at the recent daily rate each pack is used up or expires in turn. The forecast never
 * reaches past the last pack's expiry: after it there is nothing left to use up.
 */
const DAY = 86_400_000;

export interface ForecastPack {
  /** calls left in the pack now */
  left: number;
  expiresAt: number;
}

export type Forecast =
  /** nothing left */
  | { kind: "empty" }
  /** no calls recently: 按当前用量不会用完; the quota lasts until `until` (the last expiry) */
  | { kind: "idle"; until: number; daysLeft: number; leftAtExpiry: number }
  /** used up at `at`, before the packs expire; `expiring` calls of earlier packs expire unused on the way */
  | { kind: "runsOut"; at: number; daysLeft: number; expiring: number }
  /** 到期前不会用完: the last pack expires at `until` with `leftAtExpiry` calls unused */
  | { kind: "outlasts"; until: number; daysLeft: number; leftAtExpiry: number; expiring: number };

export interface ForecastResult {
  forecast: Forecast;
  /** the expected calls left over time, from now to the end of the forecast (a step down where a pack expires) */
  path: { t: number; left: number }[];
}

/** Whole days from now to t, rounded up (a part of a day is a day left). */
export const daysUntil = (t: number, now: number) => Math.max(0, Math.ceil((t - now) / DAY));

/** The forecast for calls left in `packs` (valid now) spent at `dailyRate` calls a day from `now`. */
export function forecastQuota(packs: ForecastPack[], dailyRate: number, now: number): ForecastResult {
  const live = packs.filter((p) => p.left > 0 && p.expiresAt > now).sort((a, b) => a.expiresAt - b.expiresAt);
  let total = live.reduce((s, p) => s + p.left, 0);
  if (total === 0) return { forecast: { kind: "empty" }, path: [] };
  const last = live.at(-1)!;
  const path = [{ t: now, left: total }];
  if (!(dailyRate > 0)) {
    // unused packs simply expire one after another
    for (const p of live) {
      path.push({ t: p.expiresAt, left: total }, { t: p.expiresAt + 1, left: (total -= p.left) });
    }
    return { forecast: { kind: "idle", until: last.expiresAt, daysLeft: daysUntil(last.expiresAt, now), leftAtExpiry: last.left }, path };
  }
  let t = now;
  let expiring = 0;
  let lastLost = 0;
  for (const p of live) {
    const usedUpAt = t + (p.left / dailyRate) * DAY;
    if (usedUpAt <= p.expiresAt) {
      t = usedUpAt;
      total -= p.left;
      path.push({ t, left: total });
      lastLost = 0;
      continue;
    }
    const spent = ((p.expiresAt - t) / DAY) * dailyRate;
    lastLost = p.left - spent;
    total -= spent;
    path.push({ t: p.expiresAt, left: Math.round(total) }, { t: p.expiresAt + 1, left: Math.round((total -= lastLost)) });
    t = p.expiresAt;
    expiring += lastLost;
  }
  if (lastLost > 0) {
    const leftAtExpiry = Math.round(lastLost);
    return {
      forecast: { kind: "outlasts", until: t, daysLeft: daysUntil(t, now), leftAtExpiry, expiring: Math.round(expiring - lastLost) },
      path,
    };
  }
  return { forecast: { kind: "runsOut", at: t, daysLeft: daysUntil(t, now), expiring: Math.round(expiring) }, path };
}

/** The part of a forecast path up to `horizon` (interpolated at the horizon). */
export function clipPath(path: { t: number; left: number }[], horizon: number): { t: number; left: number }[] {
  const out: { t: number; left: number }[] = [];
  for (let i = 0; i < path.length; i++) {
    const p = path[i]!;
    if (p.t <= horizon) {
      out.push(p);
      continue;
    }
    const prev = path[i - 1];
    if (prev && prev.t < horizon) out.push({ t: horizon, left: Math.round(prev.left + ((p.left - prev.left) * (horizon - prev.t)) / (p.t - prev.t)) });
    break;
  }
  return out;
}

/** 日均 0.7 次, 日均 12 次, 日均不足 0.1 次: never “日均 0 次” beside a forecast. */
export function dailyRateLabel(rate: number): string {
  if (rate < 0.1) return "日均不足 0.1 次";
  if (rate < 10) return `日均 ${rate.toFixed(1)} 次`;
  return `日均 ${Math.round(rate).toLocaleString("en-US")} 次`;
}

const inDays = (n: number) => (n === 0 ? "今天" : `还有 ${n} 天`);

/** What the console says under the burn-down chart; `date` formats a time as a Shanghai date. */
export function forecastText(f: Forecast, dailyRate: number, date: (t: number) => string): string {
  switch (f.kind) {
    case "empty":
      return "额度已用完";
    case "idle":
      return `近 7 天没有调用，按当前用量不会用完；资源包 ${date(f.until)} 到期（${inDays(f.daysLeft)}）`;
    case "runsOut":
      return (
        `按近 7 天的用量（${dailyRateLabel(dailyRate)}），预计 ${date(f.at)} 用完（${inDays(f.daysLeft)}）` +
        (f.expiring > 0 ? `；其间约 ${f.expiring.toLocaleString("en-US")} 次将随资源包到期作废` : "")
      );
    case "outlasts":
      return `按近 7 天的用量（${dailyRateLabel(dailyRate)}），到期前不会用完：资源包 ${date(f.until)} 到期（${inDays(f.daysLeft)}），到期时剩余约 ${f.leftAtExpiry.toLocaleString("en-US")} 次`;
  }
}
