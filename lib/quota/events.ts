/**
 * In-process hook for "an application's quota for an API is used up", for alerting.
 * Emitted when a charge takes the last call of the last valid pack ("used_up") and
 * when a request is refused with 4019 ("refused"). Listeners are kept on globalThis
 * so every module instance (Next dev reloads, route bundles) shares them; a listener
 * that throws or rejects is ignored.
 */
import type { ApiKind } from "@/lib/engine/types";

export interface QuotaExhaustedEvent {
  appId: string;
  api: ApiKind;
  reason: "used_up" | "refused";
  at: Date;
}

export type QuotaListener = (e: QuotaExhaustedEvent) => void | Promise<void>;

const KEY = Symbol.for("ocr-cloud.quota-exhausted");
function listeners(): Set<QuotaListener> {
  const g = globalThis as { [KEY]?: Set<QuotaListener> };
  return (g[KEY] ??= new Set());
}

/** Subscribes; returns the function that unsubscribes. */
export function onQuotaExhausted(listener: QuotaListener): () => void {
  listeners().add(listener);
  return () => listeners().delete(listener);
}

export function emitQuotaExhausted(e: QuotaExhaustedEvent): void {
  for (const l of listeners()) {
    try {
      const r = l(e);
      if (r instanceof Promise) r.catch(() => undefined);
    } catch {
      // a broken listener must not break a customer's call
    }
  }
}

/**
 * In-process hook for "an application's calls to an API today passed another whole percent
 * of its daily cap" (lib/apps/limits), so the daily_cap alert rule is evaluated at once
 * rather than at the scheduler's next tick. At most 100 per application, API and day.
 */
export interface DailyCapEvent {
  appId: string;
  api: ApiKind;
  count: number;
  cap: number;
  at: Date;
}

export type DailyCapListener = (e: DailyCapEvent) => void | Promise<void>;

const CAP_KEY = Symbol.for("ocr-cloud.daily-cap-progress");
function capListeners(): Set<DailyCapListener> {
  const g = globalThis as { [CAP_KEY]?: Set<DailyCapListener> };
  return (g[CAP_KEY] ??= new Set());
}

export function onDailyCapProgress(listener: DailyCapListener): () => void {
  capListeners().add(listener);
  return () => capListeners().delete(listener);
}

/** True when the count-th call of the day is the first to reach a whole percent of `cap`. */
export function crossesPercent(count: number, cap: number): boolean {
  if (cap <= 0 || count <= 0) return false;
  return Math.floor((count * 100) / cap) > Math.floor(((count - 1) * 100) / cap);
}

export function emitDailyCapProgress(e: DailyCapEvent): void {
  for (const l of capListeners()) {
    try {
      const r = l(e);
      if (r instanceof Promise) r.catch(() => undefined);
    } catch {
      // a broken listener must not break a customer's call
    }
  }
}
