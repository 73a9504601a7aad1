/**
 * Alert evaluation: for every enabled rule, which subjects (an API, a pack, "" for the
 * whole application, or an API's day and percentage for daily caps) are in alarm now.
 * New ones are raised with `insert … on conflict do nothing` against the unique index of
 * open events per (rule_id, subject) (and, for daily caps, of all events per subject),
 * so any number of app instances evaluating at once raise each alert exactly once; open
 * events whose condition has ended (or whose rule was disabled) get cleared_at (an evaluation
 * at `now` never clears an event opened after `now`). Raising
 * and clearing queue a webhook delivery when the account has a webhook URL.
 */
import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "@/db";
import { ALERT_KINDS, API_KINDS, type ApiKindColumn } from "@/db/schema";
import { shDate } from "@/lib/format";
import { newId } from "@/lib/id";
import { percentileMs } from "@/lib/metering/histogram";
import { remainingByApi } from "@/lib/quota/remaining";
import { histSumJsonSql } from "@/lib/monitoring/series";
import { API_LABELS } from "@/lib/catalogue/apis";
import { shanghaiDay } from "@/lib/apps/limits";
import { dailyCapSubject, KIND_INFO, RATE_MIN_CALLS, RATE_WINDOW_MINUTES, type AlertKind, type AlertLevel } from "./kinds";
import { enqueueDeliveries } from "./webhook";

export interface Firing {
  ruleId: string;
  appId: string;
  userId: string;
  kind: AlertKind;
  subject: string;
  level: AlertLevel;
  message: string;
}

interface RuleRow {
  rule_id: string;
  app_id: string;
  user_id: string;
  app_name: string;
  kind: AlertKind;
  threshold: number;
}

export interface EvaluateResult {
  raised: string[];
  cleared: string[];
}

function appScope(appId: string | undefined, col = "a.id"): SQL {
  return appId ? sql`and ${sql.raw(col)} = ${appId}` : sql``;
}

async function enabledRules(db: DbOrTx, kinds: readonly AlertKind[], appId?: string): Promise<RuleRow[]> {
  return rowsOf<RuleRow>(
    await db.execute(sql`select r.id as rule_id, a.id as app_id, a.user_id, a.name as app_name, r.kind, r.threshold
      from alert_rules r join apps a on a.id = r.app_id
      where r.enabled and a.deleted_at is null and r.kind in (${sql.join(kinds.map((k) => sql`${k}`), sql`, `)}) ${appScope(appId)}`),
  );
}

const QUOTA_KINDS = ["quota_low_percent", "quota_low_calls", "quota_exhausted"] as const;

/** Remaining-quota rules, per application and API that has had a pack (started by `now`). */
async function quotaFirings(db: DbOrTx, now: Date, appId?: string): Promise<Firing[]> {
  const rules = await enabledRules(db, QUOTA_KINDS, appId);
  if (rules.length === 0) return [];
  const appIds = [...new Set(rules.map((r) => r.app_id))];
  const at = now.toISOString();
  // capacity: calls of the packs valid in time now (used-up ones included), for the percentage
  const packs = rowsOf<{ app_id: string; api: ApiKindColumn; capacity: string | number }>(
    await db.execute(sql`select app_id, api,
        coalesce(sum(calls_total) filter (where starts_at <= ${at}::timestamptz and expires_at > ${at}::timestamptz), 0)::bigint as capacity
      from quota_packs where status = 'active' and starts_at <= ${at}::timestamptz and app_id in (${sql.join(appIds.map((id) => sql`${id}`), sql`, `)})
      group by app_id, api`),
  );
  const out: Firing[] = [];
  for (const id of appIds) {
    const mine = packs.filter((p) => p.app_id === id);
    if (mine.length === 0) continue;
    const left = await remainingByApi(db, id, now);
    for (const r of rules.filter((x) => x.app_id === id)) {
      for (const api of API_KINDS) {
        const p = mine.find((x) => x.api === api);
        if (!p) continue;
        const n = left[api];
        const cap = Number(p.capacity);
        const base = { ruleId: r.rule_id, appId: id, userId: r.user_id, kind: r.kind, subject: api, level: KIND_INFO[r.kind].level };
        const who = `应用「${r.app_name}」的${API_LABELS[api]}`;
        if (r.kind === "quota_exhausted" && n === 0) {
          out.push({ ...base, message: `${who}额度已用完，调用将返回 4019，请购买资源包` });
        } else if (r.kind === "quota_low_calls" && n > 0 && n < r.threshold) {
          out.push({ ...base, message: `${who}剩余 ${n} 次，低于 ${r.threshold} 次` });
        } else if (r.kind === "quota_low_percent" && n > 0 && cap > 0 && n * 100 < r.threshold * cap) {
          out.push({ ...base, message: `${who}剩余 ${n} 次，低于有效额度 ${cap} 次的 ${r.threshold}%` });
        }
      }
    }
  }
  return out;
}

/** Packs with calls left that expire within the threshold's days; the subject is the pack. */
async function expiringFirings(db: DbOrTx, now: Date, appId?: string): Promise<Firing[]> {
  const at = now.toISOString();
  const rows = rowsOf<RuleRow & { pack_id: string; api: ApiKindColumn; left_calls: number; expires_at: Date | string }>(
    await db.execute(sql`select r.id as rule_id, a.id as app_id, a.user_id, a.name as app_name, r.kind, r.threshold,
        p.id as pack_id, p.api, (p.calls_total - p.calls_used) as left_calls, p.expires_at
      from alert_rules r join apps a on a.id = r.app_id join quota_packs p on p.app_id = a.id
      where r.enabled and a.deleted_at is null and r.kind = 'pack_expiring' ${appScope(appId)}
        and p.status = 'active' and p.starts_at <= ${at}::timestamptz and p.expires_at > ${at}::timestamptz and p.calls_used < p.calls_total
        and p.expires_at <= ${at}::timestamptz + make_interval(days => r.threshold)`),
  );
  return rows.map((r) => ({
    ruleId: r.rule_id,
    appId: r.app_id,
    userId: r.user_id,
    kind: r.kind,
    subject: r.pack_id,
    level: KIND_INFO.pack_expiring.level,
    message: `应用「${r.app_name}」的${API_LABELS[r.api]}资源包（剩余 ${r.left_calls} 次）将于 ${shDate(r.expires_at)} 到期`,
  }));
}

const RATE_KINDS = ["error_rate", "latency_p95", "sign_failures"] as const;

/** Rules over the last five minutes of rollups. */
async function rateFirings(db: DbOrTx, now: Date, appId?: string): Promise<Firing[]> {
  const rules = await enabledRules(db, RATE_KINDS, appId);
  if (rules.length === 0) return [];
  const appIds = [...new Set(rules.map((r) => r.app_id))];
  const since = new Date(Math.floor(now.getTime() / 60_000) * 60_000 - (RATE_WINDOW_MINUTES - 1) * 60_000);
  const rows = rowsOf<{ app_id: string; api: ApiKindColumn; calls: string | number; failed: string | number; sign: string | number; hist: (string | number)[] }>(
    await db.execute(sql`select app_id, api, sum(calls)::bigint as calls, sum(failed_calls)::bigint as failed, sum(sign_failures)::bigint as sign,
        ${histSumJsonSql()} as hist
      from call_rollups
      where minute >= ${since.toISOString()}::timestamptz and minute <= ${now.toISOString()}::timestamptz
        and app_id in (${sql.join(appIds.map((id) => sql`${id}`), sql`, `)})
      group by app_id, api`),
  );
  const out: Firing[] = [];
  for (const r of rules) {
    const mine = rows.filter((x) => x.app_id === r.app_id);
    const base = { ruleId: r.rule_id, appId: r.app_id, userId: r.user_id, kind: r.kind, level: KIND_INFO[r.kind].level };
    if (r.kind === "sign_failures") {
      const n = mine.reduce((s, x) => s + Number(x.sign), 0);
      if (n > r.threshold) {
        out.push({ ...base, subject: "", message: `应用「${r.app_name}」${RATE_WINDOW_MINUTES} 分钟内签名校验失败 ${n} 次（阈值 ${r.threshold} 次），请检查 AppSecret 是否泄露或配置错误` });
      }
      continue;
    }
    for (const x of mine) {
      const calls = Number(x.calls);
      if (calls < RATE_MIN_CALLS) continue;
      const who = `应用「${r.app_name}」的${API_LABELS[x.api]}`;
      if (r.kind === "error_rate") {
        const failed = Number(x.failed);
        if (failed * 100 > r.threshold * calls) {
          out.push({ ...base, subject: x.api, message: `${who} ${RATE_WINDOW_MINUTES} 分钟内 ${calls} 次请求失败 ${failed} 次（${Math.round((failed * 100) / calls)}%，阈值 ${r.threshold}%）` });
        }
      } else {
        const p95 = percentileMs(x.hist.map(Number), 0.95);
        if (p95 !== null && p95 > r.threshold) {
          out.push({ ...base, subject: x.api, message: `${who} ${RATE_WINDOW_MINUTES} 分钟内 p95 响应时间 ${Math.round(p95)} ms（阈值 ${r.threshold} ms）` });
        }
      }
    }
  }
  return out;
}

/**
 * The daily_cap rule: per API with a daily cap (apps.daily_caps), today's admitted calls
 * (app_daily_calls, Asia/Shanghai day) against the rule's percentage and against 100 %.
 * The subject names the API, the day and the percentage, and alert_events_daily_cap_once
 * keeps each raised once, however often it clears (a cap raised, then lowered again).
 */
async function dailyCapFirings(db: DbOrTx, now: Date, appId?: string): Promise<Firing[]> {
  const day = shanghaiDay(now);
  const rows = rowsOf<RuleRow & { api: ApiKindColumn; calls: string | number; cap: string | number }>(
    await db.execute(sql`select r.id as rule_id, a.id as app_id, a.user_id, a.name as app_name, r.kind, r.threshold,
        c.api, c.count as calls, (a.daily_caps ->> c.api)::bigint as cap
      from alert_rules r join apps a on a.id = r.app_id
        join app_daily_calls c on c.app_id = a.id and c.day = ${day}::date
      where r.enabled and a.deleted_at is null and r.kind = 'daily_cap' and (a.daily_caps ->> c.api) is not null ${appScope(appId)}`),
  );
  const out: Firing[] = [];
  for (const r of rows) {
    const calls = Number(r.calls);
    const cap = Number(r.cap);
    if (!(cap > 0)) continue;
    const base = { ruleId: r.rule_id, appId: r.app_id, userId: r.user_id, kind: r.kind };
    const who = `应用「${r.app_name}」的${API_LABELS[r.api]}`;
    if (calls * 100 >= r.threshold * cap) {
      out.push({ ...base, subject: dailyCapSubject(r.api, day, r.threshold), level: "warning", message: `${who}今日已调用 ${calls} 次，达到每日上限 ${cap} 次的 ${r.threshold}%（北京时间 0 点重置）` });
    }
    if (calls >= cap) {
      out.push({ ...base, subject: dailyCapSubject(r.api, day, 100), level: "critical", message: `${who}今日已调用 ${calls} 次，达到每日上限 ${cap} 次，今天的后续调用将返回 4019（北京时间 0 点重置，可在控制台该应用的“调用限制”中调整）` });
    }
  }
  return out;
}

/** Raises what fires and is not open yet; clears open events of `kinds` that no longer fire. */
export async function applyFirings(db: DbOrTx, firings: Firing[], kinds: readonly AlertKind[], now: Date, appId?: string): Promise<EvaluateResult> {
  const at = now.toISOString();
  const raised: string[] = [];
  if (firings.length > 0) {
    const values = firings.map(
      (f) => sql`(${newId("alt")}, ${f.appId}, ${f.userId}, ${f.ruleId}, ${f.kind}, ${f.subject}, ${f.level}, ${f.message}, ${at}::timestamptz)`,
    );
    const rows = rowsOf<{ id: string }>(
      await db.execute(sql`insert into alert_events (id, app_id, user_id, rule_id, kind, subject, level, message, opened_at)
        values ${sql.join(values, sql`, `)}
        on conflict do nothing
        returning id`),
    );
    raised.push(...rows.map((r) => r.id));
  }
  const keys = firings.map((f) => sql`(${f.ruleId}, ${f.subject})`);
  const cleared = rowsOf<{ id: string }>(
    await db.execute(sql`update alert_events set cleared_at = ${at}::timestamptz
      where cleared_at is null and opened_at <= ${at}::timestamptz and kind in (${sql.join(kinds.map((k) => sql`${k}`), sql`, `)}) ${appScope(appId, "app_id")}
        ${keys.length > 0 ? sql`and (rule_id, subject) not in (${sql.join(keys, sql`, `)})` : sql``}
      returning id`),
  ).map((r) => r.id);
  if (raised.length > 0) await enqueueDeliveries(db, raised, "alert.opened", now);
  if (cleared.length > 0) await enqueueDeliveries(db, cleared, "alert.resolved", now);
  return { raised, cleared };
}

/**
 * Evaluates every enabled rule (of one application when `appId` is given) at `now`.
 * Safe to run from several instances at once.
 */
export async function evaluate(db: DbOrTx, now: Date = new Date(), opts: { appId?: string } = {}): Promise<EvaluateResult> {
  const result: EvaluateResult = { raised: [], cleared: [] };
  const steps: [readonly AlertKind[], (db: DbOrTx, now: Date, appId?: string) => Promise<Firing[]>][] = [
    [QUOTA_KINDS, quotaFirings],
    [["pack_expiring"], expiringFirings],
    [RATE_KINDS, rateFirings],
    [["daily_cap"], dailyCapFirings],
  ];
  for (const [kinds, fire] of steps) {
    const r = await applyFirings(db, await fire(db, now, opts.appId), kinds, now, opts.appId);
    result.raised.push(...r.raised);
    result.cleared.push(...r.cleared);
  }
  return result;
}

/** Every kind is covered by exactly one step above (checked by the tests). */
export const EVALUATED_KINDS: readonly AlertKind[] = [...QUOTA_KINDS, "pack_expiring", ...RATE_KINDS, "daily_cap"];
export { ALERT_KINDS };

/**
 * Evaluates the rules of one customer's applications (the 应用告警 page does this when it
 * opens, so it is current even between scheduler ticks or where no scheduler runs).
 */
export async function evaluateForUser(db: DbOrTx, userId: string, now: Date = new Date()): Promise<EvaluateResult> {
  const ids = rowsOf<{ id: string }>(await db.execute(sql`select id from apps where user_id = ${userId} and deleted_at is null`));
  const result: EvaluateResult = { raised: [], cleared: [] };
  for (const { id } of ids) {
    const r = await evaluate(db, now, { appId: id });
    result.raised.push(...r.raised);
    result.cleared.push(...r.cleared);
  }
  return result;
}
