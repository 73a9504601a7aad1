import { getEngine, type EngineStats } from "@/lib/engine";

/** 引擎健康: the process's engine counters (queue depth, busy refusals, images per second). */
export function engineHealth(): EngineStats | { error: string } {
  try {
    return getEngine().stats();
  } catch (e) {
    return { error: e instanceof Error ? e.message : "引擎不可用" };
  }
}
