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
