/**
 * The job runner, started once per server process from instrumentation.ts (unless
 * JOB_RUNNER=0): it keeps up to JOB_CONCURRENCY images (default twice ENGINE_CONCURRENCY;
 * raise it for an engine pool) of asynchronous jobs in recognition, claiming more as they finish, and
 * every 30 s sends due callbacks and deletes expired jobs. Any number of processes may
 * run it: claims use FOR UPDATE SKIP LOCKED, so each image runs once (or again only
 * after its lease ran out because its process died).
 */
import { getDb } from "@/db";
import { getEngine } from "@/lib/engine";
import { deliverJobCallbacks } from "./callback";
import { purgeExpiredJobs } from "./manage";
import { claimImages, processImage } from "./run";

const KEY = Symbol.for("ocr-cloud.job-runner");
type State = { stop: boolean; inFlight: number; claiming: boolean; again: boolean; timer: NodeJS.Timeout | null; wake: NodeJS.Timeout | null };
const IDLE_POLL_MS = 1000;
const HOUSEKEEPING_MS = 30_000;

export function jobConcurrency(engineConcurrency: number): number {
  return Number(process.env.JOB_CONCURRENCY) || Math.max(2, engineConcurrency * 2);
}

async function fill(state: State): Promise<void> {
  if (state.stop) return;
  if (state.claiming) {
    state.again = true;
    return;
  }
  state.claiming = true;
  let idle = false;
  try {
    const db = await getDb();
    const room = jobConcurrency(Number(process.env.ENGINE_CONCURRENCY) || 1) - state.inFlight;
    if (room > 0) {
      const claimed = await claimImages(db, room);
      idle = claimed.length === 0;
      // The engine (models, or the pool connection) is created only once there is work.
      const engine = claimed.length > 0 ? getEngine() : null;
      for (const c of claimed) {
        state.inFlight++;
        void processImage(db, engine!, c)
          .catch((e: unknown) => console.error(`[jobs] image ${c.jobId}.${c.idx} failed:`, e instanceof Error ? e.message : e))
          .finally(() => {
            state.inFlight--;
            void fill(state);
          });
      }
    }
  } catch (e) {
    idle = true;
    console.error("[jobs] claim failed:", e instanceof Error ? e.message : e);
  } finally {
    state.claiming = false;
  }
  if (state.again) {
    state.again = false;
    return fill(state);
  }
  if (idle) {
    if (state.wake) clearTimeout(state.wake);
    state.wake = setTimeout(() => void fill(state), IDLE_POLL_MS);
  }
}

async function housekeeping(): Promise<void> {
  try {
    const db = await getDb();
    await deliverJobCallbacks(db);
    await purgeExpiredJobs(db);
  } catch (e) {
    console.error("[jobs] callbacks/retention failed:", e instanceof Error ? e.message : e);
  }
}

export function startJobRunner(): void {
  const g = globalThis as { [KEY]?: State };
  if (g[KEY] || process.env.JOB_RUNNER === "0") return;
  const state: State = { stop: false, inFlight: 0, claiming: false, again: false, timer: null, wake: null };
  g[KEY] = state;
  state.timer = setInterval(() => void housekeeping(), HOUSEKEEPING_MS);
  state.timer.unref();
  void fill(state);
}

/** Wakes the runner at once (a job was just submitted in this process). */
export function nudgeJobRunner(): void {
  const state = (globalThis as { [KEY]?: State })[KEY];
  if (state && !state.stop) void fill(state);
}
