/**
 * The alert scheduler, started once per server process from instrumentation.ts:
 * every 30 s it evaluates all rules, sends due webhook deliveries and folds finished hours
 * into the hourly rollups (lib/monitoring/compact); when the gateway
 * reports a used-up quota or calls passing another percent of a daily cap (lib/quota/events)
 * the application is evaluated at once.
 * Several instances may run it: raising is deduplicated in PostgreSQL and deliveries
 * are claimed with SKIP LOCKED.
 */
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { apps } from "@/db/schema";
import { onDailyCapProgress, onQuotaExhausted } from "@/lib/quota/events";
import { compactRollups } from "@/lib/monitoring/compact";
import { evaluate } from "./evaluate";
import { deliverDue } from "./webhook";

export const TICK_MS = 30_000;

const KEY = Symbol.for("ocr-cloud.alert-jobs");
/** pendingApps: applications being evaluated, with the time of a request that came in meanwhile */
type State = { timer: NodeJS.Timeout | null; unsubscribe: () => void; busy: boolean; pendingApps: Map<string, Date | null> };

async function tick(state: State): Promise<void> {
  if (state.busy) return;
  state.busy = true;
  try {
    const db = await getDb();
    await evaluate(db, new Date());
    await deliverDue(db);
  } catch (e) {
    console.error("[alerts] evaluation failed:", e instanceof Error ? e.message : e);
  }
  try {
    await compactRollups(await getDb(), new Date()); // hourly rollups for the 7/30-day charts
  } catch (e) {
    console.error("[monitoring] hourly rollups failed:", e instanceof Error ? e.message : e);
  } finally {
    state.busy = false;
  }
}

/**
 * Evaluates one application at `at` (its quota ran out, or its calls passed a percent of a
 * daily cap). A burst evaluates once more after the run in progress, not once per call.
 */
async function evaluateApp(state: State, appId: string, at: Date = new Date()): Promise<void> {
  if (state.pendingApps.has(appId)) {
    state.pendingApps.set(appId, at);
    return;
  }
  state.pendingApps.set(appId, null);
  try {
    for (let next: Date | null = at; next; next = state.pendingApps.get(appId) ?? null) {
      state.pendingApps.set(appId, null);
      const db = await getDb();
      const { raised } = await evaluate(db, next, { appId });
      if (raised.length > 0) {
        const [app] = await db.select({ userId: apps.userId }).from(apps).where(eq(apps.id, appId));
        if (app) await deliverDue(db, { userId: app.userId });
      }
    }
  } catch (e) {
    console.error("[alerts] evaluation of one application failed:", e instanceof Error ? e.message : e);
  } finally {
    state.pendingApps.delete(appId);
  }
}

/**
 * Starts the scheduler and the quota hook once per process. `schedule: false` subscribes
 * to the hook only (tests, which must not evaluate everyone's rules at the wall clock).
 */
export function startAlertJobs(opts: { schedule?: boolean } = {}): void {
  const g = globalThis as { [KEY]?: State };
  if (g[KEY]) return;
  const state: State = { timer: null, unsubscribe: () => {}, busy: false, pendingApps: new Map() };
  if (opts.schedule !== false) {
    state.timer = setInterval(() => void tick(state), TICK_MS);
    state.timer.unref();
    void tick(state);
  }
  const offQuota = onQuotaExhausted((e) => evaluateApp(state, e.appId));
  const offCap = onDailyCapProgress((e) => evaluateApp(state, e.appId, e.at));
  state.unsubscribe = () => {
    offQuota();
    offCap();
  };
  g[KEY] = state;
}

export function stopAlertJobs(): void {
  const g = globalThis as { [KEY]?: State };
  const s = g[KEY];
  if (!s) return;
  if (s.timer) clearInterval(s.timer);
  s.unsubscribe();
  delete g[KEY];
}
