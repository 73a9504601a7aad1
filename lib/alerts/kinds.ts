/** What each alert rule means, for the rules table and event messages. */
import type { ALERT_KINDS } from "@/db/schema";
import { API_LABELS, isApiKind, type ApiKind } from "@/lib/catalogue/apis";

export type AlertKind = (typeof ALERT_KINDS)[number];
export type AlertLevel = "info" | "warning" | "critical";

export const KIND_INFO: Record<AlertKind, { label: string; unit: string; describe: (n: number) => string; level: AlertLevel; min: number; max: number }> = {
  quota_low_percent: { label: "剩余额度不足（百分比）", unit: "%", describe: (n) => `剩余额度低于有效资源包总量的 ${n}%`, level: "warning", min: 1, max: 99 },
  quota_low_calls: { label: "剩余额度不足（次数）", unit: "次", describe: (n) => `剩余额度低于 ${n} 次`, level: "warning", min: 1, max: 10_000_000 },
  quota_exhausted: { label: "额度已用完", unit: "", describe: () => "接口额度用完，调用将返回 4019", level: "critical", min: 0, max: 0 },
  pack_expiring: { label: "资源包即将到期", unit: "天", describe: (n) => `有剩余额度的资源包在 ${n} 天内到期`, level: "info", min: 1, max: 365 },
  error_rate: { label: "错误率过高", unit: "%", describe: (n) => `5 分钟内失败请求占比高于 ${n}%（至少 5 次请求）`, level: "warning", min: 1, max: 100 },
  latency_p95: { label: "响应时间过长", unit: "ms", describe: (n) => `5 分钟内 p95 响应时间高于 ${n} ms（至少 5 次请求）`, level: "warning", min: 1, max: 60_000 },
  sign_failures: { label: "签名失败过多", unit: "次", describe: (n) => `5 分钟内签名校验失败多于 ${n} 次（密钥泄露或配置错误）`, level: "critical", min: 0, max: 100_000 },
  daily_cap: {
    label: "每日调用上限",
    unit: "%",
    describe: (n) => `接口当日调用达到该应用每日上限的 ${n}% 时提醒，达到 100% 时再提醒（每个接口每天各一次，北京时间 0 点重置）`,
    level: "warning",
    min: 1,
    max: 99,
  },
};

/** A daily-cap alert's subject: the API, the Asia/Shanghai day and the percentage reached. */
export function dailyCapSubject(api: ApiKind, day: string, percent: number): string {
  return `${api}:${day}:${percent}`;
}

/** What an event is about, for people: an API, the whole application, a pack, or an API's day. */
export function subjectLabel(subject: string): string {
  if (!subject) return "整个应用";
  if (isApiKind(subject)) return API_LABELS[subject];
  const m = /^([a-z]+):(\d{4}-\d{2}-\d{2}):(\d{1,3})$/.exec(subject);
  if (m && isApiKind(m[1])) return `${API_LABELS[m[1]]} · ${m[2]} · ${m[3]}%`;
  return `资源包 ${subject}`;
}

export const LEVEL_LABEL: Record<AlertLevel, string> = { info: "提示", warning: "警告", critical: "严重" };

/** Minutes of rollups the rate rules look at, and the fewest calls they judge. */
export const RATE_WINDOW_MINUTES = 5;
export const RATE_MIN_CALLS = 5;
