import { cancelStaleOrders } from "./cancel";

const INTERVAL_MS = 5 * 60 * 1000;
const g = globalThis as unknown as { __orderJobs?: NodeJS.Timeout };

/**
 * Starts the order scheduler once per process: every five minutes, orders unpaid for
 * 24 hours are cancelled. Called from instrumentation.ts register() in the Node runtime.
 */
export function startOrderJobs(): void {
  if (g.__orderJobs) return;
  const run = async () => {
    try {
      const { getDb } = await import("@/db");
      const n = await cancelStaleOrders(await getDb(), new Date());
      if (n > 0) console.info(`[orders] cancelled ${n} unpaid order(s) older than 24h`);
    } catch (e) {
      console.error("[orders] cancelStaleOrders failed:", e instanceof Error ? e.message : e);
    }
  };
  g.__orderJobs = setInterval(run, INTERVAL_MS);
  g.__orderJobs.unref?.();
  setTimeout(run, 10_000).unref?.();
}
